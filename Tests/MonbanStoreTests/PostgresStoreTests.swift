import Foundation
import TestSupport
import XCTest
@testable import MonbanStore

/// The PostgreSQL store itself (ST-1): its transactions, its schema versions and what it
/// does when the server goes away — on a throwaway cluster of the test's own.
final class PostgresStoreTests: XCTestCase {
    var postgres: TestPostgres!
    var keys: String!

    override func setUpWithError() throws {
        postgres = try TestPostgres()
        keys = FileManager.default.temporaryDirectory.appendingPathComponent("monban-pgkeys-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        postgres?.stop()
        postgres = nil
    }

    func open() throws -> PostgresStore {
        try PostgresStore.open(postgres.connectionString, keyFileBase: keys)
    }

    // Schema versions: the first open creates the schema and lists the same migrations as a
    // SQLite file; opening again changes nothing; several terminals opening a new database at
    // once migrate it once (the write lock), none fails.
    func testTheFirstOpenMigratesOnceEvenWhenManyOpenAtOnce() throws {
        let conninfo = postgres.connectionString, keys = self.keys!
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do { _ = try PostgresStore.open(conninfo, keyFileBase: keys) } catch { failures.add(error) }
        }
        XCTAssertTrue(failures.all.isEmpty, "\(failures.all)")
        let applied = try postgres.psql("SELECT identifier FROM monban_migration ORDER BY identifier")
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(Set(applied), Set(try Schema.migrator.migrations))
        XCTAssertEqual(applied.count, Set(applied).count)
        _ = try open()
        XCTAssertEqual(try postgres.psql("SELECT count(*) FROM monban_migration").trimmingCharacters(in: .whitespacesAndNewlines),
                       "\(applied.count)")
    }

    // Issue 21 item 7: a database the first PostgreSQL schema wrote (its baseline, with people)
    // is migrated to v13-people-count: each contract's kept number of people is their number,
    // and the people already there are found by one and two characters as new ones are.
    func testADatabaseOfTheFirstSchemaGetsItsPeopleCountsAndShortSearchWords() throws {
        let c = try PGConnection(postgres.connectionString)
        try c.execute("CREATE TABLE monban_migration (identifier text PRIMARY KEY, applied_at double precision NOT NULL)")
        try c.script(PGSchema.baseline)
        for id in PGSchema.baselineIdentifiers { try c.execute("INSERT INTO monban_migration VALUES (?, 0)", [id]) }
        try c.execute("INSERT INTO contract (id, plan, created_at) VALUES (1, 'basic', 0), (2, 'basic', 0), (3, 'trial', 0)")
        let people: [(Int64, Int64, String, String)] = [
            (1, 1, "yamada@example.com", "山田 太郎"), (2, 1, "suzuki@example.com", "鈴木 花子"),
            (3, 2, "sato@example.com", "佐藤 花"),
        ]
        for (id, contract, email, name) in people {
            try c.execute("""
                INSERT INTO person (id, contract_id, email, name, role, login_method, created_at)
                VALUES (?, ?, ?, ?, 'user', 'email_password', 0)
                """, [id, contract, email, name])
            try c.execute("INSERT INTO person_search (person_id, words) VALUES (?, ?)",
                          [id, PostgresAccess.searchWords(email: email, name: name)])
        }
        try c.execute("SELECT setval(pg_get_serial_sequence('person', 'id'), 3)")
        let store = try open()
        XCTAssertEqual(try store.read { tx in try [1, 2, 3].map { try tx.personCount(contractID: $0) } }, [2, 1, 0])
        func found(_ text: String) throws -> [Int64] {
            try store.read { tx in try tx.searchPersonIDs(text: text, beyond: nil, descending: false, limit: 10) }
        }
        XCTAssertEqual(try found("花"), [2, 3])
        XCTAssertEqual(try found("山田"), [1])
        XCTAssertEqual(try found("zu"), [2])
        XCTAssertEqual(try found("zz"), [])
        XCTAssertEqual(try found("sato@"), [3], "three characters and more: pg_trgm, as before")
        XCTAssertEqual(try store.read { tx in try tx.searchPeople(text: "花", contractID: 2, limit: 10) }.map(\.id), [3])
        XCTAssertEqual(try store.read { tx in try tx.searchCount(text: "花", contractID: 1, upTo: 10) }, 1)
        // New people are counted as they come.
        try store.write { tx in
            _ = try tx.insertPerson(NewPerson(contractID: 2, email: "ito@example.com", name: "伊藤", role: "user",
                                              loginMethod: "email_password", passwordHash: nil, registered: true,
                                              createdAt: Date(timeIntervalSince1970: 0)))
        }
        XCTAssertEqual(try store.read { tx in try [1, 2, 3].map { try tx.personCount(contractID: $0) } }, [2, 2, 0])
        XCTAssertEqual(try found("伊"), [4])
    }

    // A serialization failure or deadlock is tried again, a bounded number of times; then
    // the store says another terminal got in the way, and nothing was applied.
    func testASerializationFailureIsRetriedThenReportedWithNothingApplied() throws {
        let store = try open()
        var tries = 0
        let value: Int = try store.transaction(writing: true) { c in
            tries += 1
            try c.execute("INSERT INTO database_mark (name, set_at) VALUES ('demo', ?)", [Double(tries)])
            if tries < 3 { throw PGFailure(sqlState: "40001", message: "could not serialize access") }
            return tries
        }
        XCTAssertEqual(value, 3)
        XCTAssertEqual(try postgres.psql("SELECT set_at FROM database_mark").trimmingCharacters(in: .whitespacesAndNewlines), "3",
                       "the failed tries were rolled back")

        tries = 0
        XCTAssertThrowsError(try store.transaction(writing: true) { c -> Int in
            tries += 1
            try c.execute("UPDATE database_mark SET set_at = 99")
            throw PGFailure(sqlState: "40P01", message: "deadlock detected")
        }) { error in
            XCTAssertEqual(store.storeError(error), .conflict(location: store.location))
        }
        XCTAssertEqual(tries, PostgresStore.attempts)
        XCTAssertEqual(try postgres.psql("SELECT set_at FROM database_mark").trimmingCharacters(in: .whitespacesAndNewlines), "3")
    }

    // A connection the server dropped (a restart, a failover, an administrator):
    // - between two actions: the next action connects again and runs, once;
    // - in the middle of one: it fails as a whole with "cannot reach the server" — nothing of
    //   it is applied — and the next action connects again.
    func testADroppedConnectionIsReconnectedOrReportedWithNothingApplied() throws {
        let store = try open()
        try store.write { tx in try tx.markDemoDatabase(at: Date(timeIntervalSince1970: 1)) }
        try postgres.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'monban';",
                          database: "postgres")
        try store.write { tx in try tx.recordRateEvent(counter: "between", subject: [1], at: Date()) }
        XCTAssertEqual(try postgres.psql("SELECT count(*) FROM rate_event").trimmingCharacters(in: .whitespacesAndNewlines), "1")

        let postgres = self.postgres!
        XCTAssertThrowsError(try store.transaction(writing: true) { c in
            try c.execute("INSERT INTO rate_event (counter, subject, at) VALUES ('during', '\\x01', 0)")
            let pid: Int = try c.query("SELECT pg_backend_pid()").first?.first() ?? 0
            try postgres.psql("SELECT pg_terminate_backend(\(pid));", database: "postgres")
            try c.execute("INSERT INTO rate_event (counter, subject, at) VALUES ('during', '\\x02', 0)")
        }) { error in
            guard case .serverUnavailable = store.storeError(error) else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try postgres.psql("SELECT count(*) FROM rate_event WHERE counter = 'during'")
            .trimmingCharacters(in: .whitespacesAndNewlines), "0", "nothing of the interrupted action")
        XCTAssertTrue(try store.read { tx in try tx.isDemoDatabase() })
        try store.write { tx in try tx.recordRateEvent(counter: "after", subject: [1], at: Date()) }
        XCTAssertEqual(try postgres.psql("SELECT count(*) FROM rate_event").trimmingCharacters(in: .whitespacesAndNewlines), "2")
    }

    // Which text names PostgreSQL: a URI, or a keyword string whose first word is one of
    // libpq's keywords, a path inside it or not; a file path is never taken for one.
    func testWhichTextNamesPostgreSQL() {
        for text in ["postgresql://db/monban", "postgres://db", "service=monban", "host=/var/run/postgresql dbname=monban",
                     " dbname = monban", "host=db sslrootcert=/etc/ssl/ca.pem"] {
            XCTAssertTrue(PGConnectionString.isPostgres(text), text)
        }
        for text in ["/var/lib/monban/monban.sqlite3", "monban.sqlite3", "./host=x", "a=b.sqlite3", "data/service=x"] {
            XCTAssertFalse(PGConnectionString.isPostgres(text), text)
        }
    }

    // A value with a NUL inside is refused, not cut short (SQLite binds it whole): a cut
    // address would find another person.
    func testAValueWithANulIsRefusedNotCut() throws {
        let store = try open()
        XCTAssertThrowsError(try store.read { tx in try tx.person(email: "victim@example.com\u{0}junk") })
    }

    // The store's values survive the trip exactly: times to the microsecond and beyond, bytes,
    // addresses in any case, text in any script.
    func testValuesComeBackExactly() throws {
        let store = try open()
        let at = Date(timeIntervalSince1970: 1_795_000_000.123456789)
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff, 0x5c, 0x27]
        let id = try store.write { tx -> Int64 in
            let contract = try tx.insertContract(plan: "basic", createdAt: at, trialStartedAt: nil)
            return try tx.insertPerson(NewPerson(contractID: contract, email: "Keiyaku@Example.com", name: "門番 '太郎'? \\",
                                                 role: "contractor", loginMethod: "email_password", passwordHash: nil,
                                                 registered: true, createdAt: at))
        }
        try store.write { tx in try tx.recordRateEvent(counter: "x", subject: bytes, at: at) }
        let person = try XCTUnwrap(store.read { tx in try tx.person(email: "keiyaku@example.COM") })
        XCTAssertEqual(person.id, id)
        XCTAssertEqual(person.name, "門番 '太郎'? \\")
        XCTAssertEqual(person.createdAt, at)
        XCTAssertTrue(person.registered)
        XCTAssertEqual(try store.read { tx in try tx.rateEventCount(counter: "x", subject: bytes, since: at.addingTimeInterval(-1)) }, 1)
        XCTAssertEqual(try store.read { tx in try tx.searchPeople(text: "門番", contractID: person.contractID, limit: 5) }.map(\.id), [id])
        XCTAssertEqual(try store.read { tx in try tx.searchPeople(text: "KEIYAKU@", contractID: person.contractID, limit: 5) }.count, 1)
        XCTAssertEqual(try store.read { tx in try tx.searchPeople(text: "%", contractID: person.contractID, limit: 5) }.count, 0,
                       "LIKE's wildcards are searched for as typed")
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ e: any Error) { lock.lock(); errors.append(e); lock.unlock() }
    var all: [any Error] { lock.lock(); defer { lock.unlock() }; return errors }
}
