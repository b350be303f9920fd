import Foundation
import GRDB
import TestSupport
import XCTest
@testable import MonbanStore

/// A value for `Fixture.sql`, the same on both stores.
enum TestValue {
    case int(Int64)
    case text(String)
    case bytes([UInt8])
    case null

    var sqlite: (any DatabaseValueConvertible)? {
        switch self {
        case .int(let i): i
        case .text(let t): t
        case .bytes(let b): Data(b)
        case .null: nil
        }
    }

    var postgres: (any PGEncodable)? {
        switch self {
        case .int(let i): i
        case .text(let t): t
        case .bytes(let b): b
        case .null: nil
        }
    }
}

/// The store under one engine test: a SQLite file in the test's folder, or — when
/// MONBAN_TEST_STORE=postgres — a database of its own on the test cluster, so that the
/// engine's rules are tested on both stores with one suite (ST-1).
struct TestStore {
    let store: any ContractStore
    /// The PostgreSQL database's name, to drop afterwards.
    let postgresDatabase: String?

    static var onPostgres: Bool { ProcessInfo.processInfo.environment["MONBAN_TEST_STORE"] == "postgres" }

    static func fresh(in dir: URL) throws -> TestStore {
        guard onPostgres else {
            let db = try MonbanDatabase.open(path: dir.appendingPathComponent("monban.sqlite3").path, create: true)
            return TestStore(store: db, postgresDatabase: nil)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let conninfo = try TestCluster.shared.createDatabase(name)
        let store = try PostgresStore.open(conninfo, keyFileBase: dir.appendingPathComponent("monban").path)
        return TestStore(store: store, postgresDatabase: name)
    }

    /// The same database opened again, as another terminal (another process, another machine)
    /// would: its own connection.
    func reopen() throws -> any ContractStore {
        if let db = store as? MonbanDatabase { return try MonbanDatabase.open(path: db.path, create: false) }
        return try PostgresStore.open(store.location, keyFileBase: store.keyFileBase)
    }

    func drop() {
        guard let name = postgresDatabase else { return }
        TestCluster.shared.dropDatabase(name)
    }

    func execute(_ sql: String, _ arguments: [TestValue]) throws {
        if let db = store as? MonbanDatabase {
            try db.queue.write { db in
                try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.sqlite)))
            }
        } else if let pg = store as? PostgresStore {
            try pg.transaction(writing: true) { c in try c.execute(sql, arguments.map(\.postgres)) }
        }
    }

    var isPostgres: Bool { store is PostgresStore }

    /// Every text and every byte string (read as UTF-8) in `tables`, for "never a secret" checks.
    func storedText(_ tables: [String]) throws -> String {
        var out = ""
        if let db = store as? MonbanDatabase {
            try db.queue.read { db in
                for table in tables {
                    for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                        for (_, value) in row {
                            if case .string(let s) = value.storage { out += s + "\n" }
                            if case .blob(let d) = value.storage { out += String(decoding: d, as: UTF8.self) + "\n" }
                        }
                    }
                }
            }
        } else if let pg = store as? PostgresStore {
            try pg.transaction(writing: false) { c in
                for table in tables {
                    for row in try c.query("SELECT * FROM \(table)") {
                        for value in row.values.compactMap({ $0 }) {
                            if let bytes = PGBytes.parse(value) { out += String(decoding: bytes, as: UTF8.self) + "\n" } else {
                                out += value + "\n"
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The byte strings of one column of `sql`'s rows.
    func blobs(_ sql: String) throws -> [[UInt8]] {
        if let db = store as? MonbanDatabase {
            return try db.queue.read { db in try Data.fetchAll(db, sql: sql).map { [UInt8]($0) } }
        } else if let pg = store as? PostgresStore {
            return try pg.transaction(writing: false) { c in try c.query(sql).compactMap { row -> [UInt8]? in
                guard let first = row.values.first, let text = first else { return nil }
                return PGBytes.parse(text)
            } }
        }
        return []
    }

    /// The integer `sql` answers.
    func integer(_ sql: String, _ arguments: [TestValue] = []) throws -> Int? {
        try rows(sql, arguments).first?.values.first.flatMap { $0 }.flatMap { Int($0) }
    }

    /// Rows of `sql` as text, on either store.
    func rows(_ sql: String, _ arguments: [TestValue] = []) throws -> [[String: String?]] {
        if let db = store as? MonbanDatabase {
            return try db.queue.read { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.sqlite))).map { row in
                    var out: [String: String?] = [:]
                    for (column, value) in row { out[column] = value.isNull ? nil : value.description }
                    return out
                }
            }
        } else if let pg = store as? PostgresStore {
            return try pg.transaction(writing: false) { c in
                try c.query(sql, arguments.map(\.postgres)).map { row in
                    var out: [String: String?] = [:]
                    for (column, i) in row.columns { out[column] = row.values[i] }
                    return out
                }
            }
        }
        return []
    }
}

/// The test cluster the engine tests use on PostgreSQL: a throwaway cluster of its own
/// (`TestPostgres`), started by the first test that needs it and stopped when the tests end;
/// or, with MONBAN_TEST_POSTGRES, a server the developer runs (a role that may create
/// databases). Each test's databases are dropped when the test ends, so connections and disk
/// do not pile up while XCTest keeps the finished tests' fixtures.
final class TestCluster: NSObject, XCTestObservation, @unchecked Sendable {
    static let shared = TestCluster()
    private let lock = NSLock()
    private var server: TestPostgres?
    private var live: [String] = []
    private let external = ProcessInfo.processInfo.environment["MONBAN_TEST_POSTGRES"]

    override init() {
        super.init()
        XCTestObservationCenter.shared.addTestObserver(self)
    }

    /// A new empty database; its connection string.
    func createDatabase(_ name: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        live.append(name)
        if let external {
            let c = try PGConnection(external)
            try c.execute("CREATE DATABASE \(name)")
            let base = external.split(separator: " ").filter { !$0.hasPrefix("dbname=") }.joined(separator: " ")
            return base + " dbname=\(name)"
        }
        if server == nil {
            server = try TestPostgres()
            atexit { TestCluster.shared.stop() }
        }
        return try server!.createDatabase(name)
    }

    func dropDatabase(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        drop(name)
        live.removeAll { $0 == name }
    }

    private func drop(_ name: String) {
        if let external, let c = try? PGConnection(external) {
            _ = try? c.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        } else if let server {
            _ = try? server.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE);", database: "postgres")
        }
    }

    func testCaseDidFinish(_ testCase: XCTestCase) {
        lock.lock()
        defer { lock.unlock() }
        for name in live { drop(name) }
        live = []
    }

    func stop() {
        lock.lock()
        defer { lock.unlock() }
        server?.stop()
        server = nil
    }
}
