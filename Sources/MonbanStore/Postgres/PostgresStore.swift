import Foundation

/// A PostgreSQL database as the engine's store (ST-1): many terminals on many machines,
/// one set of rules. The engine cannot tell it from the SQLite file.
///
/// Transactions. Every `write` takes one transaction-scoped advisory lock first, the
/// store's write lock, so that write transactions run one after another across every
/// connection, exactly as SQLite's BEGIN IMMEDIATE makes them on one machine: a
/// read-then-write inside one (count a wrong password and lock at ten, use a ticket once,
/// claim a message, append to the audit chain) never interleaves with another terminal's.
/// Writes run at READ COMMITTED, so each statement after the lock sees every write
/// committed before it (REPEATABLE READ would keep the snapshot taken while waiting).
/// Reads run at REPEATABLE READ, READ ONLY: one consistent snapshot, never blocked.
/// The password hash is computed outside any transaction, so the lock is held for
/// milliseconds. A serialization failure or deadlock (possible only for reads meeting DDL,
/// or an operator's own statements) is retried a bounded number of times.
///
/// Connections. One per store, opened on first use and again after it is lost: an action
/// whose connection dropped fails as a whole (its transaction never committed) with
/// `serverUnavailable`, and the next action connects again — to the new primary after a
/// failover, when the connection string names several hosts with
/// `target_session_attrs=read-write`.
public final class PostgresStore: ContractStore, @unchecked Sendable {
    public let location: String
    public let keyFileBase: String
    private let conninfo: String
    private let lock = NSLock()
    private var connection: PGConnection?

    /// The advisory lock key of the store's write lock ("MONB").
    static let writeLockKey: Int64 = 0x4D4F_4E42
    /// How many times a transaction is tried in all, after serialization failures or deadlocks.
    static let attempts = 5

    private init(conninfo: String, keyFileBase: String) {
        self.conninfo = conninfo
        self.location = conninfo
        self.keyFileBase = keyFileBase
    }

    /// Opens the database named by `conninfo` (a `postgresql://` URI or a keyword string),
    /// refusing a password inside it, a database of another application, and one a newer
    /// monban wrote; otherwise brings its schema to this build's version. `keyFileBase` names the
    /// store's key files (the same on every machine).
    public static func open(_ conninfo: String, keyFileBase: String) throws(StoreError) -> PostgresStore {
        let location = conninfo.trimmingCharacters(in: .whitespaces)
        try refuseUnreadableOrPassword(location)
        let store = PostgresStore(conninfo: location, keyFileBase: keyFileBase)
        do {
            try store.transaction(writing: true) { c in
                switch PGSchema.migrating(c) {
                case .success: break
                case .failure(.newer): throw StoreError.newerVersion(path: location)
                case .failure(.foreign): throw StoreError.notMonban(path: location)
                case .failure(.failed(let f)): throw f
                }
            }
        } catch {
            throw store.storeError(error)
        }
        return store
    }

    /// A connection string libpq cannot read is named by neither its text nor libpq's message
    /// (both can hold a password, badly escaped); one with a password is refused, the password
    /// not repeated.
    static func refuseUnreadableOrPassword(_ location: String) throws(StoreError) {
        switch PGConnectionString.options(location) {
        case .failure:
            throw .serverUnavailable(location: "(the connection string)",
                                     message: "libpq cannot read it: check its quoting and percent-escapes")
        case .success(let options):
            if let password = options["password"], !password.isEmpty {
                throw .passwordInConnectionString(location: redacted(options))
            }
        }
    }

    /// What the database named by `conninfo` holds, read without writing anything (for
    /// `monban doctor`): the server's version and the schema's state against this build.
    public static func inspect(_ conninfo: String) throws(StoreError) -> (serverVersion: Int, schema: SchemaState) {
        let location = conninfo.trimmingCharacters(in: .whitespaces)
        try refuseUnreadableOrPassword(location)
        do {
            let c = try PGConnection(location)
            let schema: SchemaState = switch try PGSchema.state(c) {
            case .empty: .empty
            case .foreign: .foreign
            case .monban(let applied):
                if !applied.isSubset(of: PGSchema.knownIdentifiers) {
                    .newer
                } else {
                    PGSchema.knownIdentifiers.subtracting(applied).isEmpty ? .current : .older
                }
            }
            return (c.serverVersion, schema)
        } catch {
            throw error.isConnectionLost ? .serverUnavailable(location: location, message: error.message)
                : .unavailable(path: location, reason: .other(error.message))
        }
    }

    /// A PostgreSQL database's schema against this build.
    public enum SchemaState: Sendable, Equatable {
        case empty, current, older, newer, foreign
    }

    /// The connection string rebuilt from what libpq read, its password as ***.
    static func redacted(_ options: [String: String]) -> String {
        options.keys.sorted().map { key in "\(key)=\(key == "password" ? "***" : options[key] ?? "")" }
            .joined(separator: " ")
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try transaction(writing: false) { c in try body(PostgresAccess(c: c)) }
    }

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(writing: true) { c in try body(PostgresAccess(c: c)) }
    }

    public func storeError(_ error: any Error) -> StoreError {
        if let e = error as? StoreError { return e }
        if let f = error as? PGFailure {
            if f.isConnectionLost { return .serverUnavailable(location: location, message: f.message) }
            if f.sqlState == "XX001" { return .corrupt(path: location) }
            if f.isRetryable { return .conflict(location: location) }
            if f.sqlState == "25006" || f.sqlState == "42501" {
                // A read-only server (a standby) or a role without the privilege.
                return .unavailable(path: location, reason: .readOnly)
            }
            if f.sqlState == "53100" { return .unavailable(path: location, reason: .diskFull) }
            return .unavailable(path: location, reason: .other(f.message))
        }
        return .unavailable(path: location, reason: .other(String(describing: error)))
    }

    /// Nothing to do: PostgreSQL's own VACUUM reclaims the space of overwritten rows; the
    /// operator's guide says how to make that prompt (issue 19 finding 4).
    public func discardOverwrittenData() throws {}

    /// Runs `body` in one transaction on the store's connection, retrying it after a
    /// serialization failure or deadlock; a lost connection is dropped, to be opened again
    /// by the next action.
    func transaction<T>(writing: Bool, _ body: (PGConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var attempt = 0
        while true {
            attempt += 1
            let c = try connected()
            var begun = false, committing = false
            do {
                if writing {
                    try c.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
                    begun = true
                    try c.execute("SELECT pg_advisory_xact_lock(?)", [Self.writeLockKey])
                } else {
                    try c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    begun = true
                }
                let value = try body(c)
                committing = true
                try c.execute("COMMIT")
                return value
            } catch {
                let failure = error as? PGFailure
                if !c.isOpen || failure?.isConnectionLost == true {
                    connection = nil
                    // Gone before anything was sent (a restart, a failover, an idle timeout since
                    // the last action): connect again and run it, once.
                    if !begun, attempt == 1 { continue }
                    // Gone while committing: the server may have applied it.
                    if committing { throw StoreError.outcomeUnknown(location: location) }
                    throw StoreError.serverUnavailable(location: location, message: failure?.message ?? "\(error)")
                }
                _ = try? c.execute("ROLLBACK")
                if let failure, failure.isRetryable, attempt < Self.attempts {
                    // Let the other transaction finish first: 2, 4, 8… milliseconds.
                    usleep(useconds_t(1000 << attempt))
                    continue
                }
                throw error
            }
        }
    }

    private func connected() throws -> PGConnection {
        if let c = connection, c.isOpen { return c }
        connection = nil
        do {
            let c = try PGConnection(conninfo)
            // Doubles exact in text on every server version (shortest form from PostgreSQL 12 on).
            try c.execute("SET extra_float_digits = 3")
            connection = c
            return c
        } catch {
            throw StoreError.serverUnavailable(location: location, message: error.message)
        }
    }
}
