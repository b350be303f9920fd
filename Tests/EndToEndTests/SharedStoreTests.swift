import Foundation
import GRDB
import TestSupport
import XCTest

/// Many terminals, one PostgreSQL store (ST-1, issue 21 item 3): the rules hold across
/// processes on separate connections, as terminals on different machines would be — the
/// release binary, several at once, against a throwaway cluster of the test's own.
final class SharedStoreTests: EndToEndTestCase {
    var postgres: TestPostgres!
    override var db: String { postgres.connectionString }
    static let contractor = "keiyaku@example.com"

    override func setUpWithError() throws {
        try super.setUpWithError()
        postgres = try TestPostgres()
    }

    override func tearDownWithError() throws {
        postgres?.stop()
        postgres = nil
        try super.tearDownWithError()
    }

    /// Every process of the test shares the store's key files, as the operator copies them to
    /// every machine; HOME stays untouched.
    var environment: [String: String] { ["XDG_DATA_HOME": dir.appendingPathComponent("data").path] }

    @discardableResult
    func run(_ args: [String], stdin: String? = nil) throws -> MonbanProcess.Outcome {
        try MonbanProcess.run(args, stdin: stdin, environment: environment)
    }

    /// Runs `count` processes at once; their outcomes.
    func atOnce(_ count: Int, _ args: @escaping @Sendable (Int) -> (arguments: [String], stdin: String?)) -> [MonbanProcess.Outcome] {
        Self.atOnce(count, environment: environment, args)
    }

    static func atOnce(_ count: Int, environment: [String: String],
                       _ args: @escaping @Sendable (Int) -> (arguments: [String], stdin: String?)) -> [MonbanProcess.Outcome] {
        let results = Outcomes()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let (arguments, stdin) = args(i)
            let outcome = (try? MonbanProcess.run(arguments, stdin: stdin, environment: environment))
                ?? MonbanProcess.Outcome(status: -1, stdout: "", stderr: "did not run")
            results.add(outcome)
        }
        return results.all
    }

    func contract() throws {
        let r = try run(["contract", "create", "--db", db, "--email", Self.contractor, "--plan", "basic",
                         "--two-step", "off", "--password-stdin"], stdin: "Himitsu-2026!\n")
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func sqlValue(_ sql: String) throws -> String {
        try postgres.psql(sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func mails(to: String) throws -> [Mail] {
        let r = try run(["outbox", "--db", db, "--json", "--reveal", "--to", to])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try r.stdout.split(separator: "\n").map { try JSONDecoder().decode(Mail.self, from: Data($0.utf8)) }
    }

    // LK-1 across machines: four terminals at once, five wrong passwords each, lock the account
    // after exactly ten in all, once, with exactly one lock mail; the right password is then
    // refused; the audit chain written by all of them at once is one unbroken chain.
    func testLK1_wrongPasswordsFromManyTerminalsLockExactlyOnce() throws {
        try contract()
        let db = self.db
        let results = Outcomes()
        let environment = self.environment
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<5 {
                let args = ["signin", "--db", db, "--email", SharedStoreTests.contractor]
                results.add((try? MonbanProcess.run(args, stdin: "Wrong-\(t)-\(i)-2026!\n", environment: environment))
                    ?? MonbanProcess.Outcome(status: -1, stdout: "", stderr: "did not run"))
            }
        }
        let outcomes = results.all
        XCTAssertEqual(outcomes.count, 20)
        XCTAssertEqual(outcomes.filter { $0.status == 0 }.count, 0, outcomes.map(\.stderr).joined(separator: "\n"))
        XCTAssertFalse(outcomes.contains { $0.stderr.contains("cannot") }, outcomes.map(\.stderr).joined(separator: "\n"))
        XCTAssertEqual(try sqlValue("SELECT failed_attempts, locked_at IS NOT NULL FROM person WHERE email = 'keiyaku@example.com'"),
                       "10|t")
        let lockMails = try mails(to: Self.contractor).filter { $0.links.contains { $0.contains("/lo/unblock") } }
        XCTAssertEqual(lockMails.count, 1, "exactly one lock mail")
        let right = try run(["signin", "--db", db, "--email", Self.contractor], stdin: "Himitsu-2026!\n")
        XCTAssertNotEqual(right.status, 0, "locked: the right password is refused too")
        let verify = try run(["audit", "--db", db, "--verify"])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        XCTAssertEqual(try sqlValue("SELECT count(*) FROM audit WHERE detail LIKE 'wrong password%'"), "10",
                       "the ten tries after the lock are not counted")

        // TK-2 under a race: two terminals open the one unlock link at once; one wins.
        let unlock = try XCTUnwrap(lockMails.first?.links.first { $0.contains("/lo/unblock") })
        let opened = atOnce(2) { _ in (["open", "--db", db, "--no-ui"], unlock + "\n") }
        XCTAssertEqual(opened.filter { $0.status == 0 }.count, 1, opened.map { $0.stdout + $0.stderr }.joined(separator: "\n"))
        XCTAssertEqual(try sqlValue("SELECT count(*) FROM ticket WHERE used_at IS NOT NULL AND purpose = 'unlock'"), "1")
        let back = try run(["signin", "--db", db, "--email", Self.contractor], stdin: "Himitsu-2026!\n")
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(try run(["audit", "--db", db, "--verify"]).status, 0)
    }

    // A server killed in the middle of a storm of wrong passwords (pg_ctl restart -m immediate):
    // a sign-in caught by it says the server could not be reached and changes nothing; every
    // count that was committed survives, in step with the audit log; afterwards the account
    // still locks at exactly ten wrong passwords in all, with one mail; the audit chain is intact.
    func testLK1_aServerRestartedInTheMiddleOfAStormLosesNoCount() throws {
        try contract()
        let db = self.db
        let storm = DispatchGroup()
        let results = Outcomes()
        let environment = self.environment
        DispatchQueue.global().async(group: storm) {
            for o in Self.atOnce(8, environment: environment, { i in (["signin", "--db", db, "--email", SharedStoreTests.contractor], "Wrong-a\(i)!\n") }) {
                results.add(o)
            }
        }
        Thread.sleep(forTimeInterval: 0.15)
        try postgres.restart(immediate: true)
        storm.wait()
        for o in results.all where o.status != 0 {
            let said = o.stderr
            XCTAssertTrue(said.contains("パスワードが正しくありません") || said.contains("cannot reach the PostgreSQL server"), said)
        }
        let counted = Int(try sqlValue("SELECT count(*) FROM audit WHERE detail LIKE 'wrong password%'")) ?? -1
        let attempts = Int(try sqlValue("SELECT failed_attempts FROM person WHERE email = 'keiyaku@example.com'")) ?? -1
        XCTAssertEqual(attempts, counted, "the count and the audit log agree: nothing half-applied")
        XCTAssertLessThanOrEqual(counted, 8)
        // The rest of the ten from other terminals, after the restart.
        _ = atOnce(12 - counted) { i in (["signin", "--db", db, "--email", SharedStoreTests.contractor], "Wrong-b\(i)!\n") }
        XCTAssertEqual(try sqlValue("SELECT count(*) FROM audit WHERE detail LIKE 'wrong password%'"), "10")
        XCTAssertEqual(try sqlValue("SELECT failed_attempts, locked_at IS NOT NULL FROM person WHERE email = 'keiyaku@example.com'"),
                       "10|t")
        XCTAssertEqual(try mails(to: Self.contractor).filter { $0.links.contains { $0.contains("/lo/unblock") } }.count, 1)
        let verify = try run(["audit", "--db", db, "--verify"])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }

    // Failover: terminals whose connection string names the primary and its streaming standby
    // (target_session_attrs=read-write) go on once the primary stops and the standby is
    // promoted; what the primary committed is there, and the rules go on counting.
    func testFailoverToThePromotedStandbyGoesOn() throws {
        try contract()
        let standby = try postgres.startStandby()
        let both = standby.twoHostConnectionString
        for i in 0..<3 {
            let r = try run(["signin", "--db", both, "--email", Self.contractor], stdin: "Wrong-\(i)-2026!\n")
            XCTAssertTrue(r.stderr.contains("パスワードが正しくありません"), r.stderr)
        }
        try standby.waitUntilCaughtUp()
        try postgres.shutDown(immediate: true)
        // With the primary gone and the standby not yet promoted, a terminal says so clearly.
        let during = try run(["signin", "--db", both, "--email", Self.contractor], stdin: "Wrong-x-2026!\n")
        XCTAssertNotEqual(during.status, 0)
        XCTAssertTrue(during.stderr.contains("cannot reach the PostgreSQL server") || during.stderr.contains("cannot use"),
                      during.stderr)
        XCTAssertFalse(during.stderr.contains("パスワードが正しくありません"), "not counted: \(during.stderr)")
        try standby.promote()
        for i in 3..<10 {
            let r = try run(["signin", "--db", both, "--email", Self.contractor], stdin: "Wrong-\(i)-2026!\n")
            // The tenth locks, and says so.
            XCTAssertTrue(r.stderr.contains(i == 9 ? "ロックされています" : "パスワードが正しくありません"), r.stderr)
        }
        XCTAssertEqual(try standby.psql("SELECT failed_attempts, locked_at IS NOT NULL FROM person WHERE email = 'keiyaku@example.com'")
            .trimmingCharacters(in: .whitespacesAndNewlines), "10|t", "three counted on the primary, seven on the new one")
        let verify = try run(["audit", "--db", both, "--verify"])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }

    // The server's notices never reach the terminal: with pg_trgm already created by the
    // administrator (as the operator guide says), the first command used to print "NOTICE:
    // extension "pg_trgm" already exists, skipping" on stderr, the screen a client draws on.
    func testTheServersNoticesNeverReachTheTerminal() throws {
        _ = try postgres.psql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        let r = try run(["contract", "create", "--db", db, "--email", Self.contractor, "--plan", "basic",
                         "--two-step", "off", "--password-stdin"], stdin: "Himitsu-2026!\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
    }

    // Moving a deployment (issue 21 item 5): a SQLite file with a locked account, a pending
    // mail and an audit log, copied into the empty PostgreSQL database and back into a new
    // file: every row, the key files, an intact audit chain; the person signs in on the copy
    // as on the original; a target that holds data is refused and left as it was.
    func testStoreCopyMovesADeploymentBothWays() throws {
        let file = dir.appendingPathComponent("monban.sqlite3").path
        var r = try run(["contract", "create", "--db", file, "--email", Self.contractor, "--plan", "basic",
                         "--two-step", "off", "--password-stdin"], stdin: "Himitsu-2026!\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try run(["person", "invite", "--db", file, "--by", Self.contractor, "--email", "riyou@example.com"]).status, 0)
        for i in 0..<3 { _ = try run(["signin", "--db", file, "--email", Self.contractor], stdin: "Wrong-\(i)-2026!\n") }
        let invitation = try XCTUnwrap(try run(["outbox", "--db", file, "--json", "--reveal", "--to", "riyou@example.com"]).stdout
            .split(separator: "\n").compactMap { try? JSONDecoder().decode(Mail.self, from: Data($0.utf8)) }
            .flatMap(\.links).first { $0.contains("/lo/register") })

        r = try run(["store", "copy", "--from", file, "--to", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("person\t2"), r.stdout)
        XCTAssertTrue(r.stdout.contains("the audit log on the target is intact"), r.stdout)
        XCTAssertEqual(try sqlValue("SELECT failed_attempts FROM person WHERE email = 'keiyaku@example.com'"), "3")
        // The contract's kept number of people and the short search words are worked out on the target.
        XCTAssertEqual(try sqlValue("SELECT person_count FROM contract"), "2")
        XCTAssertEqual(try sqlValue("SELECT count(*) FROM person_gram WHERE grams @> ARRAY[101]"), "2", "both addresses have an e")
        // The sealed invitation opens on the copy with the copied key; the password signs in.
        XCTAssertEqual(try mails(to: "riyou@example.com").flatMap(\.links).first { $0.contains("/lo/register") }, invitation)
        XCTAssertEqual(try run(["signin", "--db", db, "--email", Self.contractor], stdin: "Himitsu-2026!\n").status, 0)
        // New rows go on after the copied ones.
        XCTAssertEqual(try run(["person", "invite", "--db", db, "--by", Self.contractor, "--email", "shinjin@example.com"]).status, 0)

        // Not into a store that holds data.
        let before = try sqlValue("SELECT count(*) FROM person")
        r = try run(["store", "copy", "--from", file, "--to", db])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("is not empty"), r.stderr)
        XCTAssertEqual(try sqlValue("SELECT count(*) FROM person"), before)

        // And back, into a new file.
        let back = dir.appendingPathComponent("back.sqlite3").path
        r = try run(["store", "copy", "--from", db, "--to", back])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("person\t3"), r.stdout)
        XCTAssertEqual(try run(["audit", "--db", back, "--verify"]).status, 0)
        let copied = try DatabaseQueue(path: back)
        XCTAssertEqual(try copied.read { try Int.fetchOne($0, sql: "SELECT person_count FROM contract") }, 3)
        try copied.close()
        XCTAssertEqual(try run(["signin", "--db", back, "--email", Self.contractor], stdin: "Himitsu-2026!\n").status, 0)
    }

    // Delivery across machines: four `monban deliver --watch` on one store claim each of twenty
    // messages exactly once (the store's write lock around the claim; the lease rules of
    // issue 8); the SMTP server receives each once, no Message-ID twice.
    func testFourDeliverersOnOneStoreSendEachMessageExactlyOnce() throws {
        let port = try closedPort()
        let config = dir.appendingPathComponent("config.toml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: config, contents: Data("""
            [smtp]
            url = "smtp://127.0.0.1:\(port)"
            security = "none"
            from = "noreply@monban.example"
            timeout = 5

            [delivery]
            poll_interval = 0.2
            """.utf8), attributes: [.posixPermissions: 0o600]))
        for i in 1...20 {
            let r = try run(["contract", "create", "--db", db, "--email", "k\(i)@example.com", "--plan", "basic"])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"), port: port)
        var deliverers: [Process] = []
        defer { for p in deliverers where p.isRunning { p.terminate() } }
        for n in 0..<4 {
            deliverers.append(try MonbanProcess.start(["deliver", "--watch", "--db", db, "--config", config],
                                                      log: dir.appendingPathComponent("deliver-\(n).log"),
                                                      environment: environment))
        }
        let deadline = Date() + 60
        while Date() < deadline, try sqlValue("SELECT count(*) FROM outbox WHERE state <> 'sent'") != "0" {
            Thread.sleep(forTimeInterval: 0.2)
        }
        Thread.sleep(forTimeInterval: 1.5)  // time for a duplicate to show up, if there were one
        for p in deliverers {
            p.terminate()
            p.waitUntilExit()
        }
        XCTAssertEqual(try sqlValue("SELECT count(*) FROM outbox WHERE state = 'sent'"), "20")
        let received = try server.messages()
        XCTAssertEqual(received.count, 20, "each message exactly once")
        XCTAssertEqual(Set(received.compactMap { $0.header("Message-ID") }).count, 20, "no Message-ID twice")
        let logs = try (0..<4).map { try String(contentsOf: dir.appendingPathComponent("deliver-\($0).log"), encoding: .utf8) }
        XCTAssertEqual(logs.joined().split(separator: "\n").filter { $0.hasPrefix("sent email") }.count, 20, logs.joined())
        XCTAssertEqual(try run(["audit", "--db", db, "--verify"]).status, 0)
    }

    // The demo is a SQLite file of its own: `monban demo` refuses a PostgreSQL store before it
    // writes anything (it used to fill it, then fail writing its configuration "beside" it).
    func testTheDemoRefusesASharedStoreAndWritesNothing() throws {
        for args in [["demo", "--db", db], ["demo", "--reset", "--db", db]] {
            let r = try run(args)
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("the demo is a SQLite file of its own"), r.stderr)
        }
        XCTAssertEqual(try sqlValue("SELECT to_regclass('monban_migration') IS NULL"), "t", "nothing was written")
    }

    // A password inside the connection string is refused before anything connects: the
    // command line is visible to every user of the machine.
    func testAPasswordInTheConnectionStringIsRefused() throws {
        for uri in ["postgresql://monban:secret@127.0.0.1:\(postgres.port)/monban",
                    "postgresql://127.0.0.1:\(postgres.port)/monban?user=monban&password=secret",
                    "host=127.0.0.1 port=\(postgres.port) dbname=monban user=monban password=secret",
                    "host=127.0.0.1 port=\(postgres.port) dbname=monban user=monban password = 'my secret'"] {
            let r = try run(["audit", "--db", uri, "--verify"])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("a password in the connection string is refused"), r.stderr)
            XCTAssertFalse(r.stderr.contains("secret"), "the password is not repeated: \(r.stderr)")
        }
        // Nor when libpq cannot read the string (a bare % in the password): neither the string
        // nor libpq's message, which quotes it, is shown.
        let unreadable = try run(["audit", "--db", "postgresql://monban:se%cret@127.0.0.1:\(postgres.port)/monban", "--verify"])
        XCTAssertNotEqual(unreadable.status, 0)
        XCTAssertFalse(unreadable.stderr.contains("se%cret") || unreadable.stderr.contains("cret"), unreadable.stderr)
        XCTAssertEqual(try sqlValue("SELECT to_regclass('monban_migration') IS NULL"), "t", "nothing was created")
        // A keyword string with a path in it (the server's socket folder) is PostgreSQL too.
        let socket = try run(["audit", "--db", postgres.socketConnectionString, "--verify"])
        XCTAssertEqual(socket.status, 0, socket.stderr)
    }

    // A database of another application, or one a newer monban wrote, is refused unchanged.
    func testAForeignOrNewerDatabaseIsRefusedUnchanged() throws {
        try postgres.psql("CREATE TABLE orders (id int);")
        var r = try run(["audit", "--db", db, "--verify"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("is not a monban database"), r.stderr)
        try postgres.psql("DROP TABLE orders;")

        try contract()
        try postgres.psql("INSERT INTO monban_migration VALUES ('v99-from-the-future', 0);")
        let before = try sqlValue("SELECT count(*) FROM audit")
        r = try run(["signin", "--db", db, "--email", Self.contractor], stdin: "Himitsu-2026!\n")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("newer version of monban"), r.stderr)
        XCTAssertEqual(try sqlValue("SELECT count(*) FROM audit"), before)
    }
}

final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [MonbanProcess.Outcome] = []
    func add(_ o: MonbanProcess.Outcome) { lock.lock(); outcomes.append(o); lock.unlock() }
    var all: [MonbanProcess.Outcome] { lock.lock(); defer { lock.unlock() }; return outcomes }
}
