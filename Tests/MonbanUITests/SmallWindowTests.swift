import MonbanTUI
import XCTest

@testable import MonbanUI

/// Issue 20 item 10 (UI-2, UI-3): the window too small for the screen, and the footer at
/// every width from the smallest to a wide one.
final class SmallWindowTests: XCTestCase {
    /// Keys typed behind 「画面が小さすぎます」 do not reach the hidden form: before the fix,
    /// the address, Tab, the password and Enter signed in unseen.
    func testKeysDoNotReachAFormHiddenByTheTooSmallScreen() throws {
        let f = try UIFixture()
        f.press(.resize(width: 30, height: 10))
        f.signIn()
        f.press(.resize(width: 80, height: 24))
        XCTAssertTrue(f.text.contains("パスワードを忘れた方はこちら"), f.text)
        XCTAssertEqual(f.app.screen.form[field: .email], "", "nothing was typed into the hidden form")
        f.press(.resize(width: 30, height: 10))
        XCTAssertEqual(f.app.handle(.function(10)), .quit, "F10 still quits")
    }

    /// The footer never ends in a cut key name: at every width its keys are whole, in both
    /// languages, with and without the 受信箱 and F10.
    func testTheFooterFitsEveryWidthWithWholeKeys() {
        for language in Language.allCases {
            for (inbox, kiosk) in [(true, false), (false, false), (true, true), (false, true)] {
                let keys = FooterKeys.keys(inbox: inbox, kiosk: kiosk)
                let names = Set(keys.flatMap { [$0.full(language), $0.short(language)] })
                for width in App.minimumWidth - 2...200 {
                    let line = FooterKeys.line(keys, language: language, width: width)
                    XCTAssertLessThanOrEqual(DisplayWidth.of(line), width)
                    let words = line.split(separator: " ").map(String.init)
                    XCTAssertFalse(words.isEmpty, "\(language) \(width)")
                    for word in words { XCTAssertTrue(names.contains(word), "\(language) \(width): \(line)") }
                    XCTAssertTrue(line.contains("Esc:"), "\(language) \(width): Esc is always there")
                    if !kiosk { XCTAssertTrue(line.contains("F10:"), "\(language) \(width)") }
                }
            }
        }
        // At 80 columns (78 for the line) every key is there in both languages.
        for language in Language.allCases {
            let line = FooterKeys.line(FooterKeys.keys(inbox: true, kiosk: false), language: language, width: 78)
            XCTAssertEqual(line.split(separator: " ").count, 7, line)
        }
    }
}
