import Foundation
import GRDB
import XCTest

/// The operator commands of the foundation issue, through the real binary.
final class OperatorCommandTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    func createContract(plan: String = "basic") throws {
        let r = try monban("contract", "create", "--db", db, "--email", email, "--plan", plan, "--password-stdin",
                           stdin: password + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("created contract 1 (\(plan)) for \(email)"), r.stdout)
    }

    func testCT4_createSignInAndTheFileIsPrivate() throws {
        try createContract()
        let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
        let ok = try monban("signin", "--db", db, "--email", email, stdin: password + "\n")
        XCTAssertEqual(ok.status, 0, ok.stderr)
        // LG-3: two-step verification is on by default, so the password step is what a script sees.
        XCTAssertTrue(ok.stdout.contains("password accepted: two-step verification required (not enrolled yet"), ok.stdout)
        let journal = try DatabaseQueue(path: db).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(journal, "wal")
    }

    func testCT4_badInputExitsNonZeroWithOneLine() throws {
        // A value outside an option's list ("--plan gold") is a usage error: HelpTextTests.
        let cases: [([String], String?, String)] = [
            (["contract", "create", "--db", db, "--email", "not-an-address", "--plan", "basic"], nil, "not a valid e-mail address"),
            (["contract", "create", "--db", db, "--email", email, "--plan", "basic", "--password-stdin"], "password\n",
             "パスワードは英大文字、英小文字、数字、記号から3種類以上を含め8文字以上で設定してください"),
            (["outbox", "--db", dir.appendingPathComponent("missing.sqlite3").path], nil, "no database at"),
            (["audit", "--db", dir.appendingPathComponent("missing.sqlite3").path], nil, "no database at"),
            (["open", "--db", db, "https://login.monban.example/lo/unblock?ticket=nonsense"], nil, "this link is not valid"),
        ]
        for (args, stdin, expected) in cases {
            let r = try MonbanProcess.run(args, stdin: stdin)
            XCTAssertEqual(r.status, 1, args.joined(separator: " "))
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("monban: "), r.stderr)
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("missing.sqlite3").path),
                       "reading commands never create a database")
    }

    func testCT4_withoutPasswordARegistrationLinkIsMailed() throws {
        let r = try monban("contract", "create", "--db", db, "--email", email, "--plan", "trial")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("trial ends"), r.stdout)
        let link = try link(to: email, containing: "/lo/register?ticket=")
        let weak = try monban("open", "--db", db, link, "--password-stdin", stdin: "weak\n")
        XCTAssertEqual(weak.status, 1)
        let set = try monban("open", "--db", db, link, "--password-stdin", stdin: password + "\n")
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertEqual(try monban("signin", "--db", db, "--email", email, stdin: password + "\n").status, 0)
    }

    func testTK3_outboxJSONHasEveryField() throws {
        try createContract()
        XCTAssertEqual(try monban("forgot", "--db", db, "--email", email).status, 0)
        XCTAssertEqual(try monban("forgot", "--db", db, "--email", "nobody@example.com").status, 0)
        let mails = try outbox()
        XCTAssertEqual(mails.count, 1, "nothing is sent to an unknown address")
        let m = try XCTUnwrap(mails.first)
        XCTAssertEqual(m.kind, "email")
        XCTAssertEqual(m.to, email)
        XCTAssertEqual(m.subject, "【おまかせクラウドストレージ】パスワードリセット")
        XCTAssertEqual(m.links.count, 1)
        XCTAssertTrue(m.body.contains(m.links[0]))
        XCTAssertNotNil(ISO8601DateFormatter().date(from: m.sent_at), m.sent_at)
        XCTAssertEqual(try outbox(to: "other@example.com").count, 0)
    }

    func testPW3_resetLinkSetsANewPasswordThatSignsIn() throws {
        try createContract()
        XCTAssertEqual(try monban("forgot", "--db", db, "--email", email).status, 0)
        let link = try link(to: email, containing: "/lo/reset?ticket=")
        let r = try monban("open", "--db", db, link, "--password-stdin", stdin: "Atarashii-2026\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try monban("signin", "--db", db, "--email", email, stdin: password + "\n").status, 1)
        XCTAssertEqual(try monban("signin", "--db", db, "--email", email, stdin: "Atarashii-2026\n").status, 0)
        let again = try monban("open", "--db", db, link, "--password-stdin", stdin: "Mata-Atarashii-1\n")
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already been used"), again.stderr)
    }

    /// LK-1 under real concurrency: several processes signing in at once lock
    /// after exactly ten failures in total and send exactly one lock e-mail.
    func testLK1_exactlyTenAcrossConcurrentProcesses() throws {
        try createContract()
        let processes = 5, attemptsEach = 4
        let group = DispatchGroup()
        let outcomes = OutcomeBox()
        let db = self.db, email = self.email
        for p in 0..<processes {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for a in 0..<attemptsEach {
                    if let r = try? MonbanProcess.run(["signin", "--db", db, "--email", email], stdin: "Wrong-\(p)-\(a)!\n") {
                        outcomes.add(r)
                    }
                }
            }
        }
        group.wait()
        let all = outcomes.all
        XCTAssertEqual(all.count, processes * attemptsEach)
        XCTAssertTrue(all.allSatisfy { $0.status == 1 })
        XCTAssertTrue(all.allSatisfy { !$0.stderr.contains("locked by another process") }, "writers wait, not fail")
        let lockMails = try outbox(to: email).filter { $0.subject.hasSuffix("アカウントロック") }
        XCTAssertEqual(lockMails.count, 1, "exactly one lock e-mail")
        let audit = try monban("audit", "--db", db)
        XCTAssertEqual(audit.stdout.split(separator: "\n").filter { $0.contains("wrong password (") }.count, 10)
        XCTAssertEqual(audit.stdout.split(separator: "\n").filter { $0.contains("account.locked") }.count, 1)

        // Locked: the right password is refused and says so.
        let locked = try monban("signin", "--db", db, "--email", email, stdin: password + "\n")
        XCTAssertEqual(locked.status, 1)
        XCTAssertTrue(locked.stderr.contains("アカウントがロックされています"), locked.stderr)

        // LK-2: the mailed link unlocks.
        let unlock = try XCTUnwrap(lockMails.first?.links.first)
        XCTAssertTrue(unlock.contains("/lo/unblock?ticket="))
        let opened = try monban("open", "--db", db, unlock)
        XCTAssertEqual(opened.status, 0, opened.stderr)
        XCTAssertEqual(try monban("signin", "--db", db, "--email", email, stdin: password + "\n").status, 0)
        let verify = try monban("audit", "--db", db, "--verify")
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("audit log intact"))
    }

    func testAU1_verifyReportsTheFirstBrokenEntry() throws {
        try createContract()
        _ = try monban("signin", "--db", db, "--email", email, stdin: "Wrong-1!\n")
        _ = try monban("signin", "--db", db, "--email", email, stdin: password + "\n")
        XCTAssertEqual(try monban("audit", "--db", db, "--verify").status, 0)
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: "UPDATE audit SET event = 'sign_in.succeeded' WHERE id = 3")
        }
        let r = try monban("audit", "--db", db, "--verify")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("audit log broken at entry 3"), r.stderr)
    }

    func testStore_aForeignFileIsRefusedAndLeftUntouched() throws {
        let foreign = dir.appendingPathComponent("notes.sqlite3").path
        try DatabaseQueue(path: foreign).write { db in
            try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
        }
        // Owner-only, as monban's own files are: a readable one is refused before its contents (issue 19).
        XCTAssertEqual(chmod(foreign, 0o600), 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let r = try monban("contract", "create", "--db", foreign, "--email", email, "--plan", "basic")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is not a monban database; it was not changed"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: foreign)), before)
        let text = dir.appendingPathComponent("text.sqlite3").path
        try Data("hello, not a database\n".utf8).write(to: URL(fileURLWithPath: text))
        XCTAssertEqual(try monban("outbox", "--db", text).status, 1)
        XCTAssertEqual(try String(contentsOfFile: text, encoding: .utf8), "hello, not a database\n")
    }

    func testDemo_createsAccountsThatSignIn() throws {
        let demo = dir.appendingPathComponent("demo.sqlite3").path
        let r = try monban("demo", "--db", demo)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("demo database created: \(demo)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("keiyakusha@demo.monban.example"))
        let again = try monban("demo", "--db", demo)
        XCTAssertTrue(again.stdout.contains("demo database: \(demo)"), "a second run keeps the database")
        let s = try monban("signin", "--db", demo, "--email", "trial@demo.monban.example", stdin: "Monban-Demo-2026\n")
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("trial"))
    }
}

final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [MonbanProcess.Outcome] = []
    func add(_ o: MonbanProcess.Outcome) { lock.lock(); items.append(o); lock.unlock() }
    var all: [MonbanProcess.Outcome] { lock.lock(); defer { lock.unlock() }; return items }
}
