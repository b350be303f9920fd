import Foundation
import XCTest

/// Issue 19 finding 4 (TM-2) through the release binary: after flows that mail links (a
/// password reset, an account lock) and send SMS codes (two-step enrolment in the client),
/// a copy of the database — its files' bytes, and `sqlite3 DB .dump` — holds no live ticket
/// and no SMS code, and `monban outbox` without --reveal prints neither.
final class OutboxSecretsTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    func fileBytes(_ path: String) -> Data { (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data() }

    func testF4_theDatabaseFilesAndItsDumpHoldNoLiveTicketAndNoSMSCode() throws {
        try createContract(email: email, password: password, twoStep: true)
        // An SMS code, sent and typed back in the client (TF-2, TF-5).
        let state = dir.appendingPathComponent("state").path
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", environment: ["XDG_STATE_HOME": state])
        try typeCredentials(t, email, password)
        try enrollWithSMS(t)
        try t.press("F10")
        // A reset link (PW-1) and, after ten wrong passwords, an unlock link (LK-2).
        XCTAssertEqual(try monban("forgot", "--db", db, "--email", email).status, 0)
        for i in 1...10 { _ = try monban("signin", "--db", db, "--email", email, stdin: "Wrong-\(i)!\n") }

        // What the operator opens on purpose: the secrets, to look for.
        let revealed = try outbox()
        let tickets = revealed.flatMap(\.links).compactMap { $0.components(separatedBy: "ticket=").last }
        XCTAssertEqual(tickets.count, 2, "a reset and an unlock link: \(revealed.map(\.subject))")
        let codes = revealed.filter { $0.kind == "sms" }.compactMap { sms in
            sms.body.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }.map(String.init)
        }
        XCTAssertEqual(codes.count, 1)
        let secrets = tickets + codes
        XCTAssertTrue(secrets.allSatisfy { $0.count >= 6 })

        // The files' bytes, as a copy of them would have them.
        let raw = fileBytes(db) + fileBytes(db + "-wal")
        XCTAssertGreaterThan(raw.count, 0)
        for s in secrets { XCTAssertNil(raw.range(of: Data(s.utf8)), "\(s) in the database files") }
        // sqlite3's dump of the whole database.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, ".dump"]
        let out = Pipe()
        sqlite.standardOutput = out
        try sqlite.run()
        let dump = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sqlite.waitUntilExit()
        XCTAssertTrue(dump.contains("CREATE TABLE outbox"), String(dump.prefix(300)))
        XCTAssertTrue(dump.contains("リンクは非表示"), "the placeholder stands in the mails")
        for s in secrets { XCTAssertFalse(dump.contains(s), "\(s) in sqlite3 .dump") }
        // `monban outbox` prints no live secret unless asked to (and the asking is audited).
        for args in [["outbox", "--db", db], ["outbox", "--db", db, "--json"]] {
            let r = try MonbanProcess.run(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            for s in secrets { XCTAssertFalse(r.stdout.contains(s), "\(args) printed \(s)") }
        }
        XCTAssertTrue(try monban("audit", "--db", db).stdout.contains("outbox.revealed"))
    }
}
