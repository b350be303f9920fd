import Foundation
import MonbanCore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// What a client keeps of whoever used it (ASVS V7): the 受信箱 only where messages
/// go nowhere else, an idle sign-out, re-authentication for the settings, and a
/// kiosk that never remembers itself.
final class SessionTests: XCTestCase {
    /// G1: with the 受信箱 off (a terminal that delivers mail and SMS), F2 shows nothing.
    func testTheInboxIsOffWhereMessagesAreDelivered() throws {
        let f = try UIFixture()
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        f.app.inboxEnabled = false
        f.press(.function(2))
        guard case .login(.entry) = f.app.screen.route else { return XCTFail("F2 opened the inbox:\n\(f.text)") }
        XCTAssertFalse(f.text.contains("F2"), "the footer does not offer it")
        f.app.inboxEnabled = true
        f.press(.function(2))
        guard case .inbox(.messages) = f.app.screen.route else { return XCTFail(f.text) }
    }

    /// Issue 19 finding 1: on a database `monban demo` did not create, `[client] inbox = true`
    /// opens the 受信箱 only after a sign-in, on the signed-in person's own messages.
    func testFinding1_notTheDemoTheInboxIsOnlyTheSignedInPersonsOwn() throws {
        let f = try UIFixture()
        f.app.inboxEnabled = true
        f.app.inboxShowsEveryone = false
        let here = AccessContext(terminal: "test")
        _ = try f.engine.createContract(email: "other@example.com", plan: .basic, password: UIFixture.password, name: "他人 次郎")
        try f.engine.requestPasswordReset(email: "other@example.com", context: here)
        try f.engine.requestPasswordReset(email: UIFixture.email, context: here)
        f.press(.function(2))
        guard case .login(.entry) = f.app.screen.route else { return XCTFail("F2 opened the inbox:\n\(f.text)") }
        XCTAssertFalse(f.text.contains("F2"), "the footer does not offer it before a sign-in")
        f.signIn()
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("F2"), "signed in, the footer offers it")
        f.press(.function(2))
        guard case .inbox(.messages(let messages)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertFalse(messages.isEmpty)
        XCTAssertEqual(Set(messages.map(\.to)), [UIFixture.email], "only the person's own messages")
        XCTAssertFalse(f.text.contains("other@example.com"), f.text)
        // Signed out: closed again.
        f.app.resetForNextVisitor()
        f.press(.function(2))
        guard case .login(.entry) = f.app.screen.route else { return XCTFail("F2 opened the inbox:\n\(f.text)") }
    }

    /// G5: after the idle time, whoever was signed in is signed out, what was typed is gone.
    func testIdleSignOut() throws {
        let f = try UIFixture()
        f.signIn()
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
        f.app.signOutAfterIdle()
        guard case .login(.entry) = f.app.screen.route, f.app.history.count == 1 else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("一定時間操作がなかったため、ログアウトしました。"), f.text)
        XCTAssertEqual(f.app.screen.form[field: .email], "")
        // Half a password typed and left: gone too.
        f.restart()
        f.type(UIFixture.email)
        f.press(.tab)
        f.type("Himi")
        f.app.signOutAfterIdle()
        XCTAssertEqual(f.app.screen.form[field: .password], "")
        // An untouched login screen stays as it is, with no message.
        f.restart()
        f.app.signOutAfterIdle()
        XCTAssertTrue(f.app.isCleanLoginScreen)
    }

    /// G5: a sign-in lasts at most `maxSession` (ASVS 7.3.2), however busy the person is.
    func testASignInLastsAtMostItsLifetime() throws {
        let f = try UIFixture()
        f.app.maxSession = 3600
        f.signIn()
        f.clock.advance(3599)
        f.press(.tab)
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
        f.clock.advance(1)
        f.press(.tab)
        guard case .login(.entry) = f.app.screen.route, f.app.history.count == 1 else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("ログインから一定時間が経過したため、ログアウトしました。"), f.text)
        f.signIn()
        guard case .main(.top) = f.app.screen.route else { return XCTFail("signing in again starts a new lifetime:\n\(f.text)") }
    }

    /// G4: the メイン画面's way to the settings signs in again (ASVS 7.5.1); トップ画面へ comes back.
    func testSettingsFromTheMainScreenAskTheSignInAgain() throws {
        let f = try UIFixture()
        f.signIn()
        f.choose(.settings)
        guard case .settings(.login) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(f.app.screen.form[field: .email], UIFixture.email)
        XCTAssertEqual(f.app.screen.form.focus, .password)
        f.type(UIFixture.password)
        f.press(.enter)
        guard case .settings(.menu) = f.app.screen.route else { return XCTFail(f.text) }
        f.choose(.top)
        guard case .main(.top) = f.app.screen.route else { return XCTFail("トップ画面へ returns to the メイン画面:\n\(f.text)") }
    }

    /// G11: a kiosk is every visitor's terminal: 「このブラウザを一定期間、記憶する」 is not offered.
    func testAKioskNeverOffersToRememberItself() throws {
        let f = try UIFixture(twoStep: true)
        f.signIn()
        f.type("090-1234-5678")
        f.press(.enter)
        XCTAssertTrue(f.text.contains("このブラウザを一定期間、記憶する"), f.text)
        let kiosk = try UIFixture(twoStep: true)
        kiosk.app = onDemoDatabase(App(language: .ja, kiosk: true, engines: EngineProvider(engine: kiosk.engine),
                        context: AccessContext(terminal: "kiosk")))
        kiosk.press(.resize(width: 80, height: 24))
        kiosk.signIn()
        kiosk.type("090-1234-5678")
        kiosk.press(.enter)
        guard case .twoStep(.smsCode) = kiosk.app.screen.route else { return XCTFail(kiosk.text) }
        XCTAssertFalse(kiosk.text.contains("記憶する"), kiosk.text)
        XCTAssertNil(kiosk.app.screen.form.checks[.remember])
    }
}
