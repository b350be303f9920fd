import Foundation
import GRDB
import XCTest
@testable import MonbanStore

final class MonbanDatabaseTests: XCTestCase {
    private var base: URL!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("monban-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let base { try? FileManager.default.removeItem(at: base) }
    }

    // MARK: Helpers

    private func path(_ name: String = "monban.db") -> String {
        base.appendingPathComponent(name).path
    }

    private func contents(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    private func mode(_ path: String) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        return try XCTUnwrap((attrs[.posixPermissions] as? NSNumber)?.intValue) & 0o777
    }

    private func assertNoSidecars(_ path: String, file: StaticString = #filePath, line: UInt = #line) {
        for suffix in ["-wal", "-shm", "-journal"] {
            XCTAssertFalse(exists(path + suffix), "\(suffix) file left behind", file: file, line: line)
        }
    }

    /// Opening `path` throws exactly `expected` and leaves the file byte for byte as it was.
    private func assertRefused(
        _ path: String, _ expected: StoreError, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let before = try contents(path)
        XCTAssertThrowsError(try MonbanDatabase.open(path: path, create: true), file: file, line: line) { error in
            XCTAssertEqual(error as? StoreError, expected, file: file, line: line)
        }
        XCTAssertEqual(try contents(path), before, "file modified", file: file, line: line)
    }

    /// A closed monban database at `path`, WAL checkpointed into the main file.
    private func makeMonbanDatabase(_ path: String) throws {
        let db = try MonbanDatabase.open(path: path, create: true)
        try db.queue.write { db in
            try db.execute(sql: "INSERT INTO contract (id, plan, created_at) VALUES (1, 'basic', 0)")
        }
        try db.queue.close()
        assertNoSidecars(path)
    }

    // MARK: Creating and reopening

    func testCreateMakesFolderAndFileWithPrivateModes() throws {
        let folder = base.appendingPathComponent("a/b").path
        let file = folder + "/monban.db"
        XCTAssertFalse(exists(folder))
        let db = try MonbanDatabase.open(path: file, create: true)
        defer { try? db.queue.close() }
        XCTAssertEqual(db.path, file)
        XCTAssertTrue(exists(file))
        XCTAssertEqual(try mode(file), 0o600)
        XCTAssertEqual(try mode(folder), 0o700)
        // SQLite gives the WAL sidecars the mode of the database file.
        try db.queue.write { try $0.execute(sql: "INSERT INTO contract (plan, created_at) VALUES ('trial', 1)") }
        XCTAssertTrue(exists(file + "-wal"))
        XCTAssertEqual(try mode(file + "-wal"), 0o600)
    }

    func testCreatedDatabaseIsConfigured() throws {
        let db = try MonbanDatabase.open(path: path(), create: true)
        defer { try? db.queue.close() }
        try db.queue.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased(), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), 1)
            XCTAssertEqual(try Int32.fetchOne(db, sql: "PRAGMA application_id"), Schema.applicationID)
            XCTAssertTrue(try Schema.migrator.hasCompletedMigrations(db))
            for table in ["contract", "person", "ticket", "outbox", "audit"] {
                XCTAssertTrue(try db.tableExists(table), table)
            }
        }
    }

    /// A committed transaction survives a power cut: synchronous = FULL, set after
    /// GRDB's WAL set-up (which would choose NORMAL).
    func testSynchronousIsFull() throws {
        let db = try MonbanDatabase.open(path: path(), create: true)
        defer { try? db.queue.close() }
        XCTAssertEqual(try db.queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }, 2) // 2 = FULL
    }

    func testForeignKeysAreEnforced() throws {
        let db = try MonbanDatabase.open(path: path(), create: true)
        defer { try? db.queue.close() }
        XCTAssertThrowsError(try db.queue.write { db in
            try db.execute(sql: """
                INSERT INTO person (contract_id, email, role, login_method, created_at)
                VALUES (999, 'a@example.com', 'user', 'password', 0)
                """)
        }) { error in
            XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT)
        }
    }

    func testReopenKeepsData() throws {
        let file = path()
        try makeMonbanDatabase(file)
        for create in [false, true] {
            let db = try MonbanDatabase.open(path: file, create: create)
            let plans = try db.queue.read { try String.fetchAll($0, sql: "SELECT plan FROM contract") }
            XCTAssertEqual(plans, ["basic"], "create: \(create)")
            XCTAssertEqual(try db.queue.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") },
                           Schema.applicationID)
            try db.queue.close()
        }
        XCTAssertEqual(try mode(file), 0o600)
    }

    func testOpenWithoutCreateOnMissingPathThrowsAndCreatesNothing() throws {
        let folder = base.appendingPathComponent("nothere").path
        let file = folder + "/monban.db"
        XCTAssertThrowsError(try MonbanDatabase.open(path: file, create: false)) { error in
            XCTAssertEqual(error as? StoreError, .missing(path: file))
        }
        XCTAssertFalse(exists(file))
        XCTAssertFalse(exists(folder))

        let direct = path()
        XCTAssertThrowsError(try MonbanDatabase.open(path: direct, create: false)) { error in
            XCTAssertEqual(error as? StoreError, .missing(path: direct))
        }
        XCTAssertFalse(exists(direct))
        assertNoSidecars(direct)
    }

    // MARK: Files that are refused untouched

    func testGarbageFileIsNotMonbanAndUntouched() throws {
        let file = path()
        var garbage = [UInt8](repeating: 0, count: 8192)
        for i in garbage.indices { garbage[i] = UInt8.random(in: 0...255) }
        garbage[0] = 0x00 // never the "S" of "SQLite format 3"
        try Data(garbage).write(to: URL(fileURLWithPath: file))
        try assertRefused(file, .notMonban(path: file))
        assertNoSidecars(file)
    }

    func testShortTextFileIsNotMonbanAndUntouched() throws {
        let file = path()
        try Data("hello".utf8).write(to: URL(fileURLWithPath: file))
        try assertRefused(file, .notMonban(path: file))
        assertNoSidecars(file)
    }

    /// The SQLite magic followed by garbage: not readable as a database.
    func testSQLiteHeaderWithGarbageIsRefusedUntouched() throws {
        let file = path()
        let bytes = Data("SQLite format 3\0".utf8) + Data(repeating: 0x5A, count: 8176)
        try bytes.write(to: URL(fileURLWithPath: file))
        let before = try contents(file)
        XCTAssertThrowsError(try MonbanDatabase.open(path: file, create: true)) { error in
            let e = error as? StoreError
            XCTAssertTrue(e == .notMonban(path: file) || e == .corrupt(path: file), "\(error)")
        }
        XCTAssertEqual(try contents(file), before)
    }

    func testOtherSQLiteDatabaseIsNotMonbanAndUntouched() throws {
        let file = path()
        let other = try DatabaseQueue(path: file)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT)")
            try db.execute(sql: "INSERT INTO foo (name) VALUES ('bar')")
        }
        try other.close()
        try assertRefused(file, .notMonban(path: file))
        assertNoSidecars(file)
    }

    func testOtherWALDatabaseIsNotMonbanAndUntouched() throws {
        let file = path()
        var config = Configuration()
        config.journalMode = .wal
        let other = try DatabaseQueue(path: file, configuration: config)
        try other.write { try $0.execute(sql: "CREATE TABLE foo (id INTEGER PRIMARY KEY)") }
        try other.close()
        try assertRefused(file, .notMonban(path: file))
        // The read-only inspection leaves an empty -wal and a -shm beside a WAL
        // database (SQLite's doing, the main file is untouched): not asserted here.
    }

    /// Another program's database with some other application_id, even without tables.
    func testForeignApplicationIDIsNotMonban() throws {
        let file = path()
        let other = try DatabaseQueue(path: file)
        try other.write { try $0.execute(sql: "PRAGMA application_id = 1234") }
        try other.close()
        try assertRefused(file, .notMonban(path: file))
    }

    func testNewerVersionIsRefusedUntouched() throws {
        let file = path()
        try makeMonbanDatabase(file)
        let plain = try DatabaseQueue(path: file)
        try plain.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-future')") }
        try plain.close()
        assertNoSidecars(file)
        try assertRefused(file, .newerVersion(path: file))
        // And the data is still there for the newer build.
        let check = try DatabaseQueue(path: file, configuration: { var c = Configuration(); c.readonly = true; return c }())
        XCTAssertEqual(try check.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") },
                       (Schema.migrator.migrations + ["v999-future"]).sorted())
        try check.close()
    }

    /// A new file migrated up to `migration` (as an older monban left it), with `rows` written; its path.
    private func olderDatabase(upTo migration: String, _ rows: (Database) throws -> Void) throws -> String {
        let file = path()
        let old = try DatabaseQueue(path: file)
        try Schema.migrator.migrate(old, upTo: migration)
        try old.write(rows)
        try old.close()
        return file
    }

    /// A database written by the first release (v1 only) opens, gains the
    /// two-step tables, and keeps its rows.
    func testV1DatabaseIsMigratedKeepingItsRows() throws {
        let file = try olderDatabase(upTo: "v1-foundation") { db in
            try db.execute(sql: "INSERT INTO contract (id, plan, created_at) VALUES (1, 'basic', 0)")
            try db.execute(sql: """
                INSERT INTO person (contract_id, email, role, login_method, created_at)
                VALUES (1, 'old@example.com', 'contractor', 'email_password', 0)
                """)
        }
        let db = try MonbanDatabase.open(path: file, create: false)
        try db.queue.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT email FROM person"), "old@example.com")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT two_step_failures FROM person"), 0)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM two_step"), 0)
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                           Schema.migrator.migrations.sorted())
        }
    }

    /// Issue 21 item 7: a database of the schema before v13-people-count, with people in
    /// two contracts, gets each contract's kept number of people, which new people then add to.
    func testV12DatabaseGetsEachContractsNumberOfPeople() throws {
        let file = try olderDatabase(upTo: "v12-outbox-sealed") { db in
            try db.execute(sql: "INSERT INTO contract (id, plan, created_at) VALUES (1, 'basic', 0), (2, 'basic', 0), (3, 'trial', 0)")
            for (contract, email) in [(1, "a@example.com"), (1, "b@example.com"), (1, "c@example.com"), (2, "d@example.com")] {
                try db.execute(sql: """
                    INSERT INTO person (contract_id, email, role, login_method, created_at)
                    VALUES (?, ?, 'user', 'email_password', 0)
                    """, arguments: [contract, email])
            }
        }
        let store = try MonbanDatabase.open(path: file, create: false)
        XCTAssertEqual(try store.read { tx in try [1, 2, 3].map { try tx.personCount(contractID: $0) } }, [3, 1, 0])
        try store.write { tx in
            _ = try tx.insertPerson(NewPerson(contractID: 3, email: "e@example.com", name: "", role: "contractor",
                                              loginMethod: "email_password", passwordHash: nil, registered: true,
                                              createdAt: Date(timeIntervalSince1970: 0)))
        }
        XCTAssertEqual(try store.read { tx in try [1, 2, 3].map { try tx.personCount(contractID: $0) } }, [3, 1, 1])
    }

    func testCorruptDatabaseIsRefusedUntouched() throws {
        let file = path()
        let db = try MonbanDatabase.open(path: file, create: true)
        try db.queue.write { db in
            try db.execute(sql: "CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
            let blob = Data(repeating: 0xA5, count: 200)
            for _ in 0..<2000 {
                try db.execute(sql: "INSERT INTO filler (data) VALUES (?)", arguments: [blob])
            }
        }
        let pageSize = try db.queue.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } ?? 4096
        try db.queue.close()
        assertNoSidecars(file)

        var bytes = try contents(file)
        let pages = bytes.count / pageSize
        XCTAssertGreaterThan(pages, 50)
        // Smash a whole page in the middle of the file (never page 1, which holds the header).
        let start = (pages / 2) * pageSize
        XCTAssertGreaterThan(start, pageSize)
        for i in start..<(start + pageSize) { bytes[i] = UInt8(truncatingIfNeeded: i &* 131 &+ 7) }
        try bytes.write(to: URL(fileURLWithPath: file))

        XCTAssertThrowsError(try MonbanDatabase.open(path: file, create: true)) { error in
            XCTAssertEqual(error as? StoreError, .corrupt(path: file), "\(error)")
        }
        XCTAssertEqual(try contents(file), bytes, "corrupt file modified")
    }

    // MARK: Concurrency

    func testConcurrentWriterWaitsInsteadOfFailing() throws {
        let file = path()
        let first = try MonbanDatabase.open(path: file, create: true)
        let second = try MonbanDatabase.open(path: file, create: false)
        defer {
            try? first.queue.close()
            try? second.queue.close()
        }
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let failure = ErrorBox()
        let hold: TimeInterval = 0.3
        Thread.detachNewThread {
            do {
                try first.queue.write { db in
                    try db.execute(sql: "INSERT INTO contract (id, plan, created_at) VALUES (1, 'basic', 0)")
                    holding.signal() // the write lock is held from here until commit
                    Thread.sleep(forTimeInterval: hold)
                }
            } catch {
                failure.set(error)
                holding.signal()
            }
            done.signal()
        }
        XCTAssertEqual(holding.wait(timeout: .now() + 10), .success)
        let start = Date()
        try second.queue.write { db in
            try db.execute(sql: "INSERT INTO contract (id, plan, created_at) VALUES (2, 'trial', 0)")
        }
        let waited = Date().timeIntervalSince(start)
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertNil(failure.get())
        XCTAssertGreaterThan(waited, hold / 3, "second writer did not actually wait for the first")
        XCTAssertEqual(try second.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM contract") }, 2)
    }

    // MARK: Error mapping

    func testMapSQLiteErrors() {
        let p = "/x/monban.db"
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_CORRUPT), path: p), .corrupt(path: p))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_BUSY), path: p), .busy(path: p))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_NOTADB), path: p), .notMonban(path: p))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_LOCKED), path: p), .busy(path: p))
        // Extended codes map through their primary code.
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_BUSY_SNAPSHOT), path: p), .busy(path: p))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_CORRUPT_INDEX), path: p), .corrupt(path: p))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_READONLY), path: p), .unavailable(path: p, reason: .readOnly))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_FULL), path: p), .unavailable(path: p, reason: .diskFull))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_CANTOPEN), path: p), .unavailable(path: p, reason: .cannotOpen))
        XCTAssertEqual(MonbanDatabase.map(DatabaseError(resultCode: .SQLITE_IOERR_WRITE), path: p), .unavailable(path: p, reason: .ioError))
    }

    func testReasonsInEnglish() {
        let p = "/x/y/monban.db"
        XCTAssertEqual(StoreError.Reason.readOnly.english(path: p), "read-only")
        XCTAssertEqual(StoreError.Reason.cannotCreateFolder.english(path: p), "cannot create folder /x/y")
        XCTAssertEqual(StoreError.Reason.other("disk I/O error").english(path: p), "disk I/O error")
    }

    func testMapPassesStoreErrorsThroughAndWrapsOthers() {
        let p = "/x/monban.db"
        XCTAssertEqual(MonbanDatabase.map(StoreError.newerVersion(path: "/y"), path: p), .newerVersion(path: "/y"))
        struct Other: Error {}
        guard case .unavailable(p, _) = MonbanDatabase.map(Other(), path: p) else {
            return XCTFail("a non-SQLite error should be unavailable")
        }
    }
}

/// An error set on one thread and read on another.
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ e: any Error) { lock.lock(); error = e; lock.unlock() }
    func get() -> (any Error)? { lock.lock(); defer { lock.unlock() }; return error }
}
