import MonbanCore
import XCTest

@testable import MonbanUI

/// Issue 20 item 15 (LK-3, US-2, MC-1): where the address is known, the login screen carries
/// it and the focus waits on the password.
final class CarriedAddressTests: XCTestCase {
    func assertLoginCarries(_ f: UIFixture, _ email: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text, file: file, line: line) }
        XCTAssertEqual(f.app.screen.form[field: .email], email, file: file, line: line)
        XCTAssertEqual(f.app.screen.form.focus, .password, file: file, line: line)
    }

    func testAfterAnUnlock() throws {
        let f = try UIFixture()
        f.failSignIn(times: 10)
        f.restart()
        f.open(try f.mailedLink("/lo/unblock"))
        guard case .recovery(.unlocked) = f.app.screen.route else { return XCTFail(f.text) }
        f.choose(.login)
        assertLoginCarries(f, UIFixture.email)
        f.type(UIFixture.password)
        f.press(.enter)
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
    }

    func testAfterARegistration() throws {
        let f = try UIFixture()
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        _ = try f.engine.invitePerson(by: contractor.id, email: "riyou@example.com", name: "利用 花子", role: .user,
                                      context: .operatorCommand)
        f.open(try f.mailedLink("/lo/register"))
        f.type("Touroku-2026!")
        f.press(.tab)
        f.type("Touroku-2026!")
        f.press(.enter, .enter)  // 申込確認 › 確認
        guard case .registration(.done) = f.app.screen.route else { return XCTFail(f.text) }
        f.choose(.login)
        assertLoginCarries(f, "riyou@example.com")
    }

    func testTheSettingsLinkWaitsOnThePassword() throws {
        let f = try UIFixture()
        f.type(UIFixture.email)
        f.choose(.change)
        guard case .settings(.login) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(f.app.screen.form[field: .email], UIFixture.email)
        XCTAssertEqual(f.app.screen.form.focus, .password)
    }
}
