import MonbanCore
import MonbanTUI
import XCTest

@testable import MonbanUI

/// Issue 20 item 8 (LG-8, ASVS 7.4.1): Esc on the メイン画面 asks before signing out, and
/// every sign-out is in the audit log with why.
final class SignOutStoryboardTests: XCTestCase {
    func capture(_ name: String, _ canvas: Canvas, file: StaticString = #filePath, line: UInt = #line) {
        StoryboardTests.capture(name, canvas, file: file, line: line)
    }

    func signOuts(_ f: UIFixture) throws -> [String] {
        try f.engine.auditEntries().filter { $0.event == AuditEvent.signedOut.rawValue }.map(\.detail)
    }

    /// Esc once on the メイン画面 used to sign out at once. Now it asks: Esc (or キャンセル) stays
    /// signed in; ログアウト signs out, audited, and the inbox no longer knows the person.
    func testEscOnTheMainScreenAsksFirst() throws {
        let f = try UIFixture()
        f.signIn()
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.escape)
        capture("1-1-main-screen-sign-out", f.render())
        guard case .main(.confirmSignOut) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(f.app.screen.form.focus, .logout, "the answer Esc asked for; Esc again cancels")
        f.press(.escape)
        guard case .main(.top) = f.app.screen.route else { return XCTFail("Esc cancels:\n\(f.text)") }
        XCTAssertNotNil(f.app.signedInPersonID)
        XCTAssertEqual(try signOuts(f), [])
        f.press(.escape)
        f.press(.enter)
        guard case .login(.entry) = f.app.screen.route, f.app.history.count == 1 else { return XCTFail(f.text) }
        XCTAssertNil(f.app.signedInPersonID, "nobody's messages in the inbox any more")
        XCTAssertEqual(try signOuts(f), ["chosen"])
    }

    /// The ログアウト button, the idle time and the lifetime each leave their entry.
    func testEverySignOutIsAudited() throws {
        let f = try UIFixture()
        f.signIn()
        f.choose(.logout)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        f.signIn()
        f.app.signOutAfterIdle()
        f.app.maxSession = 3600
        f.signIn()
        f.clock.advance(3600)
        f.press(.tab)
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(try signOuts(f), ["chosen", "idle", "lifetime"])
        let entry = try XCTUnwrap(try f.engine.auditEntries().last { $0.event == AuditEvent.signedOut.rawValue })
        XCTAssertEqual(entry.personID, try f.engine.person(email: UIFixture.email)?.id)
        // An untouched login screen signs nobody out.
        f.app.signOutAfterIdle()
        XCTAssertEqual(try signOuts(f).count, 3)
        // Quitting with F10 while signed in ends the sign-in too; quitting from the login screen
        // signs nobody out.
        f.signIn()
        XCTAssertEqual(f.app.handle(.function(10)), .quit)
        XCTAssertEqual(try signOuts(f), ["chosen", "idle", "lifetime", "quit"])
        f.restart()
        XCTAssertEqual(f.app.handle(.function(10)), .quit)
        XCTAssertEqual(try signOuts(f).count, 4)
    }
}
