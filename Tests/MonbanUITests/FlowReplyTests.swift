import Foundation
@testable import MonbanCore
import MonbanFederation
import MonbanStore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// What each flow does with the engine's reply, without a database (issue 18): a reply
/// or an EngineError is fed to the flow's reply handler, and the navigation it returns
/// (a value, applied by App.navigate) and the screen's message are checked.
final class FlowReplyTests: XCTestCase {
    let person = Person(id: 1, contractID: 1, email: "a@example.com", name: "", role: .contractor,
                        loginMethod: .emailPassword, failedAttempts: 0, lockedAt: nil, registered: true,
                        twoFactorGeneration: 0, createdAt: Date(timeIntervalSince1970: 0), lastSignInAt: nil)
    let contract = Contract(id: 1, plan: .basic, createdAt: Date(timeIntervalSince1970: 0), trialStartedAt: nil,
                            twoFactorEnabled: true, accessRoute: .lineAndInternet)
    var signedIn: SignedIn { SignedIn(person: person, contract: contract) }
    var menu: SettingsMenu {
        SettingsMenu(person: person, contract: contract, items: SettingsItem.allCases, trialEndsAt: nil,
                     cancelled: false, convertibleUntil: nil)
    }
    let step = SecondStep(token: String(repeating: "B", count: 43), email: "a@example.com", stage: .sms(maskedPhone: "****"),
                          expiresAt: Date(timeIntervalSince1970: 0))
    let sms = SMSStatus(maskedPhone: "****", sentAt: Date(timeIntervalSince1970: 0),
                        expiresAt: Date(timeIntervalSince1970: 0), resendAt: Date(timeIntervalSince1970: 0), triesLeft: 5)

    func link(_ path: String = "reset") throws -> Link {
        try Link(parsing: "https://login.monban.example/lo/\(path)?ticket=" + String(repeating: "A", count: 43))
    }

    /// A client whose engine cannot even open, with `routes` as its history (the last on top).
    func app(_ routes: Route...) -> App {
        var a = onDemoDatabase(App(language: .ja, engines: EngineProvider { throw StoreError.missing(path: "/nowhere") },
                    context: AccessContext(terminal: "test"), start: routes.first ?? .login(.entry)))
        for route in routes.dropFirst() { XCTAssertEqual(a.apply([.push(route)]), .continue) }
        return a
    }

    // MARK: Login

    /// LK-1: the tenth wrong password opens アカウントロック, the password typed gone.
    func testLoginAnswersTheLockWithTheLockScreen() {
        var a = app()
        a.screen.form.fields[.email]?.set("a@example.com")
        a.screen.form.fields[.password]?.set("wrong-Pass1")
        let next = a.show(.locked(.wrongPasswords), for: .signIn(email: "a@example.com", password: "wrong-Pass1"))
        XCTAssertEqual(next, [.push(.login(.locked(.wrongPasswords)))])
        XCTAssertEqual(a.screen.form[field: .password], "", "cleared before the lock screen opens")
        XCTAssertEqual(a.apply(next), .continue)
        XCTAssertEqual(a.screen.route, .login(.locked(.wrongPasswords)))
        XCTAssertEqual(a.history.count, 2)
    }

    /// LG-2: a wrong password is one message on the login screen, nothing opens.
    func testLoginAnswersWrongCredentialsOnItsScreen() {
        var a = app()
        a.screen.form.fields[.password]?.set("wrong-Pass1")
        XCTAssertEqual(a.show(.wrongCredentials, for: .signIn(email: "a@example.com", password: "wrong-Pass1")), [])
        XCTAssertEqual(a.screen.message?.text, ErrorText.describe(EngineError.wrongCredentials, .ja))
        XCTAssertEqual(a.screen.form[field: .password], "")
    }

    // MARK: Recovery

    /// LK-3: an expired unlock link offers the password reset.
    func testRecoveryAnswersAnExpiredUnlockLinkWithTheReset() {
        var a = app()
        let next = a.show(.linkExpired(.unlock), for: .openLink("https://login.monban.example/lo/unblock?ticket=x"))
        XCTAssertEqual(next, [.push(.recovery(.linkProblem(title: Texts.expiredTitle, message: Texts.unlockExpired,
                                                             offerReset: true)))])
    }

    /// PW-2: a reset link used meanwhile is said on the reset screen itself.
    func testRecoveryAnswersAUsedResetLinkOnItsScreen() throws {
        let reset = try link()
        var a = app(.login(.entry), .recovery(.reset(reset, email: "a@example.com")))
        XCTAssertEqual(a.show(.linkUsed, for: .resetPassword(reset, password: "x", confirmation: "x")), [])
        XCTAssertEqual(a.screen.message?.text, Texts.linkUsed(.ja))
        XCTAssertEqual(a.history.count, 2)
    }

    // MARK: Two-step

    /// TF-2: a second step that expired goes back to the login screen, the address kept.
    func testTwoStepAnswersAnExpiredStepWithTheLoginScreen() {
        var a = app()
        a.screen.form.fields[.email]?.set("a@example.com")
        a.screen.form.fields[.password]?.set("secret-Pass1")
        XCTAssertEqual(a.apply([.push(.twoStep(.smsCode(step, sms)))]), .continue)
        let next = a.show(.secondStepExpired, for: .verifyCode(step, .sms, code: "123456", remember: false))
        guard case .restart(let screens)? = next.first, next.count == 1, screens.count == 1 else { return XCTFail("\(next)") }
        let fresh: Screen = screens[0]
        XCTAssertEqual(fresh.route, Route.login(.entry))
        XCTAssertEqual(fresh.form[field: .email], "a@example.com")
        XCTAssertEqual(fresh.form[field: .password], "")
        XCTAssertEqual(fresh.message?.text, Texts.signInAgain(.ja))
        XCTAssertEqual(a.apply(next), .continue)
        XCTAssertEqual(a.history.count, 1)
    }

    /// TF-2: a wrong code stays on the code screen, the code cleared, the tries said.
    func testTwoStepAnswersAWrongCodeOnItsScreen() {
        var a = app(.login(.entry), .twoStep(.smsCode(step, sms)))
        a.screen.form.fields[.code]?.set("000000")
        XCTAssertEqual(a.show(.wrongCode(triesLeft: 3), for: .verifyCode(step, .sms, code: "000000", remember: false)), [])
        XCTAssertEqual(a.screen.message?.text, ErrorText.describe(EngineError.wrongCode(triesLeft: 3), .ja))
        XCTAssertEqual(a.screen.form[field: .code], "")
    }

    // MARK: Federation

    /// LG-4: a refusal at the provider leaves the sign-in's screens, saying why.
    func testFederationAnswersADenialByLeavingItsScreens() {
        var a = app(.login(.entry), .federation(.connectionIDEntry(.signIn)))
        let next = a.federationFailed(.denied)
        XCTAssertEqual(next, [.leaveFederation, .say(Texts.federationDenied(.ja), .error)])
        XCTAssertEqual(a.apply(next), .continue)
        XCTAssertEqual(a.screen.route, .login(.entry))
        XCTAssertEqual(a.screen.message?.text, Texts.federationDenied(.ja))
    }

    /// LG-4: an identity nobody registered is refused the same way.
    func testFederationAnswersAnUnknownIdentityByLeavingItsScreens() {
        var a = app(.login(.entry), .federation(.connectionIDEntry(.signIn)))
        let next = a.show(.identityNotRegistered(.google), for: .startFederation(.google, .signIn))
        XCTAssertEqual(next, [.leaveFederation, .say(ErrorText.describe(EngineError.identityNotRegistered(.google), .ja), .error)])
    }

    // MARK: Registration

    /// US-2: passwords that differ are said on the screen; nothing opens.
    func testRegistrationAnswersDifferentPasswordsOnItsScreen() throws {
        let registration = try link("register")
        let info = LinkInfo(purpose: .registration, email: "a@example.com", name: "", payload: "",
                            expiresAt: Date(timeIntervalSince1970: 0), loginMethod: .emailPassword)
        let r = RegistrationLink(registration, info, directory: nil)
        var a = app(.login(.entry), .registration(.entry(r)), .registration(.confirm(r, .emailPassword)))
        XCTAssertEqual(a.show(.passwordsDoNotMatch, for: .register(registration, password: "a", confirmation: "b")), [])
        XCTAssertEqual(a.screen.message?.text, ErrorText.describe(EngineError.passwordsDoNotMatch, .ja))
        XCTAssertEqual(a.history.count, 3)
    }

    // MARK: Main

    /// LG-6: a line the contract does not know opens 回線認証エラー naming the line.
    func testMainAnswersALineRefusalWithTheLineErrorScreen() {
        var a = app()
        XCTAssertEqual(a.show(.lineAuthenticationFailed, for: .signIn(email: "a@example.com", password: "x")),
                       [.push(.main(.lineAuthError(line: nil)))])
    }

    // MARK: Settings

    /// LK-1: a tenth wrong current password ends the session on the lock screen.
    func testSettingsAnswersTheLockByEndingTheSession() {
        var a = app(.login(.entry), .settings(.menu(menu)), .settings(.passwordChange(menu)))
        let next = a.showSettings(.locked(.wrongPasswords), for: .changePassword(personID: 1, current: "x", new: "y", again: "y"))
        XCTAssertEqual(next, [.restart([Screen(route: .login(.entry)), Screen(route: .login(.locked(.wrongPasswords)))])])
    }

    /// MC-1: a wrong current password clears the three fields and goes back to the first.
    func testSettingsAnswersAWrongCurrentPasswordOnItsScreen() {
        var a = app(.login(.entry), .settings(.menu(menu)), .settings(.passwordChange(menu)))
        a.screen.form.fields[.current]?.set("wrong")
        a.screen.form.fields[.new]?.set("new-Pass12")
        XCTAssertEqual(a.showSettings(.wrongCurrentPassword, for: .changePassword(personID: 1, current: "wrong",
                                                                                 new: "new-Pass12", again: "new-Pass12")), [])
        XCTAssertEqual(a.screen.message?.text, ErrorText.describe(EngineError.wrongCurrentPassword, .ja))
        XCTAssertEqual(a.screen.form[field: .current], "")
        XCTAssertEqual(a.screen.form[field: .new], "")
        XCTAssertEqual(a.screen.form.focus, .current)
    }

    /// MC-1: トップ画面へ goes back to the メイン画面 it came from, else to the login screen.
    func testSettingsTopGoesBackToTheMainScreenOrHome() {
        var a = app(.main(.top(signedIn)), .settings(.login), .settings(.menu(menu)))
        XCTAssertEqual(a.activate(.top), [.toMain])
        XCTAssertEqual(a.apply([.toMain]), .continue)
        XCTAssertEqual(a.screen.route, .main(.top(signedIn)))
        XCTAssertEqual(a.history.count, 1)
        var b = app(.login(.entry), .settings(.menu(menu)))
        XCTAssertEqual(b.apply([.toMain]), .continue)
        XCTAssertEqual(b.history.map(\.route), [.login(.entry)])
    }

    /// CT-3: a menu read again replaces the closest menu and what was above it.
    func testSettingsMenuReplacesTheOneBelow() {
        var a = app(.login(.entry), .settings(.menu(menu)), .settings(.twoStep(menu)))
        let next = a.showMenu(menu) + [.say(Texts.planChanged(.ja), .success)]
        XCTAssertEqual(a.apply(next), .continue)
        XCTAssertEqual(a.history.map(\.route), [.login(.entry), .settings(.menu(menu))])
        XCTAssertEqual(a.screen.message?.text, Texts.planChanged(.ja))
    }

    // MARK: Admin console

    /// US-1: the actor's contract cancelled meanwhile ends the session, saying why.
    func testConsoleAnswersACancelledContractByEndingTheSession() {
        var a = app(.main(.top(signedIn)), .console(.home(signedIn)), .console(.invite(signedIn)))
        let next = a.showConsole(.contractCancelled, for: .invite(signedIn, name: "", email: "b@example.com", role: .user))
        guard case .restart(let screens)? = next.first, next.count == 1 else { return XCTFail("\(next)") }
        XCTAssertEqual(screens.map(\.route), [.login(.entry)])
        XCTAssertEqual(screens.first?.message?.text, ErrorText.describe(EngineError.contractCancelled, .ja))
    }

    /// LA-2: lines the engine refuses are counted on the editor's screen.
    func testConsoleAnswersInvalidLinesOnItsScreen() {
        var a = app(.main(.top(signedIn)), .console(.home(signedIn)))
        XCTAssertEqual(a.showConsole(.invalidLines(count: 3), for: .openLines(signedIn)), [])
        XCTAssertEqual(a.screen.message?.text, Texts.linesInvalid(.ja).replacingEvery("{n}", with: "3"))
    }

    /// US-1: 続けて登録 and OK on 利用者登録's result are navigation values, not history edits.
    func testConsoleInvitedScreenReturnsItsNavigation() {
        var a = app(.console(.home(signedIn)), .console(.invited(signedIn, email: "b@example.com")))
        XCTAssertEqual(a.activate(.again), [.replace(Screen(route: .console(.invite(signedIn))))])
        XCTAssertEqual(a.activate(.ok), [.pop])
        XCTAssertEqual(a.history.count, 2, "the flow returns its navigation; the history is navigate's")
    }

    // MARK: Inbox

    /// TK-2: a link that is no link of the service opens the invalid-link screen.
    func testInboxAnswersAnInvalidLinkWithTheLinkScreen() {
        var a = app(.login(.entry), .inbox(.messages([])))
        XCTAssertEqual(LinkRouter.destination(of: "https://example.com/phish"), .invalid)
        XCTAssertEqual(a.show(.linkInvalid, for: .openLink("https://example.com/phish")),
                       [.push(.recovery(.linkProblem(title: Texts.linkTitle, message: Texts.linkInvalid, offerReset: false)))])
    }

    /// TK-2: an engine that cannot open is said on the inbox, in words, through the runner.
    func testInboxSaysWhenTheEngineCannotOpen() {
        var a = app(.login(.entry))
        XCTAssertEqual(a.apply([.openInbox]), .work)
        XCTAssertEqual(a.screen.message?.text, Texts.checking(.ja))
        XCTAssertEqual(a.performWork(), .continue)
        XCTAssertEqual(a.screen.route, .login(.entry))
        XCTAssertEqual(a.screen.message?.text, ErrorText.describe(.store(.missing(path: "/nowhere")), .ja))
    }
}
