import Foundation
import XCTest
@testable import MonbanTUI
@testable import MonbanUI
import MonbanCore
import TestSupport

/// UI-4: on the Linux console (TERM=linux) the English client draws only ASCII
/// and the QR code's ▀ ▄ █, which the console's built-in font has; Japanese
/// data (names, subjects) becomes "?" of the same width. With --lang ja (kmscon,
/// fbterm) nothing is folded.
final class ConsoleGlyphTests: XCTestCase {
    func offending(_ canvas: Canvas) -> Set<Character> {
        var bad: Set<Character> = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                if let c = canvas[x, y].character, !c.isASCII, !["▀", "▄", "█"].contains(c) { bad.insert(c) }
            }
        }
        return bad
    }

    func testEnglishScreensOnTheConsoleUseOnlyConsoleGlyphs() throws {
        let f = try UIFixture(language: .en)
        f.app.consoleGlyphs = true
        var screens: [(String, Canvas)] = [("login", f.render())]
        f.press(.enter)
        screens.append(("empty credentials", f.render()))
        f.signIn("Wrong-1!")
        screens.append(("wrong credentials", f.render()))
        f.type(UIFixture.password)  // the address is kept, focus on the password
        f.press(.enter)
        screens.append(("main screen (a Japanese name)", f.render()))
        let main = f.render().text
        XCTAssertTrue(main.contains("???? ???? <keiyaku@example.com>"), "門番 太郎 keeps its width as ?s:\n\(main)")
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        f.press(.function(2))
        screens.append(("inbox (Japanese subjects)", f.render()))
        f.press(.enter)
        screens.append(("a Japanese message", f.render()))
        f.press(.resize(width: 20, height: 5))
        screens.append(("too small (40x12)", f.render(width: 20, height: 5)))
        for (name, canvas) in screens {
            XCTAssertEqual(offending(canvas), [], "\(name):\n\(canvas.text)")
        }
    }

    func testTheAuthenticatorQRCodeOnTheConsoleStillReadsBack() throws {
        let f = try UIFixture(language: .en, twoStep: true)
        f.app.consoleGlyphs = true
        f.press(.resize(width: 80, height: 24))
        f.signIn()
        f.press(.tab, .tab, .enter)  // QRコードでの認証はこちら
        let canvas = f.render()
        XCTAssertEqual(offending(canvas), [], canvas.text)
        XCTAssertTrue(canvas.text.contains("█") || canvas.text.contains("▀"), canvas.text)
        guard case .twoStep(.authenticatorEnroll(_, let setup)) = f.app.screen.route else { return XCTFail("not on the QR screen") }
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.map { "█▀▄".contains($0) ? $0 : " " })
        }
        XCTAssertEqual(try ZbarDecode.decode(ZbarDecode.modules(halfBlockLines: lines)), setup.uri)
    }

    func testJapaneseOnTheConsoleIsNotFolded() throws {
        let f = try UIFixture(language: .ja)
        f.app.consoleGlyphs = true  // TERM=linux with --lang ja: the person has kmscon or fbterm
        XCTAssertTrue(f.render().text.contains("パスワードを忘れた方は"))
    }

    func testFold() {
        XCTAssertEqual("Checking…".map(ConsoleGlyphs.fold).joined(), "Checking...")
        XCTAssertEqual("門番 x".map(ConsoleGlyphs.fold).joined(), "???? x")
        XCTAssertEqual("▀▄█ ".map(ConsoleGlyphs.fold).joined(), "▀▄█ ")
    }
}
