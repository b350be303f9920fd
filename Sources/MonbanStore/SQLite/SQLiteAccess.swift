import Foundation
import GRDB

/// The SQLite file as the engine's store: `write` is GRDB's write transaction on
/// the one queue, which begins IMMEDIATE (the write lock taken before the first
/// read), and a busy timeout lets other processes wait their turn.
extension MonbanDatabase: ContractStore {
    public var location: String { path }
    public var keyFileBase: String { path }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try queue.read { db in try body(SQLiteAccess(db: db)) }
    }

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try queue.write { db in try body(SQLiteAccess(db: db)) }
    }

    public func storeError(_ error: any Error) -> StoreError {
        Self.map(error, path: path)
    }

    public func discardOverwrittenData() throws {
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}

/// The store's operations on one GRDB connection, inside `read` or `write`.
struct SQLiteAccess: StoreTransaction, PeopleInsertion {
    let db: Database

    /// "?, ?, ?" for `count` arguments.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

extension Row {
    /// A REAL column of seconds since 1970.
    func date(_ column: String) -> Date? {
        (self[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }

    /// A BLOB column.
    func bytes(_ column: String) -> [UInt8]? {
        (self[column] as Data?).map { Array($0) }
    }
}

extension Date {
    /// As stored: seconds since 1970.
    var stored: Double { timeIntervalSince1970 }
}
