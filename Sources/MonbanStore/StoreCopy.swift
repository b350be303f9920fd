import Foundation
import GRDB

/// `monban store copy` (ST-1, issue 21 item 5): every row of one store into an empty other —
/// a SQLite file into a PostgreSQL database, or back — in one transaction on the target, so
/// that a copy either is whole or is not there at all. The people search is rebuilt by the
/// target from the people (each store indexes in its own way); a PostgreSQL target's id
/// sequences continue after the highest id copied.
public enum StoreCopy {
    /// A column's kind, as both stores keep it.
    enum Kind { case int, real, text, blob, bool }

    /// Every table but the search index, parents before children, with its columns.
    static let tables: [(name: String, columns: [(String, Kind)])] = [
        ("contract", [("id", .int), ("plan", .text), ("created_at", .real), ("trial_started_at", .real),
                      ("converted_at", .real), ("two_factor_enabled", .bool), ("access_route", .text)]),
        ("person", [("id", .int), ("contract_id", .int), ("email", .text), ("name", .text), ("role", .text),
                    ("login_method", .text), ("password_hash", .text), ("failed_attempts", .int), ("locked_at", .real),
                    ("registered", .bool), ("two_factor_generation", .int), ("created_at", .real),
                    ("last_sign_in_at", .real), ("two_step_failures", .int)]),
        ("ticket", [("id", .int), ("hash", .blob), ("purpose", .text), ("person_id", .int), ("payload", .text),
                    ("created_at", .real), ("expires_at", .real), ("used_at", .real), ("address_hash", .blob)]),
        ("outbox", [("id", .int), ("kind", .text), ("recipient", .text), ("subject", .text), ("body", .text),
                    ("links", .text), ("created_at", .real), ("state", .text), ("attempts", .int),
                    ("next_attempt_at", .real), ("claimed_by", .text), ("lease_until", .real), ("last_error", .text),
                    ("delivered_at", .real), ("message_id", .text), ("person_id", .int), ("sealed", .blob),
                    ("secrets", .text)]),
        ("audit", [("id", .int), ("at", .real), ("event", .text), ("person_id", .int), ("contract_id", .int),
                   ("terminal", .text), ("line", .text), ("detail", .text), ("prev_hash", .blob), ("hash", .blob)]),
        ("two_step", [("person_id", .int), ("generation", .int), ("method", .text), ("phone", .text),
                      ("totp_secret", .blob), ("totp_last_step", .int), ("recovery_hash", .blob), ("enrolled_at", .real)]),
        ("sign_in_challenge", [("id", .int), ("hash", .blob), ("person_id", .int), ("generation", .int),
                               ("created_at", .real), ("expires_at", .real), ("failures", .int), ("done_at", .real),
                               ("sms_phone", .text), ("sms_code_hash", .blob), ("sms_sent_at", .real),
                               ("sms_expires_at", .real), ("sms_failures", .int), ("pending_secret", .blob)]),
        ("remembered_terminal", [("token_hash", .blob), ("person_id", .int), ("generation", .int), ("last_seen", .real),
                                 ("remembered_at", .real)]),
        ("identity", [("person_id", .int), ("method", .text), ("issuer", .text), ("subject", .text), ("email", .text),
                      ("bound_at", .real)]),
        ("directory", [("contract_id", .int), ("connection_id", .text), ("url", .text), ("domain", .text),
                       ("ca_pem", .text), ("configured_at", .real)]),
        ("line", [("contract_id", .int), ("position", .int), ("number", .text), ("area", .text)]),
        ("line_notice", [("contract_id", .int), ("number", .text), ("notify", .bool), ("person_id", .int),
                         ("decided_at", .real)]),
        ("database_mark", [("name", .text), ("set_at", .real)]),
        ("rate_event", [("id", .int), ("counter", .text), ("subject", .blob), ("at", .real)]),
        ("known_terminal", [("person_id", .int), ("terminal_hash", .blob), ("first_seen", .real)]),
    ]

    /// One value, the same in both stores.
    enum Value: Equatable {
        case null, int(Int64), real(Double), text(String), blob([UInt8]), bool(Bool)

        var sqlite: (any DatabaseValueConvertible)? {
            switch self {
            case .null: nil
            case .int(let i): i
            case .real(let d): d
            case .text(let t): t
            case .blob(let b): Data(b)
            case .bool(let b): b
            }
        }

        var postgres: (any PGEncodable)? {
            switch self {
            case .null: nil
            case .int(let i): i
            case .real(let d): d
            case .text(let t): t
            case .blob(let b): b
            case .bool(let b): b
            }
        }
    }

    public enum Refusal: Error, Equatable {
        /// The target already holds data (`table` has rows): nothing was copied.
        case targetNotEmpty(table: String)
        /// The source and the target are one store.
        case sameStore
        /// After the copy, a table's count differs: the copy was rolled back.
        case countMismatch(table: String, source: Int, target: Int)
        /// One of the stores is neither a SQLite file nor a PostgreSQL database.
        case unknownStore
    }

    /// Copies every row of `source` into the empty `target`; the number of rows per table.
    public static func copy(from source: any ContractStore, to target: any ContractStore) throws -> [(String, Int)] {
        guard source.location != target.location else { throw Refusal.sameStore }
        var data: [String: [[Value]]] = [:]
        try readAll(source) { table, rows in data[table] = rows }
        return try writeAll(target, data)
    }

    // MARK: Reading

    static func readAll(_ store: any ContractStore, _ take: (String, [[Value]]) -> Void) throws {
        if let db = store as? MonbanDatabase {
            try db.queue.read { db in
                for (table, columns) in tables {
                    let list = columns.map(\.0).joined(separator: ", ")
                    let rows = try Row.fetchAll(db, sql: "SELECT \(list) FROM \(table) ORDER BY rowid")
                    take(table, rows.map { row in columns.enumerated().map { i, c in value(row[i] as DatabaseValue, c.1) } })
                }
            }
        } else if let pg = store as? PostgresStore {
            try pg.transaction(writing: false) { c in
                for (table, columns) in tables {
                    let list = columns.map(\.0).joined(separator: ", ")
                    let rows = try c.query("SELECT \(list) FROM \(table) ORDER BY 1")
                    take(table, rows.map { row in columns.enumerated().map { i, c in value(row.values[i], c.1) } })
                }
            }
        } else {
            throw Refusal.unknownStore
        }
    }

    /// Each contract's kept number of people (v13-people-count), worked out anew like the
    /// search words: derived from the rows copied, not copied.
    static let keptPeopleCounts =
        "UPDATE contract SET person_count = (SELECT count(*) FROM person WHERE person.contract_id = contract.id)"

    static func value(_ v: DatabaseValue, _ kind: Kind) -> Value {
        switch v.storage {
        case .null: return .null
        case .int64(let i): return kind == .bool ? .bool(i != 0) : kind == .real ? .real(Double(i)) : .int(i)
        case .double(let d): return .real(d)
        case .string(let s): return .text(s)
        case .blob(let d): return .blob(Array(d))
        }
    }

    static func value(_ text: String?, _ kind: Kind) -> Value {
        guard let text else { return .null }
        switch kind {
        case .int: return Int64(text).map(Value.int) ?? .text(text)
        case .real: return Double(text).map(Value.real) ?? .text(text)
        case .text: return .text(text)
        case .blob: return PGBytes.parse(text).map(Value.blob) ?? .text(text)
        case .bool: return Bool(pgText: text).map(Value.bool) ?? .text(text)
        }
    }

    // MARK: Writing

    static func writeAll(_ store: any ContractStore, _ data: [String: [[Value]]]) throws -> [(String, Int)] {
        if let db = store as? MonbanDatabase {
            return try db.queue.write { db in
                for (table, _) in tables {
                    if try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 > 0 { throw Refusal.targetNotEmpty(table: table) }
                }
                for (table, columns) in tables {
                    let sql = insert(table, columns)
                    for row in data[table] ?? [] {
                        try db.execute(sql: sql, arguments: StatementArguments(row.map(\.sqlite)))
                    }
                }
                for row in try Row.fetchAll(db, sql: "SELECT id, email, name FROM person") {
                    let words = SearchGrams.document(email: row["email"] ?? "", name: row["name"] ?? "")
                    try db.execute(sql: "INSERT INTO person_search (rowid, chars, pairs) VALUES (?, ?, ?)",
                                   arguments: [row["id"] as Int64, words.chars, words.pairs])
                }
                try db.execute(sql: Self.keptPeopleCounts)
                return try tables.map { table, _ in
                    let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                    let expected = data[table]?.count ?? 0
                    guard n == expected else { throw Refusal.countMismatch(table: table, source: expected, target: n) }
                    return (table, n)
                }
            }
        } else if let pg = store as? PostgresStore {
            return try pg.transaction(writing: true) { c in
                for (table, _) in tables {
                    let n: Int = try c.query("SELECT count(*) FROM \(table)").first?.first() ?? 0
                    if n > 0 { throw Refusal.targetNotEmpty(table: table) }
                }
                for (table, columns) in tables {
                    let sql = insert(table, columns)
                    for row in data[table] ?? [] { try c.execute(sql, row.map(\.postgres)) }
                    if columns.first?.0 == "id" {
                        // New rows go on after the highest id copied.
                        try c.execute("""
                            SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false)
                            FROM \(table)
                            """)
                    }
                }
                try c.execute("""
                    INSERT INTO person_search (person_id, words) SELECT id, '' FROM person
                    """)
                for row in try c.query("SELECT id, contract_id, email, name FROM person") {
                    let email: String = row["email"] ?? "", name: String = row["name"] ?? ""
                    try c.execute("UPDATE person_search SET words = ? WHERE person_id = ?",
                                  [PostgresAccess.searchWords(email: email, name: name), row["id"] as Int64?])
                    try c.execute("INSERT INTO person_gram (person_id, contract_id, grams) VALUES (?, ?, ?::integer[])",
                                  [row["id"] as Int64?, row["contract_id"] as Int64?,
                                   PGSchema.integerArray(SearchGrams.shortGrams(email: email, name: name))])
                }
                try c.execute(Self.keptPeopleCounts)
                return try tables.map { table, _ in
                    let n: Int = try c.query("SELECT count(*) FROM \(table)").first?.first() ?? 0
                    let expected = data[table]?.count ?? 0
                    guard n == expected else { throw Refusal.countMismatch(table: table, source: expected, target: n) }
                    return (table, n)
                }
            }
        }
        throw Refusal.unknownStore
    }

    static func insert(_ table: String, _ columns: [(String, Kind)]) -> String {
        let list = columns.map(\.0).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(list)) VALUES (\(marks))"
    }
}
