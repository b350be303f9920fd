import Foundation
import XCTest

/// The 認証・契約情報変更メニュー through the real binary in a real terminal, typed
/// as a person would (issue 6's "done when"; MC-1, CT-2, CT-3, PC-1, EM-1, EM-4,
/// TF-7, TF-8).
final class SettingsTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"
    let newPassword = "Atarashii-2026!"
    let newEmail = "shinki@example.com"

    func client(_ args: String = "", terminal: String = "a") throws -> TmuxTerminal {
        let state = dir.appendingPathComponent("state-\(terminal)").path
        return try TmuxTerminal("'\(MonbanProcess.binary)' \(args) --db '\(db)'", environment: ["XDG_STATE_HOME": state])
    }

    /// From the login screen: 「パスワード変更、その他契約情報の変更はこちら」, then the credentials.
    func signInToSettings(_ t: TmuxTerminal, email: String, password: String) throws {
        t.waitFor("パスワード変更、その他契約情報の変更は")
        try t.press("Tab", "Tab", "Tab", "Tab", "Enter")  // email, password, ログイン, forgot → change
        t.waitFor("認証・契約情報変更ログイン")
        try t.type(email)
        try t.press("Tab")
        try t.type(password)
        try t.press("Enter")
    }

    /// A basic contractor with two-step verification on: password, then e-mail, then
    /// two-step verification off; signing in with the new address needs no second step.
    func testPC1_EM1_TF7_basicContractorChangesPasswordEmailAndTwoStep() throws {
        try createContract(email: email, password: password, twoStep: true)
        var t = try client()
        try signInToSettings(t, email: email, password: password)
        try enrollWithSMS(t)  // the settings sign-in asks for the second step as usual (MC-1)
        t.waitFor("<認証情報の設定>")
        XCTAssertTrue(t.screen.contains("[ ログイン方法の設定 ]  [ メールアドレス変更 ]  [ パスワード変更 ]"), t.screen)

        // PC-1: パスワード変更 → パスワード変更完了 → 認証・契約情報メニューへ.
        try t.press("Tab", "Tab", "Enter")
        t.waitFor("現在のパスワード")
        try t.type(password)
        try t.press("Tab")
        try t.type(newPassword)
        try t.press("Tab")
        try t.type(newPassword)
        try t.press("Enter")
        t.waitFor("パスワード変更完了")
        XCTAssertFalse(t.screen.contains(newPassword))
        try t.press("Enter")
        t.waitFor("<認証情報の変更>")

        // EM-1: メールアドレス変更 → メール送信.
        try t.press("Tab", "Enter")
        t.waitFor("変更するメールアドレス（確認用）")
        try t.type(newEmail)
        try t.press("Tab")
        try t.type(newEmail)
        try t.press("Enter")
        t.waitFor("メールアドレス変更登録メールを送信しました")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())
        let mail = try XCTUnwrap(outbox(to: newEmail).last)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】メールアドレス変更登録")
        XCTAssertTrue(try outbox(to: email).allSatisfy { !$0.subject.contains("メールアドレス変更") },
                      "the link goes to the new address only")
        // The old address keeps working until the link is used.
        XCTAssertEqual(try monban("signin", "--db", db, "--email", email, stdin: newPassword + "\n").status, 0)

        // EM-4: the link, opened with `monban open`: the password twice, then the login screen.
        let link = try self.link(to: newEmail, containing: "/lo/email")
        t = try TmuxTerminal("'\(MonbanProcess.binary)' open '\(link)' --db '\(db)'",
                             environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state-a").path])
        t.waitFor("メールアドレス変更確認")
        XCTAssertTrue(t.screen.contains("変更後のメールアドレス: \(newEmail)"), t.screen)
        try t.type(newPassword)
        try t.press("Tab")
        try t.type(newPassword)
        try t.press("Enter")
        t.waitFor("メールアドレスを変更しました。")
        XCTAssertTrue(t.screen.contains("[\(newEmail)"), "the new address is filled in:\n\(t.screen)")
        try t.type(newPassword)  // focus is on the password
        try t.press("Enter")
        // TF-8: the e-mail change reset the two-step registration: enrol again.
        try enrollWithSMS(t)
        t.waitFor("メイン画面")
        XCTAssertTrue(t.screen.contains(newEmail), t.screen)
        XCTAssertNotEqual(try monban("signin", "--db", db, "--email", email, stdin: newPassword + "\n").status, 0,
                          "the old address no longer signs in")

        // TF-7: from the メイン画面 to the menu — through 認証・契約情報変更ログイン again (ASVS 7.5.1),
        // with the second step — then 2段階認証設定 → 無効 → 確認 (ticked) → 設定.
        try t.press("Enter")  // 認証・契約情報変更メニュー
        t.waitFor("認証・契約情報変更ログイン")
        XCTAssertTrue(t.screen.contains("[\(newEmail)"), "the address is filled in:\n\(t.screen)")
        try t.type(newPassword)
        try t.press("Enter")
        t.waitFor("ショートメッセージに送られてきた6文字")
        try t.type(try lastSMSCode(to: "+819012345678"))
        try t.press("Enter")
        t.waitFor("<認証情報の設定>")
        try t.press("Tab", "Tab", "Tab", "Tab", "Enter")  // → 2段階認証設定
        t.waitFor("2段階認証を無効にする")
        try t.press("Down", "Space", "Tab", "Enter")  // 無効, 設定
        t.waitFor("上記の説明を確認しました。")
        try t.press("Tab", "Enter")  // 設定 without ticking
        t.waitFor("「上記の説明を確認しました。」にチェックしてください。")
        try t.press("Space", "Tab", "Enter")  // the refusal put focus on the tick box
        t.waitFor("2段階認証設定を変更しました（無効）。")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // Another terminal: no second step any more.
        t = try client(terminal: "b")
        try typeCredentials(t, newEmail, newPassword)
        t.waitFor("メイン画面")
        XCTAssertTrue(t.screen.contains(newEmail), t.screen)

        let audit = try monban("audit", "--db", db).stdout
        for event in ["password.changed", "email_change.requested", "email.changed", "two_factor.reset",
                      "contract.two_factor_setting"] {
            XCTAssertTrue(audit.contains(event), "audit: \(event)")
        }
        for secret in [password, newPassword] { XCTAssertFalse(audit.contains(secret)) }
        XCTAssertEqual(try monban("audit", "--db", db, "--verify").status, 0)
    }

    /// CT-3: a trial contractor sees パスワード変更, アクセス経路設定, 2段階認証設定 and Active Directory設定 only.
    func testCT3_trialContractorsMenu() throws {
        let r = try monban("contract", "create", "--db", db, "--email", email, "--plan", "trial", "--two-step", "off",
                           "--password-stdin", stdin: password + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let t = try client()
        try signInToSettings(t, email: email, password: password)
        t.waitFor("<認証情報の設定>")
        let screen = t.screen
        XCTAssertTrue(screen.contains("トライアル終了日"), screen)
        XCTAssertTrue(screen.contains("[ パスワード変更 ]"), screen)
        XCTAssertTrue(screen.contains("[ アクセス経路設定 ]  [ 2段階認証設定 ]  [ Active Directory設定 ]"), screen)
        XCTAssertFalse(screen.contains("[ ログイン方法の設定 ]"), screen)
        XCTAssertFalse(screen.contains("[ メールアドレス変更 ]"), screen)
    }

    /// CT-3: a basic plan's user sees パスワード変更 only.
    func testCT3_basicUsersMenu() throws {
        try createContract(email: email, password: password, twoStep: false)
        let user = "riyou@example.com"
        XCTAssertEqual(try monban("person", "invite", "--db", db, "--by", email, "--email", user, "--name", "利用 次郎").status, 0)
        let registration = try link(to: user, containing: "/lo/register")
        XCTAssertEqual(try monban("open", registration, "--db", db, "--no-ui", "--password-stdin", stdin: password + "\n").status, 0)
        let t = try client()
        try signInToSettings(t, email: user, password: password)
        t.waitFor("<認証情報の変更>")
        let screen = t.screen
        XCTAssertTrue(screen.contains("[ パスワード変更 ]"), screen)
        for absent in ["ログイン方法の設定 ]", "[ メールアドレス変更 ]", "<認証情報の設定>", "アクセス経路設定", "2段階認証設定",
                       "Active Directory設定"] {
            XCTAssertFalse(screen.contains(absent), "\(absent):\n\(screen)")
        }
    }
}
