import Foundation
import XCTest
@testable import MonbanCore
import MonbanStore

/// NT-1 (ASVS 6.3.7; issue 19): the person is mailed after a password change or reset, a
/// two-step reset, a login-method change, an e-mail change (to the OLD address), a lock,
/// and a sign-in from a new terminal. The notices say so in Japanese and English, in the
/// manual's style, and carry no link and nothing secret.
final class SecurityNoticeTests: XCTestCase {
    var f: Fixture!
    var contractorID: Int64 = 0
    var contractID: Int64 = 0
    let contractor = "keiyaku@example.com"

    override func setUpWithError() throws {
        f = try Fixture()
        let created = try f.contract()
        contractorID = created.contractor.id
        contractID = created.contract.id
    }

    override func tearDown() { f = nil }

    /// The last mail to `address`, checked to be a notice: the subject, both languages,
    /// no link, no ticket, none of `secrets`.
    @discardableResult
    func notice(to address: String, _ title: String, secrets: [String] = [], file: StaticString = #filePath,
                line: UInt = #line) throws -> OutboxMessage {
        let mail = try XCTUnwrap(f.outbox(address).last, "nothing mailed to \(address)", file: file, line: line)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】\(title)", file: file, line: line)
        XCTAssertTrue(mail.links.isEmpty, "a notice with a link", file: file, line: line)
        XCTAssertFalse(mail.body.contains("ticket="), mail.body, file: file, line: line)
        XCTAssertFalse(mail.body.contains("http"), mail.body, file: file, line: line)
        XCTAssertTrue(mail.body.contains("様\n\n平素より、おまかせクラウドストレージをご利用いただき"), mail.body,
                      file: file, line: line)
        XCTAssertTrue(mail.body.contains("お心当たりがない場合は"), mail.body, file: file, line: line)
        XCTAssertTrue(mail.body.contains("If this was not you"), "no English:\n\(mail.body)", file: file, line: line)
        for secret in secrets {
            XCTAssertFalse(mail.body.contains(secret), "the notice shows a secret", file: file, line: line)
        }
        return mail
    }

    func testNT1_aPasswordChangeIsToldWithoutThePassword() throws {
        let new = "Atarashii-2026!"
        try f.engine.changePassword(by: contractorID, current: Fixture.password, new: new, confirmation: new, context: f.here)
        let mail = try notice(to: contractor, "パスワード変更のお知らせ", secrets: [new, Fixture.password])
        XCTAssertTrue(mail.body.contains("ご登録のパスワードが変更されました。"), mail.body)
        XCTAssertTrue(mail.body.contains("日時 : "), mail.body)
        XCTAssertTrue(mail.body.contains("Your password was changed on"), mail.body)
    }

    func testNT1_aPasswordResetIsTold() throws {
        try f.engine.requestPasswordReset(email: contractor, context: f.here)
        let link = try f.lastLink(to: contractor, path: "/lo/reset")
        let new = "Atarashii-2026!"
        try f.engine.resetPassword(link, newPassword: new, confirmation: new, context: f.here)
        let mail = try notice(to: contractor, "パスワードリセットのお知らせ", secrets: [new, link.ticket.token])
        XCTAssertTrue(mail.body.contains("2段階認証の登録がリセットされました"), mail.body)
    }

    func testNT1_aTwoStepResetIsTold() throws {
        let user = try f.engine.addPerson(to: contractID, email: "riyou@example.com", role: .user, password: Fixture.password)
        try f.engine.resetTwoStep(by: contractorID, personID: user.id, authenticatedAt: f.clock.now(), context: f.here)
        let mail = try notice(to: "riyou@example.com", "2段階認証リセットのお知らせ")
        XCTAssertTrue(mail.body.contains("次回ログイン時に、2段階認証を再登録してください。"), mail.body)
    }

    func testNT1_aLoginMethodChangeIsTold() throws {
        // The contractor's own change (MC-2).
        let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "1", email: nil)
        try f.engine.changeLoginMethod(by: contractorID, to: google, context: f.here)
        var mail = try notice(to: contractor, "ログイン方法変更のお知らせ")
        XCTAssertTrue(mail.body.contains("ログイン方法が「Googleアカウント」に変更されました。"), mail.body)
        XCTAssertTrue(mail.body.contains("changed to Google account"), mail.body)
        // A user's, through the login-method-change link (EM-5), to a password.
        let user = try f.engine.addPerson(to: contractID, email: "riyou@example.com", role: .user, password: Fixture.password)
        _ = try f.engine.sendEmailChange(by: contractorID, personID: user.id, address: "riyou@example.com",
                                         authenticatedAt: f.clock.now(), context: f.here)
        let link = try f.lastLink(to: "riyou@example.com", path: "/lo/method")
        let new = "Atarashii-2026!"
        try f.engine.completeRegistration(link, password: new, confirmation: new, context: f.here)
        mail = try notice(to: "riyou@example.com", "ログイン方法変更のお知らせ", secrets: [new, link.ticket.token])
        XCTAssertTrue(mail.body.contains("「メールアドレス・パスワード」"), mail.body)
    }

    func testNT1_anEmailChangeIsToldToTheOldAddress() throws {
        try f.engine.requestEmailChange(by: contractorID, newEmail: "keiyaku@new.example",
                                        confirmation: "keiyaku@new.example", context: f.here)
        let link = try f.lastLink(to: "keiyaku@new.example", path: "/lo/email")
        let new = "Atarashii-2026!"
        try f.engine.confirmEmailChange(link, password: new, confirmation: new, context: f.here)
        let mail = try notice(to: contractor, "メールアドレス変更完了のお知らせ", secrets: [new, link.ticket.token])
        XCTAssertTrue(mail.body.contains("変更後のメールアドレス : keiyaku@new.example"), mail.body)
        XCTAssertTrue(mail.body.contains("changed to keiyaku@new.example"), mail.body)
        // An invitation never used tells nobody at the address it was corrected from.
        let invited = try f.engine.invitePerson(by: contractorID, email: "typo@exmaple.com", role: .user, context: f.here)
        _ = try f.engine.sendEmailChange(by: contractorID, personID: invited.id, address: "right@example.com",
                                         authenticatedAt: f.clock.now(), context: f.here)
        try f.engine.confirmEmailChange(try f.lastLink(to: "right@example.com", path: "/lo/email"), password: new,
                                        confirmation: new, context: f.here)
        XCTAssertEqual(try f.outbox("typo@exmaple.com").map(\.subject), ["【おまかせクラウドストレージ】利用者登録のご案内"])
    }

    /// A lock mails 【…】アカウントロック (LK-2): the notice NT-1 asks for, with its unlock
    /// link, which unlocks and signs nobody in.
    func testNT1_aLockIsTold() throws {
        for i in 1...10 { _ = try? f.engine.signIn(email: contractor, password: "Chigau-\(i)!", context: f.here) }
        let mail = try XCTUnwrap(f.outbox(contractor).last)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】アカウントロック")
        XCTAssertEqual(mail.links.count, 1)
        XCTAssertEqual(try Link(parsing: try XCTUnwrap(mail.links.first)).purpose, .unlock)
    }

    func testNT1_aSignInFromANewTerminalIsTold() throws {
        _ = try f.signIn()  // the first terminal: recorded, nobody told
        XCTAssertTrue(try f.outbox(contractor).isEmpty)
        _ = try f.signIn()  // the same terminal again
        XCTAssertTrue(try f.outbox(contractor).isEmpty)
        let elsewhere = AccessContext(terminal: "other-host:/dev/pts/7\u{1B}[2J\u{202E}")
        _ = try f.engine.signIn(email: contractor, password: Fixture.password, context: elsewhere)
        let mail = try notice(to: contractor, "新しい端末からのログインのお知らせ", secrets: [Fixture.password])
        XCTAssertTrue(mail.body.contains("端末 : other-host:/dev/pts/7[2J\n"), "cleaned of control characters:\n\(mail.body)")
        XCTAssertTrue(mail.body.contains("from a new terminal"), mail.body)
        _ = try f.engine.signIn(email: contractor, password: Fixture.password, context: elsewhere)
        XCTAssertEqual(try f.outbox(contractor).count, 1, "told once per terminal")
        // A terminal is its device token where it keeps one: the same token under another name is the same terminal.
        let token = try DeviceToken.ephemeral(using: SeededRandom(seed: 7))
        _ = try f.engine.signIn(email: contractor, password: Fixture.password,
                                context: AccessContext(terminal: "a", device: token))
        XCTAssertEqual(try f.outbox(contractor).count, 2)
        _ = try f.engine.signIn(email: contractor, password: Fixture.password,
                                context: AccessContext(terminal: "b", device: token))
        XCTAssertEqual(try f.outbox(contractor).count, 2)
        // A federated sign-in is told the same way.
        let user = try f.engine.invitePerson(by: contractorID, email: "riyou@example.com", role: .user, context: f.here)
        let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "9", email: nil)
        try f.engine.completeRegistration(try f.lastLink(to: "riyou@example.com", path: "/lo/register"), identity: google,
                                          context: f.here)
        _ = try f.engine.signIn(federated: google, context: f.here)
        _ = try f.engine.signIn(federated: google, context: elsewhere)
        try notice(to: "riyou@example.com", "新しい端末からのログインのお知らせ")
        XCTAssertEqual(user.email, "riyou@example.com")
    }

    /// Times are the service's (JST), in both languages.
    func testNT1_whenIsJapanTime() {
        let w = MailTemplates.when(Date(timeIntervalSince1970: 1_795_000_000))  // 2026-11-18 11:06:40 UTC
        XCTAssertEqual(w.ja, "2026年11月18日 20:06（日本時間）")
        XCTAssertEqual(w.en, "2026-11-18 20:06 JST")
    }
}
