import Foundation
import XCTest
@testable import MonbanTUI
@testable import MonbanUI
import MonbanCore
import MonbanStore

/// The 受信箱 shows each message's delivery state (issue 8 part 4), and kiosk
/// mode's idle reset leaves a clean login screen (UI-6).
final class DeliveryStoryboardTests: XCTestCase {
    func capture(_ name: String, _ canvas: Canvas, file: StaticString = #filePath, line: UInt = #line) {
        StoryboardTests.capture(name, canvas, file: file, line: line)
    }

    /// Four reset e-mails: one sent, one refused, one waiting after a failure, one new.
    func messagesInEveryState(_ f: UIFixture) throws {
        let policy = DeliveryPolicy(maxAttempts: 5, retryInitial: 60, retryMax: 600, lease: 60)
        for n in 0..<4 {
            // At most three reset mails an hour go to one address (RL-1): the count is cleared
            // for the fourth, so the captures keep their times.
            if n == RateCap.mailsPerAddressPerHour {
                try f.engine.database.write { tx in try tx.forgetRateEvents(before: f.clock.now() + 1) }
            }
            try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        }
        func claim() throws -> DeliveryJob {
            try XCTUnwrap(f.engine.claimNextMessage(kinds: [.email], worker: "test", policy: policy, messageIDDomain: "example.jp"))
        }
        try f.engine.recordDelivery(claim(), .sent, policy: policy)
        try f.engine.recordDelivery(claim(), .permanent("SMTP: RCPT failed: 550 (reply 550)"), policy: policy)
        try f.engine.recordDelivery(claim(), .retry("SMTP: Failed to connect to mail.example.jp port 587"), policy: policy)
    }

    func testInboxShowsDeliveryStates() throws {
        let f = try UIFixture()
        try messagesInEveryState(f)
        f.press(.function(2))
        let text = f.render().text
        for tag in ["[送信済]", "[送信失敗]", "[送信待ち]"] { XCTAssertTrue(text.contains(tag), "\(tag) in\n\(text)") }
        capture("inbox-delivery-states", f.render())
        f.press(.tab, .enter)  // the third message (newest first): waiting after a failure
        let message = f.render().text
        XCTAssertTrue(message.contains("状態: 送信待ち"), message)
        XCTAssertTrue(message.contains("1回試行、次回 "), message)
        XCTAssertTrue(message.contains("SMTP: Failed to connect"), message)
        capture("inbox-message-retry", f.render())
    }

    func testInboxStatesInEnglish() throws {
        let f = try UIFixture(language: .en)
        try messagesInEveryState(f)
        f.press(.function(2))
        let text = f.render().text
        for tag in ["[sent]", "[failed]", "[pending]"] { XCTAssertTrue(text.contains(tag), "\(tag) in\n\(text)") }
    }

    /// UI-6: what a visitor typed is gone after the idle reset, wherever they were.
    func testKioskIdleResetLeavesACleanLoginScreen() throws {
        let f = try UIFixture()
        let fresh = f.render()
        f.type(UIFixture.email)
        f.press(.tab)
        f.type("Half-typed")
        XCTAssertTrue(f.render().text.contains(UIFixture.email))
        f.app.resetForNextVisitor()
        XCTAssertTrue(f.app.isCleanLoginScreen)
        XCTAssertEqual(f.render(), fresh)
        // From deeper screens too (the message viewer of the 受信箱).
        try f.engine.requestPasswordReset(email: UIFixture.email, context: AccessContext(terminal: "test"))
        f.press(.function(2))
        f.press(.enter)
        XCTAssertFalse(f.app.isCleanLoginScreen)
        f.app.resetForNextVisitor()
        XCTAssertEqual(f.render(), fresh)
    }
}
