import Foundation
import MonbanCore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// What the key fuzzer (issue 9 part 2) found, each pinned by a test of its own.
final class FuzzFindingsTests: XCTestCase {
    func cursorProblems(_ f: UIFixture, width: Int = 80, height: Int = 24) -> [String] {
        let canvas = f.render(width: width, height: height)
        return FuzzInvariants.check(f.app, canvas: canvas)
    }

    // UI-2: a screen just opened has its focus on its first item at once, not only
    // after the next key (the 受信箱 from F2, here).
    func testANewScreenHasItsFocusAtOnce() throws {
        let f = try UIFixture()
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        f.press(.function(2))
        guard case .inbox(.messages(let messages)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(f.app.screen.form.focus, .message(messages[0].id))
    }

    // LG-4: closing a device flow's full-screen QR code keeps focus on the link that
    // opened it (it went to a "code" field that screen does not have).
    func testClosingTheDeviceFlowsQRCodeKeepsFocus() throws {
        let f = try UIFixture()
        f.app.providers = [.google: .demo]
        f.app.federation.demoUserCode = { "WDJB-MJHT" }
        f.press(.tab, .tab, .tab, .tab, .tab, .enter)  // → Google
        guard case .federation(.deviceFlow) = f.app.screen.route else { return XCTFail(f.text) }
        f.choose(.showQR)
        XCTAssertTrue(f.app.screen.qrFullScreen)
        f.press(.character("x"))
        XCTAssertFalse(f.app.screen.qrFullScreen)
        XCTAssertEqual(f.app.screen.form.focus, .showQR)
    }

    // The authenticator's QR code still hands over to its code field (TF-3).
    func testClosingTheAuthenticatorsQRCodeGoesToTheCode() throws {
        let f = try UIFixture(twoStep: true)
        f.signIn()
        f.press(.tab, .tab, .enter)
        XCTAssertTrue(f.app.screen.qrFullScreen)
        f.press(.character("1"))
        XCTAssertEqual(f.app.screen.form.focus, .code)
    }

    // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are line breaks, not characters of a field.
    func testUnicodeLineSeparatorsNeverEnterAField() {
        var field = TextFieldState(maxLength: 100)
        XCTAssertFalse(field.insert("ab\u{2028}cd\u{2029}e\u{85}f\u{0B}g"))
        XCTAssertEqual(field.text, "abcdefg")
        _ = field.handle(.paste("x\u{2028}y"))
        XCTAssertEqual(field.text, "abcdefgxy")
    }

    func testUnicodeLineSeparatorsSplitEditorLines() {
        var editor = LineEditor(text: "CAF0123456789\u{2028}COP12345678\u{2029}CAF9876543210")
        XCTAssertEqual(editor.lineTexts, ["CAF0123456789", "COP12345678", "CAF9876543210"])
        _ = editor.handle(.paste("\u{2028}COP00000001"))
        XCTAssertEqual(editor.lineTexts.count, 4)
    }

    // LA-2: joining two lines (Backspace at a line's start, Delete at its end) never
    // makes a line longer than the editor's limit.
    func testJoiningLinesKeepsToTheLineLength() {
        let long = String(repeating: "x", count: 40)
        var editor = LineEditor(text: long + "\n" + long, maxLineLength: 64)
        _ = editor.handle(.down)
        _ = editor.handle(.home)
        _ = editor.handle(.backspace)
        XCTAssertEqual(editor.lineTexts, [long, long], "not joined: 80 characters")
        _ = editor.handle(.up)
        _ = editor.handle(.end)
        _ = editor.handle(.delete)
        XCTAssertEqual(editor.lineTexts, [long, long])
        var short = LineEditor(text: "CAF01234\n56789", maxLineLength: 64)
        _ = short.handle(.end)
        _ = short.handle(.delete)
        XCTAssertEqual(short.lineTexts, ["CAF0123456789"], "short lines still join")
        _ = short.handle(.enter)
        _ = short.handle(.backspace)
        XCTAssertEqual(short.lineTexts, ["CAF0123456789"])
    }

    func openLines(_ f: UIFixture) {
        f.signIn()
        f.choose(.console)
        f.choose(.lines)
        f.press(.tab, .tab)
        XCTAssertEqual(f.app.screen.form.focus, Screen.linesEditor)
    }

    // LA-2, UI-3: a line wider than the column scrolls sideways so the cursor shows at its end.
    func testTheEditorShowsTheCursorOnALongLine() throws {
        let f = try UIFixture()
        openLines(f)
        f.press(.paste(String(repeating: "回", count: 64)))
        XCTAssertEqual(cursorProblems(f), [])
        let canvas = f.render()
        let cursor = try XCTUnwrap(canvas.cursor, "the cursor is drawn")
        XCTAssertEqual(canvas[cursor.x - 2, cursor.y].character, "回", "right after the last character typed")
        f.press(.home)
        XCTAssertEqual(cursorProblems(f), [])
    }

    // LA-2, UI-3: at 40×12 the editor's ten rows do not fit: the row with the cursor shows.
    func testTheEditorShowsTheCursorInTheSmallestWindow() throws {
        let f = try UIFixture()
        openLines(f)
        f.press(.resize(width: 40, height: 12))
        f.press(.paste((1...9).map { String(format: "CAF%010d", $0) }.joined(separator: "\n")))
        XCTAssertEqual(cursorProblems(f, width: 40, height: 12), [])
        f.press(.pageUp)
        XCTAssertEqual(cursorProblems(f, width: 40, height: 12), [])
        XCTAssertNotNil(f.render(width: 40, height: 12).cursor)
    }

    // Bad input, not a finding: a CA file path that is a device or a FIFO is refused
    // at once (Foundation does not read /dev/zero or wait on a FIFO); kept as a guard.
    func testACAFileThatIsNotAFileIsRefusedAtOnce() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("monban-fifo-\(UUID().uuidString)").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        for path in ["/dev/zero", fifo, "/"] {
            let f = try UIFixture()
            f.press(.tab, .tab, .tab, .tab, .enter)
            f.type(UIFixture.email)
            f.press(.tab)
            f.type(UIFixture.password)
            f.press(.enter)
            f.choose(.menuItem(.activeDirectory))
            f.type("ldaps://dc.corp.example")
            f.press(.tab)
            f.type("corp.example")
            f.press(.tab)
            f.type(path)
            f.press(.enter)
            XCTAssertTrue(f.text.contains(Texts.caFileUnreadable(.ja)), "\(path):\n\(f.text)")
        }
    }
}
