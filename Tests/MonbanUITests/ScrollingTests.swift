import Foundation
import MonbanCore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// UI-3, issue 20 item 2: every line of a screen taller than the window can be read at 80×24.
/// PageDown and PageUp scroll the text a window at a time (↓ on the last control, ↑ on the
/// first, a line at a time), whatever has the focus; before, the window followed the focus
/// only, and what lay above the first control or below the last was never shown.
enum Scrolling {
    /// The screen's lines at the window's width, as the form lays them out.
    static func allLines(_ f: UIFixture, width: Int = 80, height: Int = 24) -> [String] {
        let frame = f.app.formFrame(width: width, height: height)
        return FormLayout.lines(f.app.currentItems, form: f.app.screen.form, width: frame.width,
                                hints: Texts.secretHints(f.app.language))
            .map { $0.segments.map(\.text).joined().trimmingCharacters(in: .whitespaces) }
    }

    /// Presses `key` until the screen stops changing (at most 40 times).
    static func pressUntilStill(_ f: UIFixture, _ key: KeyEvent) {
        for _ in 0..<40 {
            let before = f.text
            f.press(key)
            if f.text == before { return }
        }
    }

    /// Every line of the screen shows at some point between the top and the bottom, and the
    /// ^/v marks say where more is.
    static func assertEveryLineReadable(_ f: UIFixture, _ what: String, key down: KeyEvent = .pageDown,
                                        up: KeyEvent = .pageUp, file: StaticString = #filePath, line: UInt = #line) {
        let all = allLines(f)
        let lines = all.filter { !$0.isEmpty }
        XCTAssertGreaterThan(all.count, f.app.formFrame(width: 80, height: 24).height,
                             "\(what): the screen fits the window; nothing to test", file: file, line: line)
        var seen = Set<String>()
        func look() {
            for l in f.text.split(separator: "\n") {
                var s = l.trimmingCharacters(in: .whitespaces)
                if s.hasSuffix(" v") || s.hasSuffix(" ^") { s = String(s.dropLast(2)).trimmingCharacters(in: .whitespaces) }
                if s == "v" || s == "^" { continue }
                seen.insert(s)
            }
        }
        pressUntilStill(f, up)
        look()
        XCTAssertTrue(f.text.contains(lines[0]), "\(what): the top is not shown after \(up):\n\(f.text)", file: file, line: line)
        for _ in 0..<40 {
            let before = f.text
            f.press(down)
            look()
            if f.text == before { break }
        }
        let bottom = f.text.split(separator: "\n").dropLast(2).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertFalse(bottom.last?.hasSuffix(" v") ?? false, "\(what): still more below:\n\(f.text)", file: file, line: line)
        for l in lines where !seen.contains(l) {
            XCTFail("\(what): 「\(l)」 never shown", file: file, line: line)
        }
    }
}

extension SettingsStoryboardTests {
    // UI-3, issue 20 item 2: the notes under アクセス経路設定's buttons.
    func testUI3_accessRouteNotesScrollIntoView() throws {
        let f = try UIFixture()
        signInToSettings(f)
        f.choose(.menuItem(.accessRoute))
        Scrolling.assertEveryLineReadable(f, "アクセス経路設定")
        // ↓ on the last control (戻る) scrolls too, a line at a time.
        f.restart()
        signInToSettings(f)
        f.choose(.menuItem(.accessRoute))
        while f.app.screen.form.focus != .back { f.press(.tab) }
        Scrolling.assertEveryLineReadable(f, "アクセス経路設定 with ↓", key: .down, up: .pageUp)
        capture("4-1-access-route-notes", f.render())
    }
}

extension FederationStoryboardTests {
    // UI-3, issue 20 item 2: 利用者ログイン登録's 「ここに注意」 under the buttons.
    func testUI3_registrationNotesScrollIntoView() throws {
        let f = try fixture()
        f.open(try invite(f))
        Scrolling.assertEveryLineReadable(f, "利用者ログイン登録")
    }
}

extension ConsoleStoryboardTests {
    // UI-3, issue 20 item 2: 回線認証's notes under 保存 and 戻る.
    func testUI3_lineSettingsNotesScrollIntoView() throws {
        let f = try UIFixture()
        openConsole(f)
        f.choose(.lines)
        // Out of the editor first: it uses PageUp/PageDown for its own lines.
        f.press(.tab)
        Scrolling.assertEveryLineReadable(f, "回線認証")
        // Issue 20 item 25: the notes, naming this program's screens, scrolled into view.
        capture("4-2-lines-notes", f.render())
    }
}

extension StoryboardTests {
    // UI-3, issue 20 item 2: a long mail's subject, 宛先, date and state, above its links:
    // with the focus on 戻る they were out of view for good (↑, PageUp and Home only moved
    // the focus). PageUp brings them back and leaves the focus where it is.
    func testUI3_longMailHeaderScrollsIntoView() throws {
        let f = try UIFixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        _ = try f.engine.invitePerson(by: contractor.id, email: "riyou@example.com", name: "利用 花子", role: .user,
                                      context: .operatorCommand)
        f.press(.function(2))
        f.press(.enter)
        guard case .inbox(.message(let m)) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.tab)
        XCTAssertEqual(f.app.screen.form.focus, .back)
        XCTAssertFalse(f.text.contains(m.subject), "the subject is in view already:\n\(f.text)")
        f.press(.pageUp)
        XCTAssertEqual(f.app.screen.form.focus, .back, "PageUp scrolled; it did not move the focus")
        let text = f.text
        XCTAssertTrue(text.contains(m.subject), "subject:\n\(text)")
        XCTAssertTrue(text.contains("宛先: riyou@example.com"), "宛先:\n\(text)")
        XCTAssertTrue(text.contains("状態: "), "state:\n\(text)")
        XCTAssertTrue(text.contains("2026-11-18"), "date:\n\(text)")
        capture("inbox-message-top", f.render())
        // A key that moves the focus brings it back into view.
        f.press(.backTab, .tab)
        XCTAssertEqual(f.app.screen.form.focus, .back)
        XCTAssertTrue(f.text.contains("[ 戻る ]"), f.text)
        Scrolling.assertEveryLineReadable(f, "受信箱 message")
    }
}

extension TwoStepStoryboardTests {
    // UI-3, issue 20 item 24: the SMS screen's guidance (the reset, 「2段階認証を無効にする」, SMS
    // filtering) under the buttons scrolls into view; the recommendation stands above the field.
    func testIssue20Item24_smsPhoneNotesScrollIntoView() throws {
        let f = try enrolling()
        let top = f.text
        XCTAssertTrue(top.contains("Authenticatorをご利用ではない方は"), "the recommendation is in view at once:\n\(top)")
        XCTAssertTrue(top.contains("QRコードでの認証はこちら"), "the link to the authenticator is in view at once:\n\(top)")
        Scrolling.assertEveryLineReadable(f, "2段階認証 (SMS)")
        capture("1-1-2fa-sms-phone-notes", f.render())
    }
}
