import Foundation
import GRDB
import XCTest

/// Issue 19, finding 10, through the real binary: what reaches the operator's terminal
/// from data is inert (no escape sequence, no bidi control), and --json stays exact.
final class OperatorOutputSafetyTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    /// What an attacker gets into the database: an LDAP server's diagnostic (the contractor
    /// chooses the directory URL) in an audit detail, a crafted name in a message. Retitles
    /// the window, clears the screen, forges a line, hides the rest (SGR 8), turns text round.
    let payload = "\u{1b}]0;pwned\u{07}\u{1b}[2J\n42\t2026-01-01T00:00:00Z\tsign_in.succeeded\u{1b}[8m hidden \u{202E}gnp.exe\u{9B}31m\u{7F}"
    let forbidden: [Unicode.Scalar] = ["\u{1b}", "\u{07}", "\u{202E}", "\u{9B}", "\u{7F}"]

    func assertInert(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for c in forbidden {
            XCTAssertFalse(text.unicodeScalars.contains(c), "\(what) prints U+\(String(c.value, radix: 16))", file: file, line: line)
        }
    }

    /// Plants `payload` as an attacker with a crafted LDAP message or name would get it there.
    func plant() throws {
        try createContract(email: email, password: password, twoStep: false)
        XCTAssertEqual(try monban("forgot", "--db", db, "--email", email).status, 0)
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: "UPDATE audit SET detail = ?, terminal = ? WHERE id = (SELECT max(id) FROM audit)",
                           arguments: [payload, "host:" + payload])
            try db.execute(sql: "UPDATE outbox SET recipient = ?, subject = ?, body = body || ?",
                           arguments: ["山田" + payload + "@example.com", "件名" + payload, "\n様" + payload])
        }
    }

    func testF10_auditPrintsDataInert() throws {
        try plant()
        let entries = try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit") ?? 0 }
        let r = try monban("audit", "--db", db)
        XCTAssertEqual(r.status, 0, r.stderr)
        assertInert(r.stdout, "monban audit")
        XCTAssertEqual(r.stdout.split(separator: "\n").count, entries, "no forged line:\n\(r.stdout)")
        // Seen, not obeyed: the operator can tell something was there.
        XCTAssertTrue(r.stdout.contains(#"\u{1B}]0;pwned\u{7}\u{1B}[2J\u{A}42\u{9}"#), r.stdout)
        XCTAssertTrue(r.stdout.contains(#"\u{202E}gnp.exe"#), r.stdout)
    }

    func testF10_outboxPrintsDataInertAndItsJSONStaysExact() throws {
        try plant()
        let r = try monban("outbox", "--db", db)
        XCTAssertEqual(r.status, 0, r.stderr)
        assertInert(r.stdout, "monban outbox")
        XCTAssertTrue(r.stdout.contains(#"件名: 件名\u{1B}]0;pwned"#), r.stdout)
        XCTAssertTrue(r.stdout.contains("パスワード"), "a body keeps its own lines:\n\(r.stdout)")

        let json = try monban("outbox", "--db", db, "--json")
        XCTAssertEqual(json.status, 0, json.stderr)
        assertInert(json.stdout, "monban outbox --json")
        let lines = json.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, json.stdout)
        let m = try JSONDecoder().decode(Mail.self, from: Data(try XCTUnwrap(lines.first).utf8))
        XCTAssertEqual(m.subject, "件名" + payload, "escaped, not mangled")
        XCTAssertEqual(m.to, "山田" + payload + "@example.com")
        XCTAssertTrue(m.body.hasSuffix("\n様" + payload))
    }

    func testF10_anErrorCarryingDataIsInert() throws {
        let r = try monban("outbox", "--db", dir.appendingPathComponent("x\u{1b}]0;pwned\u{07}\u{202E}.sqlite3").path)
        XCTAssertEqual(r.status, 1)
        assertInert(r.stderr, "an error")
        XCTAssertTrue(r.stderr.contains("no database at"), r.stderr)
    }

    // Issue 19 finding 10, the screens' half: a name carrying the payload, shown on the
    // screens in a real terminal, neither retitles the window (OSC 0 would set tmux's pane
    // title) nor clears it, and the escapes are shown, not obeyed.
    func testF10_screensShowDataInert() throws {
        try createContract(email: email, password: password, twoStep: false)
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: "UPDATE person SET name = ? WHERE email = ?", arguments: ["門番" + payload, email])
            try db.execute(sql: "UPDATE audit SET detail = ?", arguments: [payload])
        }
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'",
                                 environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
        let title = try t.tmux(["display-message", "-p", "-t", t.session, "#{pane_title}"])
        try typeCredentials(t, email, password)
        t.waitFor("管理コンソール")
        try t.press("Tab", "Enter")  // 認証・契約情報変更メニュー → 管理コンソール
        t.waitFor("[ ユーザ ]")
        try t.press("Enter")  // ユーザ
        t.waitFor("keiyaku@example.com")
        let users = t.screen
        assertInert(users, "the user list")
        XCTAssertTrue(users.contains(#"門番\u{1B}"#), users)
        XCTAssertEqual(try t.tmux(["display-message", "-p", "-t", t.session, "#{pane_title}"]), title,
                       "the window title is unchanged")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())
    }
}
