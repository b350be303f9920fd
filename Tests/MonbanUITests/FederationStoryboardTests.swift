import Foundation
import MonbanCore
import MonbanFederation
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// A directory for the screens: one account, taro@corp.example.
struct ScreenDirectory: DirectoryVerifier {
    func verify(_ settings: DirectorySettings, userPrincipalName: String, password: String) -> DirectoryAnswer {
        guard userPrincipalName.lowercased() == "taro@corp.example" else { return .unknownUser }
        return password == "Ad-Pass-2026" ? .ok : .wrongPassword
    }
}

/// Federated sign-in through the embedded demo provider (LG-4), Active Directory
/// (LG-5) and 利用者ログイン登録 (US-2), each screen state captured at 80×24.
final class FederationStoryboardTests: XCTestCase {
    func capture(_ name: String, _ canvas: Canvas, file: StaticString = #filePath, line: UInt = #line) {
        StoryboardTests.capture(name, canvas, file: file, line: line)
    }

    func fixture() throws -> UIFixture {
        let f = try UIFixture(directory: ScreenDirectory())
        f.app.providers = [.google: .demo]
        f.app.federation.demoInterval = 1
        f.app.federation.demoUserCode = { "WDJB-MJHT" }
        return f
    }

    /// Moves the clock past the demo provider's interval and lets the client poll.
    func poll(_ f: UIFixture) {
        f.clock.advance(1)
        _ = f.app.tick()
    }

    func invite(_ f: UIFixture, _ email: String = "riyou@example.com") throws -> String {
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        _ = try f.engine.invitePerson(by: contractor.id, email: email, name: "利用 花子", role: .user, context: .operatorCommand)
        return try f.mailedLink("/lo/register")
    }

    // LG-4: the device-flow screen, the demo provider's page; an account nobody registered is refused.
    func testLG4_deviceFlowWithTheDemoProvider() throws {
        let f = try fixture()
        // Issue 19 finding 6: the login screen says its services are the demo's.
        capture("1-2-demo-provider-login", f.render())
        XCTAssertTrue(f.text.contains("※デモ用の認証サービスです。"), f.text)
        f.press(.tab, .tab, .tab, .tab, .tab, .enter)  // email, password, ログイン, forgot, change → Google
        guard case .federation(.deviceFlow) = f.app.screen.route else { return XCTFail(f.text) }
        capture("1-2-device-flow", f.render())
        f.press(.enter)  // デモ認証ページを開く
        capture("1-2-demo-provider", f.render())
        f.press(.enter)  // 許可する (the first visitor)
        poll(f)
        capture("1-2-not-registered", f.render())
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // LG-4: a service with no provider says so.
    func testLG4_unconfiguredServiceSaysSo() throws {
        let f = try fixture()
        f.press(.tab, .tab, .tab, .tab, .tab, .tab, .enter)  // → Facebook
        XCTAssertTrue(f.text.contains("この連携サービスは、この端末では設定されていません"), f.text)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // LG-4: Esc cancels a waiting sign-in; nothing is polled afterwards.
    func testLG4_escapeCancels() throws {
        let f = try fixture()
        f.press(.tab, .tab, .tab, .tab, .tab, .enter)
        f.press(.escape)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertNil(f.app.tickInterval)
    }

    // US-2 with a federated account, then LG-4 sign-in with it.
    func testUS2_registerWithGoogleThenSignIn() throws {
        let f = try fixture()
        f.open(try invite(f))
        capture("1-5-registration", f.render())
        f.press(.tab, .tab, .tab, .enter)  // password, again, 登録 → Googleアカウントで登録
        // Issue 20 item 19: 申込確認 first, as for a password (§1-5 (3) before (4)).
        guard case .registration(.confirm(_, .google)) = f.app.screen.route else { return XCTFail(f.text) }
        capture("1-5-registration-confirm-service", f.render())
        XCTAssertTrue(f.text.contains("登録方法 : Googleアカウントで登録"), f.text)
        XCTAssertFalse(f.text.contains("パスワード : (非表示)"), f.text)
        f.press(.enter)  // 確認
        guard case .federation(.deviceFlow) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.enter, .enter)  // demo page, 許可する
        poll(f)
        capture("1-5-registration-done", f.render())
        f.press(.enter)  // OK → login
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.tab, .tab, .tab, .tab, .tab, .enter)
        f.press(.enter, .enter)
        poll(f)
        guard case .main(.top(let s)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(s.person.email, "riyou@example.com")
    }

    // US-2: a service this terminal has no provider for says so on 利用者ログイン登録 itself, not
    // after 申込確認 (Facebook has none in this fixture).
    func testUS2_anUnconfiguredServiceIsSaidBeforeTheConfirmation() throws {
        let f = try fixture()
        f.open(try invite(f))
        f.choose(.registerWith(.facebook))
        guard case .registration(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("この連携サービスは、この端末では設定されていません"), f.text)
    }

    // US-2 申込確認 with a password.
    func testUS2_registerWithPassword() throws {
        let f = try fixture()
        f.open(try invite(f))
        f.type("Touroku-2026!")
        f.press(.tab)
        f.type("Touroku-2026!")
        f.press(.enter)
        capture("1-5-registration-confirm", f.render())
        // Issue 20 item 9: the focus is on 確認, never on キャンセル, so the natural second Enter goes on.
        XCTAssertEqual(f.app.screen.form.focus, .confirm)
        f.press(.enter)
        guard case .registration(.done) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // LG-5 and US-2 with Active Directory: 申込確認, 接続ID確認 with the contract's ID (the link
    // knows the contract: issue 20 items 19, 22), the AD sign-in.
    func testLG5_directoryRegistrationAndSignIn() throws {
        let f = try fixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        let s = try f.engine.configureDirectory(by: contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: .operatorCommand)
        f.open(try invite(f))
        // §1-5 (2) ※: 「Active Directoryアカウントで登録」 only where the contractor set AD up.
        capture("1-5-registration-directory", f.render())
        XCTAssertTrue(f.text.contains("Active Directoryアカウントで登録"), f.text)
        f.choose(.registerWith(.activeDirectory))
        guard case .registration(.confirm(_, .activeDirectory)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("登録方法 : Active Directoryアカウントで登録"), f.text)
        f.press(.enter)  // 確認
        guard case .federation(.connectionIDConfirm(let shown, _)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(shown, s.connectionID)
        capture("1-3-connection-id-confirm", f.render())
        f.press(.enter)  // 確認
        guard case .federation(.directorySignIn) = f.app.screen.route else { return XCTFail(f.text) }
        // Issue 20 item 17: an empty field asks for the AD account (this screen has no address
        // field); an account without its domain is told the contract's domain.
        f.press(.enter)
        XCTAssertTrue(f.text.contains("ADのアカウントとパスワードを入力してください。"), f.text)
        f.type("taro")
        f.press(.tab)
        f.type("wrong")
        f.press(.enter)
        XCTAssertTrue(f.text.contains("メイン: corp.example）。"), f.text)
        XCTAssertEqual(f.app.screen.form.focus, .userPrincipalName)
        f.app.screen.form.fields[.userPrincipalName]?.set("")
        f.type("taro@corp.example")
        f.press(.tab)
        f.type("wrong")
        f.press(.enter)
        capture("1-3-directory-wrong-password", f.render())
        f.press(.backTab)
        f.type("")
        f.press(.tab)
        f.type("Ad-Pass-2026")
        f.press(.enter)
        guard case .registration(.done) = f.app.screen.route else { return XCTFail(f.text) }

        // Sign in: the terminal now knows the connection ID.
        f.press(.enter)
        f.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .tab, .enter)  // → Active Directoryアカウントでログイン
        guard case .federation(.directorySignIn) = f.app.screen.route else { return XCTFail(f.text) }
        capture("1-3-directory-sign-in", f.render())
        f.type("taro@corp.example")
        f.press(.tab)
        f.type("Ad-Pass-2026")
        f.press(.enter)
        guard case .main(.top(let signedIn)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(signedIn.person.email, "riyou@example.com")
    }

    // LG-5: a terminal that does not know the connection ID asks for it (接続ID入力), a wrong
    // one is refused, the right one typed in capitals is 接続ID確認.
    func testLG5_connectionIDEntryOnATerminalWithoutIt() throws {
        let f = try fixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        let s = try f.engine.configureDirectory(by: contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: .operatorCommand)
        f.choose(.activeDirectory)
        guard case .federation(.connectionIDEntry) = f.app.screen.route else { return XCTFail(f.text) }
        capture("1-3-connection-id", f.render())
        f.type("adfs-wrong")
        f.press(.enter)
        XCTAssertTrue(f.text.contains("接続IDが正しくありません"), f.text)
        f.app.screen.form.fields[.connectionID]?.set("")
        f.type(s.connectionID.value.uppercased())
        f.press(.enter)
        guard case .federation(.connectionIDConfirm(s.connectionID, .signIn)) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.enter)  // 確認
        guard case .federation(.directorySignIn) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // LG-5, §1-3 (issue 20 item 22): the login URL of the 接続ID通知 mail opens 接続ID確認 with the
    // ID, as the manual's does; an ID no contract has opens 接続ID入力 saying so.
    func testLG5_theMailedLoginURLOpensTheConnectionIDCheck() throws {
        let f = try fixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        let s = try f.engine.configureDirectory(by: contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: .operatorCommand)
        f.open(try f.mailedLink("/lo/ad?cid="))
        guard case .federation(.connectionIDConfirm(s.connectionID, .signIn)) = f.app.screen.route else { return XCTFail(f.text) }
        capture("1-3-directory-login-url", f.render())
        f.press(.enter)  // 確認
        guard case .federation(.directorySignIn(s.connectionID, _, .signIn)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(f.app.federation.knownConnectionID, s.connectionID, "the terminal keeps it, as after 接続ID入力")

        f.open("https://login.monban.example/lo/ad?cid=adfs-00000000000000")
        guard case .federation(.connectionIDEntry) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertTrue(f.text.contains("接続IDが正しくありません"), f.text)
    }
}
