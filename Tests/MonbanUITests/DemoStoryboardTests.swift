import Foundation
import XCTest
import MonbanCore
import MonbanStore
@testable import MonbanTUI
@testable import MonbanUI

/// Issue 20 item 4 in the client: a kiosk on a demo database put back to its first state for
/// every visitor (UI-6).
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
