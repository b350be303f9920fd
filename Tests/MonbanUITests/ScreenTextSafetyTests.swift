import Foundation
import GRDB
import MonbanCore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// Issue 19 finding 10, the screens' half: text from data (a name, an e-mail address, an
/// audit detail carrying an LDAP server's diagnostic, a message body) reaches the terminal
/// inert. Every text a screen draws goes through `Canvas.put`, which draws a control
/// character (C0, DEL, C1), a bidi control or a line separator as its visible escape
/// (`TerminalText`, shared with the command line), and `Screen` never hands one to curses.
/// The sequences are planted with SQL, as a crafted row, name or directory message would be.
final class ScreenTextSafetyTests: XCTestCase {
    /// U+202E turns the rest round; ESC [2J clears the screen; OSC 0 retitles the window.
    static let hostileName = "悪\u{202E}exe.txt\u{1B}[2J\u{1B}]0;pwned\u{07}"
    /// A directory's diagnostic: retitle, clear, hide the rest (SGR 8), a C1 CSI, a forged line.
    static let diagnostic = "directory unreachable: \u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[8mhidden\u{9B}31m\u{2028}forged"

    /// No cell holds a character that could make the terminal act.
    func assertInert(_ canvas: Canvas, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                guard let ch = canvas[x, y].character else { continue }
                XCTAssertFalse(ch.unicodeScalars.contains(where: TerminalText.isUnsafe),
                               "\(what): U+\(String(ch.unicodeScalars.first!.value, radix: 16)) at \(x),\(y)",
                               file: file, line: line)
            }
        }
    }

    func testF10_theCanvasDrawsControlAndBidiCharactersAsEscapes() {
        var canvas = Canvas(width: 120, height: 3)
        canvas.put(Self.hostileName, x: 0, y: 0)
        canvas.put(Self.diagnostic, x: 0, y: 1)
        canvas.put("tab\tand\r\nnewline\u{7F}\u{2066}", x: 0, y: 2)
        assertInert(canvas, "canvas")
        let text = canvas.text
        XCTAssertTrue(text.contains("悪\\u{202E}exe.txt\\u{1B}[2J\\u{1B}]0;pwned\\u{7}"), text)
        XCTAssertTrue(text.contains("\\u{9B}31m\\u{2028}forged"), text)
        XCTAssertTrue(text.contains("tab\\u{9}and\\u{D}\\u{A}newline\\u{7F}\\u{2066}"), text)
        // Clean text is drawn as it is.
        var plain = Canvas(width: 20, height: 1)
        XCTAssertEqual(plain.put("門番 monban", x: 0, y: 0), 11)
        XCTAssertTrue(plain.text.hasPrefix("門番 monban"), plain.text)
    }

    // A name with U+202E and escape sequences, and an address with them, on the main screen
    // and the 管理コンソール's list; an audit detail with an LDAP diagnostic's OSC 0 on the 操作ログ.
    func testF10_hostileNamesAddressesAndAuditDetailsAreInertOnTheScreens() throws {
        let f = try UIFixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        _ = try f.engine.addPerson(to: contractor.contractID, email: "victim@example.com", name: "被害 者",
                                   role: .user, password: UIFixture.password)
        try f.engine.database.queue.write { db in
            try db.execute(sql: "UPDATE person SET name = ? WHERE email = ?", arguments: [Self.hostileName, UIFixture.email])
            try db.execute(sql: "UPDATE person SET name = ?, email = ? WHERE email = 'victim@example.com'",
                           arguments: [Self.hostileName, "v\u{202E}moc.elpmaxe@\u{1B}[31mred"])
        }
        f.signIn()
        guard case .main = f.app.screen.route else { return XCTFail(f.text) }
        assertInert(f.render(), "main screen")
        f.choose(.console)
        f.press(.enter)  // ユーザ
        guard case .console(.users) = f.app.screen.route else { return XCTFail(f.text) }
        let users = f.render()
        assertInert(users, "user list")
        XCTAssertTrue(users.text.contains("\\u{202E}"), "the reader sees the bidi control was there:\n\(users.text)")
        f.press(.escape)
        // Every entry so far carries the diagnostic (the newest is the first row).
        try f.engine.database.queue.write { db in
            try db.execute(sql: "UPDATE audit SET detail = ?", arguments: [Self.diagnostic])
        }
        f.choose(.audit)
        for _ in 0..<1000 {
            guard case .console(.auditLog(_, let v)) = f.app.screen.route, v.chain.result == nil else { break }
            _ = f.app.tick()
        }
        f.press(.tab)  // as in ConsoleStoryboardTests.testAU1_auditLog: the filter's 操作 field
        let log = f.render()
        assertInert(log, "audit log")
        f.press(.tab, .tab, .tab, .enter)  // from, to, the first row: the entry whole
        let entry = f.render()
        assertInert(entry, "audit entry")
        XCTAssertTrue(entry.text.contains("\\u{1B}]0;owned\\u{7}"), entry.text)
    }
}
