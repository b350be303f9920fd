import Foundation
import XCTest
import MonbanCore
@testable import MonbanTUI
@testable import MonbanUI

/// TK-2, issue 20 item 3: the 受信箱's list at 80×24 with the demo's addresses.
final class InboxStoryboardTests: XCTestCase {
    // TK-2, issue 20 item 3: the 受信箱's list tells a lock mail, a reset mail and an invitation
    // apart at 80×24 with the demo's 30-character addresses: the subject after the service's
    // name, on a line of its own where the row is too narrow (it was cut to 「【おまかせクラ」).
    func testTK2_inboxListShowsWhatTellsTheMessagesApart() throws {
        let f = try UIFixture(email: "keiyakusha@demo.monban.example")
        try f.engine.requestPasswordReset(email: f.email, context: AccessContext(terminal: "test"))
        let contractor = try XCTUnwrap(f.engine.person(email: f.email))
        _ = try f.engine.invitePerson(by: contractor.id, email: "riyousha.tanaka@demo.monban.example", name: "利用 花子",
                                      role: .user, context: .operatorCommand)
        f.failSignIn(times: 10)
        f.restart()
        f.press(.function(2))
        let text = f.text
        for subject in ["アカウントロック", "パスワードリセット", "利用者登録のご案内"] {
            XCTAssertTrue(text.contains(subject), "\(subject):\n\(text)")
        }
        StoryboardTests.capture("inbox-subjects", f.render())
    }
}
