import Foundation
import XCTest

/// Issue 19 finding 2 through the release binary (TM-3): links follow the address. The
/// attack: an invitation mailed to a typo address; the contractor corrects the address in
/// the 管理コンソール; the person registers from the corrected address; later, whoever holds
/// the typo address opens the first invitation with `monban open` to set their own password.
final class StaleLinkAttackTests: EndToEndTestCase {
    let contractor = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    func client() throws -> TmuxTerminal {
        let home = dir.appendingPathComponent("home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", environment: [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path + "/.config", "XDG_STATE_HOME": home.path + "/.state",
            "XDG_DATA_HOME": home.path + "/.data",
        ])
    }

    func testFinding2_theTypoInvitationIsRefusedAfterTheAddressIsCorrected() throws {
        try createContract(email: contractor, password: password, twoStep: false)
        let typo = "shinjin@exmaple.com", right = "shinjin@example.com"
        let invite = try monban("person", "invite", "--db", db, "--by", contractor, "--email", typo, "--name", "新人 四郎")
        XCTAssertEqual(invite.status, 0, invite.stderr)
        let invitation = try link(to: typo, containing: "/lo/register")

        // The contractor: 管理コンソール › ユーザ › 新人 四郎 › メールアドレス変更, the right address, 送信.
        let t = try client()
        try typeCredentials(t, contractor, password)
        t.waitFor("管理コンソール")
        try t.press("Tab", "Enter")
        t.waitFor("[ ユーザ ]")
        try t.press("Enter")
        t.waitFor("検索（名前またはメールアドレス）")
        try t.type("新人")
        t.waitFor("1件")
        try t.press("Tab", "Enter")
        t.waitFor("ユーザ詳細")
        try t.press("Enter")  // メールアドレス変更
        t.waitFor("ログイン方法の変更とメールアドレス変更は同時に実施できません")
        try t.press("C-u")
        try t.type(right)
        try t.press("Enter")  // 送信
        t.waitFor("メールアドレス変更登録メールを送信しました")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // The person registers from the corrected address (EM-4 sets their password).
        let own = "Jibun-no-2026!"
        let change = try link(to: right, containing: "/lo/email")
        let registered = try monban("open", change, "--db", db, "--no-ui", "--password-stdin", stdin: own + "\n")
        XCTAssertEqual(registered.status, 0, registered.stderr)

        // The holder of the typo address opens the first invitation.
        let attacker = "Nottori-2026!"
        let attack = try monban("open", invitation, "--db", db, "--no-ui", "--password-stdin", stdin: attacker + "\n")
        XCTAssertEqual(attack.status, 1, "the old invitation was accepted: \(attack.stdout)")
        XCTAssertTrue(attack.stderr.contains("already been used"), attack.stderr)
        XCTAssertNotEqual(try monban("signin", "--db", db, "--email", right, stdin: attacker + "\n").status, 0,
                          "the attacker's password signs in")
        let mine = try monban("signin", "--db", db, "--email", right, stdin: own + "\n")
        XCTAssertEqual(mine.status, 0, "the person's own password no longer works: \(mine.stdout) \(mine.stderr)")
    }

    /// Issue 19 finding 7 through the release binary: an administrator's console offers no
    /// action on another administrator, and their change of a user's address mails the
    /// attacker's mailbox nothing: メールアドレス変更の確認 goes to the user's own address, and
    /// only its link (here `monban open`) sends the change link to the new address.
    func testFinding7_anAdministratorsEmailChangeWaitsForTheCurrentAddress() throws {
        try createContract(email: contractor, password: password, twoStep: false)
        for (email, role) in [("kanri@example.com", "administrator"), ("jouhou@example.com", "administrator"),
                              ("riyou@example.com", "user")] {
            XCTAssertEqual(try monban("person", "invite", "--db", db, "--by", contractor, "--email", email,
                                      "--role", role).status, 0)
            let registration = try link(to: email, containing: "/lo/register")
            XCTAssertEqual(try monban("open", registration, "--db", db, "--no-ui", "--password-stdin",
                                      stdin: password + "\n").status, 0)
        }
        let attacker = "attacker@evil.example"

        // Another administrator: ユーザ詳細 without a single action.
        var t = try client()
        try typeCredentials(t, "kanri@example.com", password)
        t.waitFor("管理コンソール")
        try t.press("Tab", "Enter")
        t.waitFor("[ ユーザ ]")
        try t.press("Enter")
        t.waitFor("検索（名前またはメールアドレス）")
        try t.type("jouhou")
        t.waitFor("1件")
        try t.press("Tab", "Enter")
        t.waitFor("ユーザ詳細")
        XCTAssertFalse(t.screen.contains("[ メールアドレス変更 ]"), t.screen)
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // A user: the change to the attacker's mailbox asks the user's current address first.
        t = try client()
        try typeCredentials(t, "kanri@example.com", password)
        t.waitFor("管理コンソール")
        try t.press("Tab", "Enter")
        t.waitFor("[ ユーザ ]")
        try t.press("Enter")
        t.waitFor("検索（名前またはメールアドレス）")
        try t.type("riyou")
        t.waitFor("1件")
        try t.press("Tab", "Enter")
        t.waitFor("ユーザ詳細")
        try t.press("Enter")  // メールアドレス変更
        t.waitFor("ログイン方法の変更とメールアドレス変更は同時に実施できません")
        try t.press("C-u")
        try t.type(attacker)
        try t.press("Enter")  // 送信
        t.waitFor("メールアドレス変更の確認メールを送信しました")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())
        XCTAssertTrue(try outbox(to: attacker).isEmpty, "a link reached the administrator's mailbox")
        XCTAssertEqual(try monban("signin", "--db", db, "--email", "riyou@example.com", stdin: password + "\n").status, 0)

        // Only the user's approval, from their own address, sends the change link on.
        let approval = try link(to: "riyou@example.com", containing: "/lo/email-approve")
        let approved = try monban("open", approval, "--db", db, "--no-ui")
        XCTAssertEqual(approved.status, 0, approved.stderr)
        XCTAssertNotNil(try link(to: attacker, containing: "/lo/email?ticket="))
    }
}
