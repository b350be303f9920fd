import Foundation
import MonbanCore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// 認証・契約情報変更ログイン, the menu and its items (manual §0, §2-1, §2-2, §3, §4-1,
/// §5-1), each screen state captured at 80×24 and reached by keys as a person
/// would (MC-1, MC-2, CT-2, CT-3, EM-1, EM-3, EM-4, PC-1, LA-1, TF-7).
final class SettingsStoryboardTests: XCTestCase {
    func capture(_ name: String, _ canvas: Canvas, file: StaticString = #filePath, line: UInt = #line) {
        StoryboardTests.capture(name, canvas, file: file, line: line)
    }

    let newPassword = "Atarashii-2026!"

    /// From the login screen: 「パスワード変更、その他契約情報の変更はこちら」.
    func openSettingsLogin(_ f: UIFixture) {
        f.press(.tab, .tab, .tab, .tab, .enter)  // email, password, ログイン, forgot → change
    }

    /// Signs in at 認証・契約情報変更ログイン: the menu.
    func signInToSettings(_ f: UIFixture, email: String = UIFixture.email, password: String = UIFixture.password) {
        openSettingsLogin(f)
        f.type(email)
        f.press(.tab)
        f.type(password)
        f.press(.enter)
    }

    func menu(_ f: UIFixture, file: StaticString = #filePath, line: UInt = #line) -> SettingsMenu? {
        guard case .settings(.menu(let m)) = f.app.screen.route else {
            XCTFail("not on the menu:\n\(f.text)", file: file, line: line)
            return nil
        }
        return m
    }


    // MC-1: the entrance and the menu of a basic plan's contractor (every item).
    func testMC1_settingsLoginAndTheContractorsMenu() throws {
        let f = try UIFixture()
        f.type(UIFixture.email)
        openSettingsLogin(f)
        capture("2-1-settings-login", f.render())
        XCTAssertEqual(f.app.screen.form[field: .email], UIFixture.email, "the address is carried over")
        XCTAssertEqual(f.app.screen.form.focus, .password, "and the password is next (issue 20 item 15)")
        f.type(UIFixture.password)
        f.press(.enter)
        guard let m = menu(f) else { return }
        XCTAssertEqual(m.items, SettingsItem.allCases)
        capture("3-settings-menu", f.render())
        f.choose(.top)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // CT-3: a basic plan's user sees パスワード変更 only.
    func testCT3_basicUsersMenu() throws {
        let f = try UIFixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        try f.engine.addPerson(to: contractor.contractID, email: "riyou@example.com", name: "利用 次郎", role: .user,
                               password: UIFixture.password)
        signInToSettings(f, email: "riyou@example.com")
        XCTAssertEqual(menu(f)?.items, [.passwordChange])
        capture("3-settings-menu-basic-user", f.render())
    }

    // CT-2, CT-3: a trial's contractor: its end date, four items, the move to basic.
    func testCT2_trialContractorsMenuAndTheMoveToBasic() throws {
        let f = try UIFixture()
        _ = try f.engine.createContract(email: "trial@example.com", plan: .trial, password: UIFixture.password,
                                        name: "試用 三郎")
        let trial = try XCTUnwrap(f.engine.person(email: "trial@example.com"))
        _ = try f.engine.setTwoStep(enabled: false, by: trial.id, context: .operatorCommand)
        signInToSettings(f, email: "trial@example.com")
        XCTAssertEqual(menu(f)?.items, [.passwordChange, .accessRoute, .twoStepSetting, .activeDirectory])
        capture("3-settings-menu-trial", f.render())
        XCTAssertFalse(f.text.contains("[ ログイン方法の設定 ]"), f.text)
        XCTAssertFalse(f.text.contains("[ メールアドレス変更 ]"), f.text)

        // Day 31: cancelled; the service refuses, the settings entrance offers the move.
        f.clock.advance(days: 31)
        f.restart()
        f.type("trial@example.com")
        f.press(.tab)
        f.type(UIFixture.password)
        f.press(.enter)
        capture("1-1-login-trial-cancelled", f.render())
        f.restart()
        signInToSettings(f, email: "trial@example.com")
        XCTAssertEqual(menu(f)?.items, [])
        capture("3-settings-menu-trial-cancelled", f.render())
        f.choose(.toBasic)
        capture("3-plan-change", f.render())
        f.press(.enter)  // 変更
        XCTAssertEqual(menu(f)?.contract.plan, .basic)
        XCTAssertEqual(menu(f)?.items, SettingsItem.allCases, "the menu follows the plan at once")
        capture("3-plan-changed", f.render())
    }

    // PC-1: パスワード変更, a wrong current password, the policy, パスワード変更完了.
    func testPC1_passwordChange() throws {
        let f = try UIFixture()
        signInToSettings(f)
        f.choose(.menuItem(.passwordChange))
        capture("3-password-change", f.render())
        f.type("Wrong-2026!")
        f.press(.tab)
        f.type(newPassword)
        f.press(.tab)
        f.type(newPassword)
        f.press(.enter)
        capture("3-password-change-wrong-current", f.render())
        XCTAssertEqual(f.app.screen.form.focus, .current)
        f.type(UIFixture.password)
        f.press(.tab)
        f.type(newPassword)
        f.press(.tab)
        f.type(newPassword)
        f.press(.enter)
        capture("3-password-changed", f.render())
        f.press(.enter)  // 認証・契約情報メニューへ
        XCTAssertNotNil(menu(f))
        XCTAssertEqual(try f.engine.person(email: UIFixture.email)?.failedAttempts, 0)
        XCTAssertNotNil(try f.engine.signIn(email: UIFixture.email, password: newPassword, context: .operatorCommand).signedIn)
    }

    // EM-1, EM-4: メールアドレス変更, the mail to the new address, the confirmation with the password twice.
    func testEM1_emailChangeWithPassword() throws {
        let f = try UIFixture()
        signInToSettings(f)
        f.choose(.menuItem(.emailChange))
        capture("2-1-email-change", f.render())
        f.type("shinki@example.com")
        f.press(.tab)
        f.type("shinki@example.co")
        f.press(.enter)
        capture("2-1-email-change-mismatch", f.render())
        f.type("m")
        f.press(.enter)
        capture("2-1-email-change-sent", f.render())
        let link = try XCTUnwrap(f.engine.inbox(to: "shinki@example.com").flatMap(\.links).last)
        f.open(link)
        capture("2-2-email-confirm-password", f.render())
        f.type(newPassword)
        f.press(.tab)
        f.type(newPassword)
        f.press(.enter)
        capture("2-2-email-confirm-done-login", f.render())
        XCTAssertEqual(f.app.screen.form[field: .email], "shinki@example.com")
        f.type(newPassword)
        f.press(.enter)
        guard case .main(.top(let s)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(s.person.email, "shinki@example.com")
    }

    // EM-3: without password authentication, opening the link completes the change.
    func testEM3_emailChangeWithoutPassword() throws {
        let f = try UIFixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "1", email: nil)
        try f.engine.changeLoginMethod(by: contractor.id, to: google, context: .operatorCommand)
        try f.engine.requestEmailChange(by: contractor.id, newEmail: "shinki@example.com", confirmation: "shinki@example.com",
                                        context: .operatorCommand)
        f.open(try f.mailedLink("/lo/email"))
        capture("2-2-email-confirmed", f.render())
        f.press(.enter)  // 閉じる
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // MC-2: ログイン方法の設定 and メールアドレス・パスワード認証の設定.
    func testMC2_loginMethod() throws {
        let f = try UIFixture()
        signInToSettings(f)
        f.choose(.menuItem(.loginMethod))
        capture("2-1-login-method", f.render())
        XCTAssertFalse(f.text.contains("Active Directoryアカウント\n"), "AD is not offered to the contractor")
        f.press(.enter)  // メールアドレス・パスワード
        capture("2-1-login-method-password", f.render())
        f.type(UIFixture.password)  // the current password first: the contractor already uses one
        f.press(.tab)
        f.type(newPassword)
        f.press(.tab)
        f.type(newPassword)
        f.press(.enter)
        capture("2-1-login-method-changed", f.render())
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // MC-2: a federated service through the demo provider; back to the login screen.
    func testMC2_loginMethodToAFederatedService() throws {
        let f = try UIFixture()
        f.app.providers = [.google: .demo]
        f.app.federation.demoInterval = 1
        f.app.federation.demoUserCode = { "WDJB-MJHT" }
        signInToSettings(f)
        f.choose(.menuItem(.loginMethod))
        f.choose(.method(.google))
        guard case .federation(.deviceFlow(let s)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(s.purpose, .changeMethod(personID: try XCTUnwrap(f.engine.person(email: UIFixture.email)).id))
        XCTAssertTrue(f.render(width: 120, height: 40).text.contains("ログアウト"), "US-3: sign out of the service first")
        f.press(.enter)  // デモ認証ページを開く
        f.press(.enter)  // 許可する
        f.clock.advance(1)
        _ = f.app.tick()
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(try f.engine.person(email: UIFixture.email)?.loginMethod, .google)
    }

    // TF-7: 2段階認証設定, its confirmation (設定 refused until ticked), applied. The
    // settings sign-in asks for the second step as usual and then reaches the menu.
    func testTF7_twoStepSetting() throws {
        let f = try UIFixture(twoStep: true)
        signInToSettings(f)
        guard case .twoStep(.smsPhone) = f.app.screen.route else { return XCTFail(f.text) }
        f.type("090-1234-5678")
        f.press(.enter)
        let sms = try XCTUnwrap(try f.engine.inbox().last { $0.kind == .sms })
        f.type(String(try XCTUnwrap(sms.body.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 })))
        f.press(.enter)
        guard case .twoStep(.recoveryCode) = f.app.screen.route else { return XCTFail(f.text) }
        f.choose(.saved)
        f.choose(.next)
        f.choose(.proceed)  // ログインする
        XCTAssertEqual(menu(f)?.contract.twoFactorEnabled, true, "the second step leads to the menu (MC-1)")

        f.choose(.menuItem(.twoStepSetting))
        capture("5-1-two-step-setting", f.render())
        XCTAssertEqual(f.app.screen.form.focus, .option(.twoStep, 0), "the current setting is chosen")
        f.press(.down, .space)
        f.choose(.set)
        capture("5-1-two-step-confirm", f.render())
        f.choose(.set)
        capture("5-1-two-step-confirm-not-ticked", f.render())
        guard case .settings(.twoStepConfirm) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(try f.engine.contract(id: 1)?.twoFactorEnabled, true, "nothing changes until ticked")
        f.choose(.understood)
        f.choose(.set)
        capture("5-1-two-step-set", f.render())
        XCTAssertEqual(menu(f)?.contract.twoFactorEnabled, false)
        // Applied to every e-mail + password user: the next sign-in asks for no second step.
        f.restart()
        f.signIn()
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // LA-1: アクセス経路設定 → 確認 → 完了; 回線認証のみ refuses the service, not the settings (MC-1).
    func testLA1_accessRoute() throws {
        let f = try UIFixture()
        signInToSettings(f)
        f.choose(.menuItem(.accessRoute))
        capture("4-1-access-route", f.render())
        f.press(.down, .space)
        f.choose(.set)
        capture("4-1-access-route-confirm", f.render())
        f.press(.enter)
        capture("4-1-access-route-done", f.render())
        XCTAssertEqual(try f.engine.contract(id: 1)?.accessRoute, .lineOnly)
        f.restart()
        f.type(UIFixture.email)
        f.press(.tab)
        f.type(UIFixture.password)
        f.press(.enter)
        capture("4-1-login-line-only-refused", f.render())
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        f.restart()
        signInToSettings(f)
        XCTAssertNotNil(menu(f), "the settings entrance stays open (§4-1's note)")
    }

    // LG-5: Active Directory設定 from the menu.
    func testLG5_directorySetting() throws {
        let f = try UIFixture()
        signInToSettings(f)
        f.choose(.menuItem(.activeDirectory))
        capture("ad-directory-setting", f.render())
        f.type("ldaps://dc.corp.example")
        f.press(.tab)
        f.type("corp.example")
        f.press(.enter)
        capture("ad-directory-setting-done", f.render())
        let mail = try XCTUnwrap(f.engine.inbox(to: UIFixture.email).last)
        XCTAssertTrue(mail.subject.hasSuffix("Active Directoryアカウントのログイン用URL・接続ID通知"), mail.subject)
    }

    // UI-4: the menu in English.
    func testMenuInEnglish() throws {
        let f = try UIFixture(language: .en)
        signInToSettings(f)
        capture("3-settings-menu.en", f.render())
    }
}
