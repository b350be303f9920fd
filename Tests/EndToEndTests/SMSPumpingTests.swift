import Foundation
import XCTest

/// Issue 19 finding 13 (RL-1) through the release binary, as a script at the login screen
/// would pump SMS: signing in again and again and asking for a code each time. The sixth
/// code in the hour is refused on the screen and never queued.
final class SMSPumpingTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"
    let phone = "09012345678"

    func testFinding13_smsToOnePersonStopAtTheCap() throws {
        try createContract(email: email, password: password, twoStep: true)
        let state = dir.appendingPathComponent("state").path
        for attempt in 1...6 {
            let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", environment: ["XDG_STATE_HOME": state])
            t.waitFor("パスワードを忘れた方は")
            try t.type(email)
            try t.press("Tab")
            try t.type(password)
            try t.press("Enter")
            t.waitFor("電話番号")
            try t.type(phone)
            try t.press("Enter")
            if attempt <= 5 {
                XCTAssertTrue(t.waitFor("ショートメッセージに送られてきた"), "code \(attempt) was not sent:\n\(t.screen)")
            } else {
                XCTAssertTrue(t.waitFor("認証コードの送信回数が上限に達しました"), "the sixth code was sent:\n\(t.screen)")
            }
            try t.press("F10")
            _ = t.waitUntilExited()
        }
        let outbox = try monban("outbox", "--db", db)
        let codes = outbox.stdout.components(separatedBy: "\n").filter { $0.contains("5678") }
        XCTAssertEqual(codes.count, 5, "SMS queued:\n\(outbox.stdout)")
        XCTAssertTrue(try monban("audit", "--db", db).stdout.contains("message.rate_limited"))
    }
}
