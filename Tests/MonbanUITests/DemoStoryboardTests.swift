import Foundation
import XCTest
import MonbanCore
import MonbanStore
@testable import MonbanTUI
@testable import MonbanUI

/// Issue 20 items 4 and 5 in the client: the demo's accounts on its login screen, and a kiosk
/// on a demo database put back to its first state for every visitor (UI-6).
final class DemoStoryboardTests: XCTestCase {
    /// A kiosk (or not) on the fixture's demo-marked database, told of the mark after the first
    /// paint as the real client is.
    func client(_ f: UIFixture, kiosk: Bool) -> App {
        var app = App(language: .ja, kiosk: kiosk, engines: EngineProvider(engine: f.engine, device: f.device),
                      context: AccessContext(terminal: "test"))
        app.readDatabaseMarkAfterFirstPaint { _ in }
        _ = app.performWork()
        return app
    }

    // Issue 20 item 5: the accounts, their role and two-step setting, the password, and the
    // 受信箱 (F2), beside the login form at 80×24 with nothing of the form cut.
    func testIssue20_demoLoginScreenShowsTheAccounts() throws {
        let f = try UIFixture()
        f.app = client(f, kiosk: false)
        f.app.providers = [.google: .demo, .facebook: .demo, .microsoft: .demo, .dAccount: .demo]
        XCTAssertTrue(f.app.showsDemoAccounts)
        let text = f.text
        for a in DemoAccounts.accounts { XCTAssertTrue(text.contains(a.email), "\(a.email):\n\(text)") }
        XCTAssertTrue(text.contains("パスワード（全アカウント共通）") && text.contains(DemoAccounts.password), text)
        XCTAssertTrue(text.contains("受信箱（F2）"), text)
        XCTAssertTrue(text.contains("Active Directoryアカウントでログイン"), "the whole form shows:\n\(text)")
        XCTAssertFalse(text.contains(" v\n"), "nothing to scroll:\n\(text)")
        StoryboardTests.capture("1-1-login-demo", f.render())
        f.app.language = .en
        StoryboardTests.capture("1-1-login-demo.en", f.render())
        // Not on a database `monban demo` did not make: the fixture's app is told nothing.
        let plain = App(language: .ja, engines: EngineProvider(engine: f.engine), context: AccessContext(terminal: "test"))
        XCTAssertFalse(plain.showsDemoAccounts)
    }

    // Issue 20 item 4, UI-6: what a visitor leaves (a changed address, a mail) is gone after the
    // kiosk's idle reset; a client that is no kiosk puts nothing back.
    func testUI6_kioskIdleResetPutsTheDemoDatabaseBack() throws {
        let f = try UIFixture()
        var kiosk = client(f, kiosk: true)
        let mailsBefore = try f.engine.inbox().count
        // The visitor's doings: a reset mail, and the contractor's address changed.
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        try f.engine.database.queue.write { db in
            try db.execute(sql: "UPDATE person SET email = 'houmonsha@example.com' WHERE email = ?", arguments: [UIFixture.email])
        }
        XCTAssertEqual(try f.engine.inbox().count, mailsBefore + 1)
        kiosk.resetForNextVisitor()
        XCTAssertEqual(try f.engine.inbox().count, mailsBefore, "the last visitor's mail is still there")
        XCTAssertNotNil(try f.engine.person(email: UIFixture.email), "the contractor's address is not back")
        XCTAssertNil(try f.engine.person(email: "houmonsha@example.com"))
        // And again for the next visitor, from the same first state.
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        kiosk.resetForNextVisitor()
        XCTAssertEqual(try f.engine.inbox().count, mailsBefore)

        var notKiosk = client(f, kiosk: false)
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        notKiosk.resetForNextVisitor()
        XCTAssertEqual(try f.engine.inbox().count, mailsBefore + 1, "only a kiosk puts the demo back")
    }

    // Issue 20 item 4: a database `monban demo` did not make is never put back, kiosk or not.
    func testUI6_kioskOnAnotherDatabaseTakesNoSnapshot() throws {
        let f = try UIFixture()
        try f.engine.database.queue.write { db in try db.execute(sql: "DELETE FROM database_mark") }
        var kiosk = client(f, kiosk: true)
        XCTAssertNil(kiosk.demoFirstState)
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        let mails = try f.engine.inbox().count
        kiosk.resetForNextVisitor()
        XCTAssertEqual(try f.engine.inbox().count, mails)
    }
}
