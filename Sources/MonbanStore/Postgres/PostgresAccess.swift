import Foundation

/// The store's operations on one PostgreSQL connection, inside `read` or `write`: the
/// same operations as `SQLiteAccess`, table by table (Postgres+*.swift), in PostgreSQL's SQL.
struct PostgresAccess: StoreTransaction, PeopleInsertion {
    let c: PGConnection

    func one(_ sql: String, _ arguments: [(any PGEncodable)?] = []) throws -> PGRow? {
        try c.query(sql, arguments).first
    }

    func all(_ sql: String, _ arguments: [(any PGEncodable)?] = []) throws -> [PGRow] {
        try c.query(sql, arguments)
    }

    /// The first column of the first row.
    func value<T: PGDecodable>(_ sql: String, _ arguments: [(any PGEncodable)?] = []) throws -> T? {
        try c.query(sql, arguments).first?.first()
    }

    /// Runs a statement; how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ arguments: [(any PGEncodable)?] = []) throws -> Int {
        try c.execute(sql, arguments)
    }

    /// Runs an INSERT … RETURNING id; the new row's id.
    func insert(_ sql: String, _ arguments: [(any PGEncodable)?]) throws -> Int64 {
        guard let id: Int64 = try value(sql + " RETURNING id", arguments) else {
            throw PGFailure(sqlState: "XX001", message: "INSERT returned no id")
        }
        return id
    }

    /// "?, ?, ?" for `count` arguments.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
