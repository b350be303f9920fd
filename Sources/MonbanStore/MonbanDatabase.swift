import Foundation
import GRDB

/// The SQLite file behind one monban installation: opened only after it has been
/// checked to be a monban database this build understands, then migrated, in WAL
/// mode, with foreign keys and a busy timeout so that concurrent processes wait
/// for each other instead of failing.
public final class MonbanDatabase: Sendable {
    public let path: String
    public let queue: DatabaseQueue

    /// How long a writer waits for another process's transaction.
    public static let busyTimeout: TimeInterval = 15

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Opens the database at `path`. With `create`, a missing file (and its
    /// folder) is created with mode 0600 (0700 for the folder).
    public static func open(path: String, create: Bool) throws(StoreError) -> MonbanDatabase {
        let fm = FileManager.default
        var isNew = false
        if !fm.fileExists(atPath: path) {
            guard create else { throw .missing(path: path) }
            try createEmptyFile(at: path)
            isNew = true
        }
        if !isNew {
            try checkHeader(path)
            if try size(of: path) > 0 {
                try inspectReadOnly(path)
            }
        }
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            // After GRDB's WAL set-up, which chooses NORMAL: a committed failure
            // count or used ticket must survive a power cut.
            // secure_delete: a row overwritten or deleted (an outbox message's secrets dropped,
            // issue 19 finding 4) leaves zeros, not its old bytes, in the freed space.
            try queue.inDatabase { try $0.execute(sql: "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON") }
            let applied = try queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
            try Schema.migrator.migrate(queue)
            let database = MonbanDatabase(path: path, queue: queue)
            // A migration that redacted rows (v12) leaves their old pages in the log: gone now.
            if !applied.contains("v12-outbox-sealed") { try database.discardOverwrittenData() }
            return database
        } catch {
            throw map(error, path: path)
        }
    }

    /// Maps an SQLite error to what it means for the person using monban.
    public static func map(_ error: any Error, path: String) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let db = error as? DatabaseError else {
            return .unavailable(path: path, reason: .other(String(describing: error)))
        }
        switch db.resultCode {
        case .SQLITE_CORRUPT: return .corrupt(path: path)
        case .SQLITE_NOTADB: return .notMonban(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_READONLY: return .unavailable(path: path, reason: .readOnly)
        case .SQLITE_FULL: return .unavailable(path: path, reason: .diskFull)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .unavailable(path: path, reason: .cannotOpen)
        case .SQLITE_IOERR: return .unavailable(path: path, reason: .ioError)
        default: return .unavailable(path: path, reason: .other(db.message ?? "SQLite error \(db.resultCode.rawValue)"))
        }
    }

    private static func createEmptyFile(at path: String) throws(StoreError) {
        let dir = FilePath.directory(of: path)
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            do {
                try FileManager.default.createDirectory(
                    atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unavailable(path: path, reason: .cannotCreateFolder)
            }
        }
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw .unavailable(path: path, reason: .other(String(cString: strerror(errno))))
        }
        close(fd)
    }

    private static func size(of path: String) throws(StoreError) -> UInt64 {
        do {
            let attrs = try FileManager.default.attributesOfItem(atPath: path)
            return (attrs[.size] as? NSNumber)?.uint64Value ?? 0
        } catch {
            throw .unavailable(path: path, reason: .cannotRead)
        }
    }

    /// A non-empty SQLite file starts with "SQLite format 3\0".
    private static func checkHeader(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unavailable(path: path, reason: .cannotRead)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }
        if head != Data("SQLite format 3\0".utf8) { throw .notMonban(path: path) }
    }

    /// Looks at an existing file through a read-only connection before anything
    /// may write to it: a foreign or newer database is refused untouched.
    private static func inspectReadOnly(_ path: String) throws(StoreError) {
        try readOnly(path) { db in
            guard try isMonban(db, path: path) else { return }
            if try Schema.migrator.hasBeenSuperseded(db) { throw StoreError.newerVersion(path: path) }
            let check = try String.fetchOne(db, sql: "PRAGMA quick_check(1)") ?? ""
            if check != "ok" { throw StoreError.corrupt(path: path) }
        }
    }

    /// Runs `body` on a read-only connection to the file at `path` (nothing written, nothing migrated).
    static func readOnly<T>(_ path: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read(body)
        } catch {
            throw map(error, path: path)
        }
    }

    /// True for a monban database, false for a file with no tables yet; a database of any
    /// other application is refused (`notMonban`).
    static func isMonban(_ db: Database, path: String) throws -> Bool {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID == Schema.applicationID { return true }
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if appID != 0 || tables > 0 { throw StoreError.notMonban(path: path) }
        return false
    }
}
