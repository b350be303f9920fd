import Foundation
import MonbanCore
import XCTest

/// The engine's and the screens' string operations without NSString (they run before
/// CoreFoundation is set up; bench/README.md, "Before the first paint") give what
/// Foundation's give, on the inputs people type and the texts monban fills in.
final class PlainTextTests: XCTestCase {
    let samples = [
        "", " ", "\t", "abc", "  abc  ", "\t a b \t", "\u{3000}門番\u{3000}", "\u{00A0}x\u{2003}", " \n x \r\n",
        "\u{2028}x\u{2029}", "\u{0085}x\u{000B}\u{000C}", " \u{0301}a ", "ａｄｆｓ－ＡＢＣ\u{3000}", "🇯🇵 ", " \u{200B}x",
        "keiyaku@example.com\n", "\n\n", "  \u{1680}\u{202F}\u{205F}x\u{FEFF}",
    ]

    func testTrimmingMatchesFoundation() {
        for s in samples {
            XCTAssertEqual(s.trimmingWhitespace(), s.trimmingCharacters(in: .whitespaces), s.debugDescription)
            XCTAssertEqual(s.trimmingWhitespaceAndNewlines(), s.trimmingCharacters(in: .whitespacesAndNewlines),
                           s.debugDescription)
            XCTAssertEqual(Substring(s).trimmingWhitespace(), s.trimmingCharacters(in: .whitespaces))
        }
    }

    func testReplacingMatchesFoundation() {
        let cases: [(String, String, String)] = [
            ("{t} 後に再送", "{t}", "12:00:05"), ("aaaa", "aa", "b"), ("aaa", "aa", "b"), ("abc", "", "x"),
            ("abc", "abcd", "x"), ("{l} と {l}", "{l}", "CAF1234567890"), ("メールアドレス", "アド", "ad"),
            ("e\u{301}", "e", "x"), ("https://x/?ticket=abc&ticket=def", "ticket=", "t="), ("", "a", "b"),
        ]
        for (text, target, replacement) in cases {
            XCTAssertEqual(text.replacingEvery(target, with: replacement),
                           text.replacingOccurrences(of: target, with: replacement), "\(text) / \(target)")
        }
    }
}
