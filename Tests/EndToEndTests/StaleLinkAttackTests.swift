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
}
