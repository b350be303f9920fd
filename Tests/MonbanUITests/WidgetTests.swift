import XCTest
import MonbanCore
@testable import MonbanTUI
@testable import MonbanUI

/// UI-2, UI-3: display width, wrapping, fields and the keys of every screen.
final class CanvasAndWrapTests: XCTestCase {
    func testUI3_wideCharactersTakeTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("ログイン"), 8)
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("（確認用）"), 10)
        XCTAssertEqual(DisplayWidth.of("▀▄█"), 3, "block elements are drawn one column wide")
    }

    func testUI3_neverHalfACharacterAtTheEdge() {
        var c = Canvas(width: 5, height: 1)
        let used = c.put("ログイン", x: 0, y: 0)
        XCTAssertEqual(used, 4, "two wide characters fit in five columns, the third does not")
        XCTAssertEqual(c.text, "ログ\n")
        XCTAssertNil(c[1, 0].character, "right half of ロ")
        XCTAssertEqual(c[4, 0].character, " ")
    }

    func testUI3_overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(width: 6, height: 1)
        c.put("日本語", x: 0, y: 0)
        c.put("x", x: 1, y: 0)
        XCTAssertEqual(c.text, " x本語\n")
    }

    func testUI3_aWideCharacterOverAnotherReplacesIt() {
        var c = Canvas(width: 4, height: 1)
        c.put("日", x: 0, y: 0)
        c.put("本", x: 0, y: 0)
        XCTAssertEqual(c.text, "本\n")
        c.put("語", x: 1, y: 0)
        XCTAssertEqual(c.text, " 語\n")
    }

    func testUI3_writesOutsideAreDropped() {
        var c = Canvas(width: 3, height: 2)
        c.put("hello", x: -2, y: 0)
        c.put("zz", x: 0, y: 5)
        c.put("zz", x: 0, y: -1)
        XCTAssertEqual(c.text, "llo\n\n")
        XCTAssertEqual(Canvas(width: 0, height: 0).text, "\n")
        var d = Canvas(width: 3, height: 2)
        d.fill(x: 0, y: 5, width: 3, height: 2)   // wholly below
        d.fill(x: 0, y: -9, width: 3, height: 2)  // wholly above
        d.fill(x: 7, y: 0, width: 2, height: 1)   // wholly right
        XCTAssertEqual(d.text, "\n\n")
    }

    func testUI3_japaneseWrapsAtCharacterBoundariesWithKinsoku() {
        XCTAssertEqual(TextWrap.lines("パスワードを忘れた方", width: 10), ["パスワード", "を忘れた方"])
        // "、" never starts a line: the character before it moves down with it.
        XCTAssertEqual(TextWrap.lines("あいう、えお", width: 6), ["あい", "う、え", "お"])
        XCTAssertEqual(TextWrap.lines("Sign in with Google", width: 10), ["Sign in", "with", "Google"])
        XCTAssertTrue(TextWrap.lines("長い日本語の文章", width: 5).allSatisfy { DisplayWidth.of($0) <= 5 })
    }

    /// Issue 20 item 14 (UI-3): Latin words, IDs and URLs inside Japanese text move down whole
    /// (they used to split: 「UR/L」, 「act/ivate」, 「（I/D）」); an opening bracket never ends a
    /// line; a URL longer than the line breaks after / . - ? & = _ ; every line fits.
    func testLatinWordsAndURLsAreNotSplit() {
        XCTAssertEqual(TextWrap.lines("あいうえおURL", width: 12), ["あいうえお", "URL"])
        XCTAssertEqual(TextWrap.lines("接続ID（ID）を入力", width: 10), ["接続ID", "（ID）を入", "力"])
        XCTAssertEqual(TextWrap.lines("開く: https://demo-idp.monban.invalid/activate", width: 40),
                       ["開く:", "https://demo-idp.monban.invalid/activate"])
        XCTAssertEqual(TextWrap.lines("https://demo-idp.monban.invalid/activate?user_code=WDJB", width: 30),
                       ["https://demo-idp.monban.", "invalid/activate?user_code=", "WDJB"])
        XCTAssertEqual(TextWrap.lines("Sign in with Google", width: 10), ["Sign in", "with", "Google"])
        XCTAssertEqual(TextWrap.lines("  indented text", width: 40), ["  indented text"])
        for width in 1...30 {
            for text in ["メールアドレス（ID）を入力し、「送信」を押してください。https://example.com/a?b=c",
                         "Enter the URL https://demo-idp.monban.invalid/activate and the code (ID)."] {
                let lines = TextWrap.lines(text, width: width)
                XCTAssertEqual(lines.joined().filter { $0 != " " }, text.filter { $0 != " " }, "\(width): nothing lost")
                if width >= 2 { XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(width): \(lines)") }
            }
        }
    }
}

final class FieldAndFocusTests: XCTestCase {
    func testTextFieldEditing() {
        var f = TextFieldState(maxLength: 10)
        for k: KeyEvent in [.character("a"), .character("c"), .left, .character("b"), .end, .character("d")] {
            XCTAssertTrue(f.handle(k))
        }
        XCTAssertEqual(f.text, "abcd")
        _ = f.handle(.home)
        _ = f.handle(.delete)
        XCTAssertEqual(f.text, "bcd")
        _ = f.handle(.end)
        _ = f.handle(.backspace)
        XCTAssertEqual(f.text, "bc")
        _ = f.handle(.character("日"))
        XCTAssertEqual(f.text, "bc日")
    }

    func testTextFieldLimitAndControlCharacters() {
        var f = TextFieldState(maxLength: 5)
        _ = f.handle(.paste(String(repeating: "x", count: 10_000)))
        XCTAssertEqual(f.text.count, 5)
        var g = TextFieldState(maxLength: 50)
        _ = g.handle(.paste("line1\nline2\u{7}\u{1b}[31m"))
        XCTAssertEqual(g.text, "line1line2[31m")
    }

    func testPasswordFieldIsMaskedUntilRevealed() {
        var f = TextFieldState(maxLength: 128, secure: true, text: "Himitsu")
        XCTAssertEqual(String(f.displayed), "*******")
        f.revealed = true
        XCTAssertEqual(String(f.displayed), "Himitsu")
    }

    func testUI2_focusStartsOnTheFirstFieldAndTabFollowsVisualOrder() throws {
        let f = try UIFixture()
        XCTAssertEqual(f.app.screen.form.focus, .email, "on the first field before any key (issue 9)")
        f.press(.character("a"))
        XCTAssertEqual(f.app.screen.form.focus, .email, "focus starts on the first field")
        var order: [ControlID?] = []
        for _ in 0..<10 {
            f.press(.tab)
            order.append(f.app.screen.form.focus)
        }
        XCTAssertEqual(order, [.password, .login, .forgot, .change, .google, .facebook, .microsoft, .dAccount, .activeDirectory,
                               .email])
        f.press(.backTab, .backTab)
        XCTAssertEqual(f.app.screen.form.focus, .dAccount)
        f.press(.up, .up)
        XCTAssertEqual(f.app.screen.form.focus, .facebook)
        f.press(.down)
        XCTAssertEqual(f.app.screen.form.focus, .microsoft)
    }

    func testUI2_enterInAFieldSubmitsAndEscGoesBack() throws {
        let f = try UIFixture()
        f.press(.tab, .tab, .tab, .enter)  // パスワードを忘れた方はこちら, no address typed
        guard case .recovery(.forgot) = f.app.screen.route else { return XCTFail("\(f.app.screen.route)") }
        f.type(UIFixture.email)
        f.press(.escape)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail("Esc goes back") }
        // With the address typed, the mail goes at once (issue 20 item 23); Esc comes back.
        f.restart()
        f.type(UIFixture.email)
        f.press(.tab, .tab, .tab, .enter)
        guard case .recovery(.forgotSent) = f.app.screen.route else { return XCTFail("\(f.app.screen.route)") }
        f.press(.escape)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail("Esc goes back") }
    }

    func testUI2_f3RevealsThePassword() throws {
        let f = try UIFixture()
        f.press(.tab)
        f.type("Himitsu")
        XCTAssertTrue(f.text.contains("*******"))
        f.press(.function(3))
        XCTAssertTrue(f.text.contains("Himitsu"))
        XCTAssertTrue(f.text.contains("F3:隠す"))
    }

    func testUI2_f10QuitsExceptInKiosk() throws {
        let f = try UIFixture()
        XCTAssertEqual(f.app.handle(.function(10)), .quit)
        let kiosk = onDemoDatabase(App(language: .ja, kiosk: true, engines: EngineProvider(engine: f.engine), context: AccessContext(terminal: "k")))
        var k = kiosk
        XCTAssertEqual(k.handle(.function(10)), .continue)
        var c = Canvas(width: 80, height: 24)
        k.render(into: &c)
        XCTAssertFalse(c.text.contains("F10"), "the footer shows only the keys that work")
    }

    func testLG2_signInReachesTheMainScreenAndTheLockShowsAfterTen() throws {
        let f = try UIFixture()
        f.failSignIn(times: 9)
        XCTAssertTrue(f.text.contains("メールアドレスまたはパスワードが正しくありません。"))
        f.failSignIn(times: 1)
        XCTAssertTrue(f.text.contains("アカウントロック"))
        XCTAssertTrue(f.text.contains("パスワードを10回間違えたため"))
    }

    func testUI3_everySizeRendersWithoutLeavingTheCanvas() throws {
        let f = try UIFixture()
        for (w, h) in [(1, 1), (0, 0), (20, 5), (39, 11), (40, 12), (80, 24), (300, 100)] {
            var c = Canvas(width: w, height: h)
            f.app.render(into: &c)
            XCTAssertEqual(c.cells.count, max(0, w) * max(0, h))
            if let cur = c.cursor { XCTAssertTrue(cur.x < w && cur.y < h) }
        }
    }
}

/// The multi-line editor the line-number editor stands on (issue 3 widgets).
final class LineEditorTests: XCTestCase {
    func testTypingEnterAndPasteOfManyLines() {
        var e = LineEditor(pageSize: 3)
        for k: KeyEvent in [.character("C"), .character("A"), .character("F"), .enter, .paste("cop12345678\nCOP00000001\n")] {
            XCTAssertTrue(e.handle(k))
        }
        XCTAssertEqual(e.lineTexts, ["CAF", "cop12345678", "COP00000001", ""])
        XCTAssertEqual(e.row, 3)
        XCTAssertEqual(e.top, 1, "scrolled so the cursor line shows")
    }

    func testMovementDeletionAndLineInsertion() {
        var e = LineEditor(text: "a\nb\nc\nd\ne", pageSize: 2)
        _ = e.handle(.pageDown)
        XCTAssertEqual(e.row, 2)
        _ = e.handle(.control("k"))
        XCTAssertEqual(e.lineTexts, ["a", "b", "d", "e"])
        _ = e.handle(.insert)
        XCTAssertEqual(e.lineTexts, ["a", "b", "", "d", "e"])
        _ = e.handle(.pageUp)
        XCTAssertEqual(e.row, 0)
        _ = e.handle(.end)
        _ = e.handle(.delete)  // joins "a" and "b"
        XCTAssertEqual(e.lineTexts.first, "ab")
        _ = e.handle(.home)
        _ = e.handle(.backspace)
        XCTAssertEqual(e.lineTexts.first, "ab", "backspace at the very start does nothing")
        XCTAssertFalse(e.handle(.up), "Up on the first line is the form's (focus moves)")
        XCTAssertFalse(e.handle(.tab))
    }

    func testControlCharactersAndLineLengthLimit() {
        var e = LineEditor(maxLineLength: 5)
        _ = e.handle(.paste("abc\u{7}defgh\u{1b}"))
        XCTAssertEqual(e.lineTexts, ["abcde"])
    }

    func testDrawsNumbersMarksAndCursor() {
        let e = LineEditor(text: "CAF1234567890\nbad", pageSize: 3)
        var c = Canvas(width: 40, height: 3)
        let cursor = e.draw(into: &c, x: 0, y: 0, width: 40, focused: true, marks: [1: "形式"])
        XCTAssertEqual(c.text, "   1 CAF1234567890\n   2 bad              <- 形式\n\n")
        XCTAssertEqual(cursor?.x, 5)
        XCTAssertEqual(cursor?.y, 0)
    }
}

/// TK-2: Enter on a link in the 受信箱 opens the screen the link is for.
final class InboxTests: XCTestCase {
    func testTK2_enterOnALinkInTheInboxOpensItsScreen() throws {
        let f = try UIFixture()
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        f.press(.function(2))
        guard case .inbox(.messages(let messages)) = f.app.screen.route else { return XCTFail("F2 opens the inbox") }
        XCTAssertEqual(messages.count, 1)
        f.press(.enter)  // the message
        guard case .inbox(.message) = f.app.screen.route else { return XCTFail("Enter opens the message") }
        let token = try XCTUnwrap(Link(parsing: f.mailedLink("/lo/reset")).ticket.token)
        XCTAssertFalse(f.render(width: 200, height: 60).text.contains(token), "the ticket never shows whole on screen")
        XCTAssertTrue(f.text.contains("ticket=" + token.prefix(4) + "..."))
        f.press(.enter)  // its link (focus starts on it: the only focusable before 戻る)
        guard case .recovery(.reset(_, let email)) = f.app.screen.route else { return XCTFail("\(f.app.screen.route)") }
        XCTAssertEqual(email, UIFixture.email)
        f.press(.escape, .escape, .escape)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail("Esc walks back to the login screen") }
    }
}
