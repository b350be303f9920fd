import Foundation
import MonbanCore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// §2-2 ① ログイン方法の変更 by the ログイン方法の設定変更 link (EM-5, issue 20 item 18): the
/// manual's ログイン方法の設定 and メールアドレス・パスワード認証の設定, then the login screen —
/// not 利用者ログイン登録, 申込確認 and 申込完了, which are the registration's.
final class MethodChangeStoryboardTests: XCTestCase {
    func capture(_ name: String, _ canvas: Canvas, file: StaticString = #filePath, line: UInt = #line) {
        StoryboardTests.capture(name, canvas, file: file, line: line)
    }

    static let user = "riyou@example.com"

    /// A registered user (password `UIFixture.password`) and the link the contractor's
    /// 管理コンソール mailed them, the address unchanged.
    func methodChangeLink(_ f: UIFixture) throws -> String {
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        let user = try f.engine.addPerson(to: contractor.contractID, email: Self.user, name: "利用 花子", role: .user,
                                          password: UIFixture.password)
        _ = try f.engine.sendEmailChange(by: contractor.id, personID: user.id, address: Self.user,
                                         authenticatedAt: f.clock.now(), context: .operatorCommand)
        return try f.mailedLink("/lo/method")
    }

    func fixture(directory: Bool = false) throws -> UIFixture {
        let f = try UIFixture(directory: ScreenDirectory())
        f.app.providers = [.google: .demo]
        f.app.federation.demoInterval = 1
        f.app.federation.demoUserCode = { "WDJB-MJHT" }
        if directory {
            let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
            _ = try f.engine.configureDirectory(by: contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: .operatorCommand)
        }
        return f
    }

    // The password way: ログイン方法の設定 → メールアドレス・パスワード認証の設定 → 登録 → the login
    // screen with the address, where the new password signs in.
    func testEM5_theLinkChangesThePasswordOnTheManualsScreens() throws {
        let f = try fixture()
        f.open(try methodChangeLink(f))
        guard case .registration(.methodChoice) = f.app.screen.route else { return XCTFail(f.text) }
        capture("2-2-login-method", f.render())
        for words in ["<ログイン方法の変更>", "新しく利用するログイン方法を選択してください。",
                      "ご利用中のログイン方法: メールアドレス・パスワード", "異なるFacebookアカウントへは切り替"] {
            XCTAssertTrue(f.text.contains(words), "\(words)\n\(f.text)")
        }
        XCTAssertFalse(f.text.contains("利用者ログイン登録"), f.text)
        XCTAssertFalse(f.text.contains("Active Directoryアカウント"), "no AD where the contractor did not set it up")
        f.choose(.method(.emailPassword))
        guard case .registration(.methodPassword) = f.app.screen.route else { return XCTFail(f.text) }
        capture("2-2-login-method-password", f.render())
        XCTAssertTrue(f.text.contains("新規登録用メールアドレス"), f.text)
        XCTAssertTrue(f.text.contains("変更後、ログイン画面が表示されます。"), f.text)
        f.press(.enter)
        XCTAssertTrue(f.text.contains("パスワードを入力してください。"), "an empty form asks for the passwords\n\(f.text)")
        f.type("Atarashii-2026!")
        f.press(.tab)
        f.type("Atarashii-2026?")
        f.press(.enter)
        XCTAssertTrue(f.text.contains(ErrorText.describe(EngineError.passwordsDoNotMatch, .ja)), f.text)
        f.type("Atarashii-2026!")
        f.press(.tab)
        f.type("Atarashii-2026!")
        f.press(.enter)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        capture("2-2-login-method-changed", f.render())
        XCTAssertTrue(f.text.contains("ログイン方法を変更しました。"), f.text)
        XCTAssertFalse(f.text.contains("申込完了"), f.text)
        XCTAssertEqual(f.app.history.count, 1)
        XCTAssertEqual(f.app.screen.form[field: .email], Self.user)
        XCTAssertEqual(f.app.screen.form.focus, .password)
        f.type("Atarashii-2026!")
        f.press(.enter)
        guard case .main(.top(let s)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(s.person.email, Self.user)
    }

    // A service: chosen on ログイン方法の設定, its sign-in, then the login screen (「変更後、ログイン
    // 画面が表示されます。」), where the service signs in and the old password does not.
    func testEM5_theLinkChangesToAServiceAndEndsOnTheLoginScreen() throws {
        let f = try fixture()
        f.open(try methodChangeLink(f))
        f.choose(.method(.google))
        guard case .federation(.deviceFlow) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.enter, .enter)  // デモ認証ページを開く, 許可する
        f.clock.advance(1)
        _ = f.app.tick()
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("ログイン方法を変更しました。"), f.text)
        XCTAssertFalse(f.text.contains("申込完了"), f.text)
        XCTAssertEqual(try f.engine.person(email: Self.user)?.loginMethod, .google)
        XCTAssertEqual(f.app.screen.form.focus, .google, "Enter signs in the new way")
    }

    // Active Directory, where the contractor set it up: offered on ログイン方法の設定, then
    // 接続ID確認 with the contract's ID (§2-2 ③), the AD sign-in, the login screen; the 接続ID
    // 通知 goes to the person (issue 20 item 22).
    func testEM5_theLinkChangesToActiveDirectoryThroughTheConnectionIDCheck() throws {
        let f = try fixture(directory: true)
        f.open(try methodChangeLink(f))
        capture("2-2-login-method-directory", f.render())
        f.choose(.method(.activeDirectory))
        guard case .federation(.connectionIDConfirm(_, .register)) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.enter)  // 確認
        guard case .federation(.directorySignIn) = f.app.screen.route else { return XCTFail(f.text) }
        f.type("taro@corp.example")
        f.press(.tab)
        f.type("Ad-Pass-2026")
        f.press(.enter)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("ログイン方法を変更しました。"), f.text)
        XCTAssertEqual(try f.engine.person(email: Self.user)?.loginMethod, .activeDirectory)
        XCTAssertTrue(try f.engine.inbox(to: Self.user).contains { $0.subject.hasSuffix("接続ID通知") })
    }
}
