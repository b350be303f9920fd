import CLibPQ
import Foundation

/// A value sent to PostgreSQL as a text parameter (`$1`…): how each type the store
/// writes is spelled in PostgreSQL's text format.
public protocol PGEncodable {
    var pgText: String { get }
}

extension String: PGEncodable { public var pgText: String { self } }
extension Int: PGEncodable { public var pgText: String { String(self) } }
extension Int64: PGEncodable { public var pgText: String { String(self) } }
extension Int32: PGEncodable { public var pgText: String { String(self) } }
extension Bool: PGEncodable { public var pgText: String { self ? "true" : "false" } }
/// Doubles as Swift writes them: the shortest text that reads back to the same value,
/// which PostgreSQL's float8 input reads exactly.
extension Double: PGEncodable { public var pgText: String { "\(self)" } }
/// bytea in its hex form.
extension Data: PGEncodable { public var pgText: String { PGBytes.hex(Array(self)) } }
extension Array: PGEncodable where Element == UInt8 { public var pgText: String { PGBytes.hex(self) } }

enum PGBytes {
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        out.reserveCapacity(2 + bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// bytea's hex output (`\x0a1b…`); nil when it is not that.
    static func parse(_ text: String) -> [UInt8]? {
        let u = Array(text.utf8)
        guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x"), u.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((u.count - 2) / 2)
        var i = 2
        while i < u.count {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A value read from PostgreSQL's text format.
public protocol PGDecodable {
    init?(pgText: String)
}

extension String: PGDecodable { public init?(pgText: String) { self = pgText } }
extension Int: PGDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Int64: PGDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Int32: PGDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Double: PGDecodable { public init?(pgText: String) { self.init(pgText) } }
extension Bool: PGDecodable {
    /// boolean's `t`/`f`, and an integer's 0/1.
    public init?(pgText: String) {
        switch pgText {
        case "t", "true", "1": self = true
        case "f", "false", "0": self = false
        default: return nil
        }
    }
}
extension Data: PGDecodable {
    public init?(pgText: String) {
        guard let bytes = PGBytes.parse(pgText) else { return nil }
        self.init(bytes)
    }
}

/// One row of a result, read by column name as GRDB's `Row` is: `row["email"]`.
public struct PGRow: Sendable {
    let columns: [String: Int]
    let values: [String?]

    /// The column's value, nil when NULL, absent, or not of type `T`.
    public subscript<T: PGDecodable>(_ column: String) -> T? {
        guard let i = columns[column], let text = values[i] else { return nil }
        return T(pgText: text)
    }

    /// The column's value as text, nil when NULL.
    public func text(_ column: String) -> String? {
        guard let i = columns[column] else { return nil }
        return values[i]
    }

    /// The first column, for `SELECT count(*)` and the like.
    public func first<T: PGDecodable>() -> T? {
        values.first.flatMap { $0 }.flatMap { T(pgText: $0) }
    }

    /// A double precision column of seconds since 1970, as the store keeps times.
    public func date(_ column: String) -> Date? {
        (self[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }

    /// A bytea column.
    public func bytes(_ column: String) -> [UInt8]? {
        text(column).flatMap(PGBytes.parse)
    }
}

/// What the server or libpq said when a statement or the connection failed.
public struct PGFailure: Error, Sendable, Equatable {
    /// The five-character SQLSTATE ("40001", "23505"…); empty when the connection failed
    /// before the server answered.
    public var sqlState: String
    public var message: String

    /// A serialization failure or a deadlock: the transaction may be run again.
    public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// A unique constraint refused the row.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// The connection is gone (class 08, a server shut down, or no answer at all).
    public var isConnectionLost: Bool {
        sqlState.isEmpty || sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
    }
}

/// One connection to the server, through libpq, loaded on first use. Not thread-safe:
/// `PostgresStore` uses it under its lock.
final class PGConnection {
    private var handle: OpaquePointer?

    /// Whether libpq could be loaded (libpq.so.5).
    static var libraryAvailable: Bool { lpq_available() == 1 }

    init(_ conninfo: String) throws(PGFailure) {
        guard Self.libraryAvailable else {
            throw PGFailure(sqlState: "", message: "libpq.so.5 cannot be loaded (Debian: apt-get install libpq5)")
        }
        let conn = lpq_connectdb(conninfo)
        guard let conn, lpq_status(conn) == LPQ_CONNECTION_OK else {
            let message = conn.flatMap { lpq_errorMessage($0) }.map { String(cString: $0) } ?? "out of memory"
            lpq_finish(conn)
            throw PGFailure(sqlState: "", message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        // A notice on stderr would land on the screen a client draws.
        lpq_dropNotices(conn)
        handle = conn
    }

    deinit { lpq_finish(handle) }

    /// Whether the connection is still up, as libpq last saw it.
    var isOpen: Bool { handle.map { lpq_status($0) == LPQ_CONNECTION_OK } ?? false }

    /// The server's version number (150004 for 15.4).
    var serverVersion: Int { handle.map { Int(lpq_serverVersion($0)) } ?? 0 }

    /// Runs one statement with `?` placeholders (numbered `$1`… before sending; a `?`
    /// inside quotes is left alone) and returns its rows.
    @discardableResult
    func query(_ sql: String, _ arguments: [(any PGEncodable)?] = []) throws(PGFailure) -> [PGRow] {
        try run(sql, arguments).rows
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [(any PGEncodable)?] = []) throws(PGFailure) -> Int {
        try run(sql, arguments).changed
    }

    /// Runs statements without parameters, several at once (the schema's DDL).
    func script(_ sql: String) throws(PGFailure) {
        guard let handle else { throw PGFailure(sqlState: "", message: "the connection is closed") }
        _ = try finish(lpq_exec(handle, sql), handle)
    }

    private func run(_ sql: String, _ arguments: [(any PGEncodable)?]) throws(PGFailure) -> (rows: [PGRow], changed: Int) {
        guard let handle else { throw PGFailure(sqlState: "", message: "the connection is closed") }
        let texts = arguments.map { $0?.pgText }
        // A C string ends at NUL: a value with one inside would be cut short, and a cut address
        // would match another person's. SQLite binds it whole; here it is refused.
        if texts.contains(where: { $0?.utf8.contains(0) == true }) {
            throw PGFailure(sqlState: "22021", message: "a value contains a NUL character")
        }
        let numbered = Self.numbered(sql)
        // Each parameter as a C string; NULL for nil.
        let cStrings: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { for p in cStrings { free(p) } }
        var params: [UnsafePointer<CChar>?] = cStrings.map { $0.map { UnsafePointer($0) } }
        let result: OpaquePointer? = params.withUnsafeMutableBufferPointer { buffer in
            lpq_execParams(handle, numbered, Int32(texts.count), texts.isEmpty ? nil : buffer.baseAddress)
        }
        return try finish(result, handle)
    }

    /// A result's rows and change count; its error as a `PGFailure`. Frees the result.
    private func finish(_ result: OpaquePointer?, _ handle: OpaquePointer) throws(PGFailure) -> (rows: [PGRow], changed: Int) {
        guard let result else {
            throw PGFailure(sqlState: "", message: lpq_errorMessage(handle).map { String(cString: $0) } ?? "no result")
        }
        defer { lpq_clear(result) }
        let status = lpq_resultStatus(result)
        guard status == LPQ_PGRES_COMMAND_OK || status == LPQ_PGRES_TUPLES_OK else {
            // PG_DIAG_SQLSTATE 'C', PG_DIAG_MESSAGE_PRIMARY 'M'.
            let state = lpq_resultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let primary = lpq_resultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            let message: String = primary ?? lpq_errorMessage(handle).map { String(cString: $0) } ?? "statement failed"
            throw PGFailure(sqlState: state, message: message.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines))
        }
        let changed = lpq_cmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        let fieldCount = Int(lpq_nfields(result)), rowCount = Int(lpq_ntuples(result))
        guard fieldCount > 0 else { return ([], changed) }
        var columns: [String: Int] = [:]
        for c in 0..<fieldCount {
            if let name = lpq_fname(result, Int32(c)) { columns[String(cString: name)] = c }
        }
        var rows: [PGRow] = []
        rows.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(fieldCount)
            for c in 0..<fieldCount {
                if lpq_getisnull(result, Int32(r), Int32(c)) == 1 {
                    values.append(nil)
                } else {
                    values.append(lpq_getvalue(result, Int32(r), Int32(c)).map { String(cString: $0) })
                }
            }
            rows.append(PGRow(columns: columns, values: values))
        }
        return (rows, changed)
    }

    /// `?` → `$1`, `$2`… outside single-quoted strings, double-quoted names and comments.
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        var n = 0
        var quote: Character?
        var previous: Character = " "
        var lineComment = false
        for c in sql {
            if lineComment {
                if c.isNewline { lineComment = false }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "-" && previous == "-" {
                lineComment = true
            } else if c == "?" {
                n += 1
                out += "$\(n)"
                previous = c
                continue
            }
            out.append(c)
            previous = c
        }
        return out
    }
}

/// The options of a PostgreSQL connection string or URI, as libpq reads them.
public enum PGConnectionString {
    /// libpq's connection keywords: a text whose first word is `keyword=` is a keyword string.
    static let keywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "channel_binding", "connect_timeout",
        "client_encoding", "options", "application_name", "fallback_application_name", "keepalives", "keepalives_idle",
        "keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication", "gssencmode", "sslmode",
        "requiressl", "sslcompression", "sslcert", "sslkey", "sslpassword", "sslcertmode", "sslrootcert", "sslcrl",
        "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version", "ssl_max_protocol_version", "krbsrvname",
        "gsslib", "gssdelegation", "service", "target_session_attrs", "load_balance_hosts",
    ]

    /// Whether `text` names a PostgreSQL database rather than a SQLite file: a `postgresql://`
    /// or `postgres://` URI, or a keyword string whose first word is one of libpq's keywords
    /// (`host=/var/run/postgresql dbname=monban`, `service = monban`). A file whose name starts
    /// so is named with a folder (`./host=x`).
    public static func isPostgres(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("postgresql://") || t.hasPrefix("postgres://") { return true }
        guard let equals = t.firstIndex(of: "=") else { return false }
        let key = t[..<equals].trimmingCharacters(in: .whitespaces)
        return keywords.contains(key)
    }

    /// The options libpq reads from `text`; nil when it does not parse (with libpq's reason).
    static func options(_ text: String) -> Result<[String: String], PGFailure> {
        guard PGConnection.libraryAvailable else {
            return .failure(PGFailure(sqlState: "", message: "libpq.so.5 cannot be loaded (Debian: apt-get install libpq5)"))
        }
        var errmsg: UnsafeMutablePointer<CChar>?
        guard let parsed = lpq_conninfoParse(text, &errmsg) else {
            let message = errmsg.map { String(cString: $0) } ?? "not a connection string"
            lpq_freemem(errmsg)
            return .failure(PGFailure(sqlState: "", message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        defer { lpq_conninfoFree(parsed) }
        var options: [String: String] = [:]
        var p = parsed
        while let keyword = p.pointee.keyword {
            if let value = p.pointee.val { options[String(cString: keyword)] = String(cString: value) }
            p = p.advanced(by: 1)
        }
        return .success(options)
    }
}
