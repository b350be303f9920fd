import Foundation
import GRDB
import XCTest

/// The 管理コンソール through the real binary in a real terminal (issue 7's "done
/// when"): the line-number editor with a pasted list, line-authenticated sign-in;
/// 利用者登録, registration from the mailed link, and a login-method change to the
/// demo federated provider.
final class ConsoleTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"
    var config: String { dir.appendingPathComponent("config.toml").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try createContract(email: email, password: password, twoStep: true)
        try "[providers.google]\ndemo = true\n".write(toFile: config, atomically: true, encoding: .utf8)
        try markAsDemoDatabase()  // demo = true only on a demo database (issue 19 finding 6)
    }

    func client(_ args: String = "", terminal: String = "a") throws -> TmuxTerminal {
        try TmuxTerminal("'\(MonbanProcess.binary)' \(args) --db '\(db)' --config '\(config)'",
                         environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state-\(terminal)").path])
    }

    /// A client on the line the machine's root-owned line file names (LG-6, issue 19 finding 5).
    func lineClient(_ number: String, terminal: String, system: SystemLineFile) throws -> TmuxTerminal {
        try system.write(number + "\n")
        return try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'",
                                environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state-\(terminal)").path])
    }

    func savedLines() throws -> [String] {
        if let sharedStore {
            return try sharedStore.psql("SELECT number FROM line ORDER BY position").split(separator: "\n").map(String.init)
        }
        let queue = try DatabaseQueue(path: db)
        return try queue.read { try String.fetchAll($0, sql: "SELECT number FROM line ORDER BY position") }
    }

    /// LA-2, LG-6: 105 pasted lines — valid, lower case, spaced, duplicates, malformed —
    /// each bad one marked with its reason, fixed by keyboard, exactly the 100 valid
    /// numbers saved normalised; then line-authenticated sign-in without the second step.
    func testLA2_LG6_pasteMarkFixSaveAndSignInOnALine() throws {
        let numbers = (1...100).map { String(format: "CAF%010d", $0 * 7919) }
        var lines: [String] = []
        var next = 0
        let bad: [Int: String] = [10: "caf12345", 30: numbers[3].lowercased(), 50: "CAF0000000001-", 70: numbers[40],
                                  90: "  " + numbers[0] + " "]
        for position in 1...105 {
            if let b = bad[position] {
                lines.append(b)
            } else {
                let n = numbers[next]
                lines.append(next % 3 == 0 ? n.lowercased() : (next % 5 == 0 ? "  \(n)  " : n))
                next += 1
            }
        }
        XCTAssertEqual(next, 100)

        let t = try client()
        try typeCredentials(t, email, password)
        try enrollWithSMS(t)
        t.waitFor("管理コンソール")
        try t.press("Tab", "Enter")  // 認証・契約情報変更メニュー → 管理コンソール
        t.waitFor("[ 回線認証 ]")
        try t.press("Tab", "Tab", "Enter")  // ユーザ, 利用者登録 → 回線認証
        t.waitFor("アクセス経路")
        try t.press("Tab", "Tab")  // the route's two buttons → the editor
        try t.paste(lines.joined(separator: "\n"))
        t.waitFor("105件（エラー 10行）")
        // The cursor is at the end: the last lines are over the limit.
        XCTAssertTrue(t.screen.contains("<- 101件目以降は登録できません"), t.screen)
        try t.press("PageUp", "PageUp", "PageUp", "PageUp", "PageUp", "PageUp", "PageUp", "PageUp", "PageUp", "PageUp",
                    "PageUp")
        t.waitFor("   1 ")
        try t.press("PageDown")
        t.waitFor("<- 形式が正しくありません")
        try t.press("PageDown", "PageDown")
        t.waitFor("<- 4行目と重複しています")

        // 保存 is refused and says how many.
        try t.press("Tab", "Enter")  // the keys line is text: 保存
        t.waitFor("エラーのある行が10行あります。修正してから保存してください。")
        XCTAssertEqual(try savedLines(), [], "nothing invalid reaches the store")

        // Fix by keyboard: from the top, delete lines 90, 70, 50, 30, 10 (Ctrl-K).
        try t.press("BTab")
        for position in [90, 70, 50, 30, 10] {
            for _ in 0..<11 { try t.press("PageUp") }
            for _ in 0..<(position - 1) { try t.press("Down") }
            try t.press("C-k")
        }
        // The summary's line alone: the label above the editor says 「最大100件」 (issue 20 item 25).
        t.waitFor("\n    100件\n")
        XCTAssertFalse(t.screen.contains("エラー"), t.screen)
        try t.press("Tab", "Enter")
        t.waitFor("保存しました（100件）。")
        XCTAssertEqual(try savedLines(), numbers, "exactly the 100 valid numbers, upper case, trimmed, in order")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // LG-6: a terminal on a registered line signs in with no second step (2FA is on). The line
        // comes from the machine's line file, which only root can write (issue 19 finding 5).
        let system = try SystemLineFile()
        defer { system.restore() }
        let line = try lineClient(numbers[57].lowercased(), terminal: "line", system: system)
        line.waitFor("回線認証用ログイン（回線番号: \(numbers[57])）")
        try typeCredentials(line, email, password)
        line.waitFor("メイン画面")
        XCTAssertFalse(line.screen.contains("2段階認証"), line.screen)

        // An unregistered line: 回線認証エラー with both causes.
        let other = try lineClient("CAF9999999999", terminal: "other", system: system)
        try typeCredentials(other, email, password)
        other.waitFor("回線認証エラー")
        XCTAssertTrue(other.screen.contains("回線認証設定が完了しているか"), other.screen)  // issue 20 item 25
        XCTAssertTrue(other.screen.contains("ご利用の回線番号を正しく登録しているか"), other.screen)
    }

    /// US-1, US-2, EM-2, EM-5: the contractor invites a user, who registers with a
    /// password from the mailed link and signs in; an administrator sends a
    /// login-method-change link and the user switches to the demo provider.
    func testUS1_EM2_inviteRegisterAndChangeTheLoginMethod() throws {
        // An administrator, registered with a password.
        XCTAssertEqual(try monban("person", "invite", "--db", db, "--by", email, "--email", "kanri@example.com",
                                  "--role", "administrator", "--name", "管理 花子").status, 0)
        let adminLink = try link(to: "kanri@example.com", containing: "/lo/register")
        XCTAssertEqual(try monban("open", adminLink, "--db", db, "--no-ui", "--password-stdin",
                                  stdin: password + "\n").status, 0)

        // The contractor: 管理コンソール › 利用者登録.
        var t = try client()
        try typeCredentials(t, email, password)
        try enrollWithSMS(t)
        t.waitFor("管理コンソール")
        try t.press("Tab", "Enter")
        t.waitFor("[ 利用者登録 ]")
        try t.press("Tab", "Enter")
        t.waitFor("利用者登録のご案内メールが送信されます")
        try t.type("新人 四郎")
        try t.press("Tab")
        try t.type("shinjin@example.com")
        try t.press("Enter")
        t.waitFor("shinjin@example.com 宛に、利用者登録のご案内メールを送信しました。")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // The user registers with a password from the link (US-2) and signs in.
        let registration = try link(to: "shinjin@example.com", containing: "/lo/register")
        t = try client("open '\(registration)'", terminal: "user")
        t.waitFor("利用者ログイン登録")
        try t.type("Shinjin-2026!")  // contains the address: refused before 申込確認 (PP-2)
        try t.press("Tab")
        try t.type("Shinjin-2026!")
        try t.press("Enter")
        t.waitFor("@より前の部分")
        try t.type("Touroku-2026!")
        try t.press("Tab")
        try t.type("Touroku-2026!")
        try t.press("Enter")
        t.waitFor("申込確認")
        XCTAssertTrue(t.screen.contains("パスワード : (非表示)"), t.screen)
        try t.press("Enter")  // 確認, where the focus opens (issue 20 item 9)
        t.waitFor("申込完了")
        try t.press("Enter")
        // The login screen carries the address; the password is next (issue 20 item 15).
        t.waitFor("[shinjin@example.com")
        try t.type("Touroku-2026!")
        try t.press("Enter")
        t.waitFor("電話番号")  // two-step verification is on for the contract: enrolment begins
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // The administrator: ユーザ一覧, search, ユーザ詳細, メールアドレス変更 with the address unchanged.
        t = try client(terminal: "admin")
        try typeCredentials(t, "kanri@example.com", password)
        try enrollWithSMS(t, phone: "090-8765-4321", e164: "+819087654321")
        t.waitFor("管理コンソール")
        try t.press("Tab", "Enter")
        t.waitFor("[ ユーザ ]")
        try t.press("Enter")
        t.waitFor("検索（名前またはメールアドレス）")
        try t.type("新人")
        t.waitFor("1件")
        try t.press("Tab", "Enter")
        t.waitFor("ユーザ詳細")
        XCTAssertTrue(t.screen.contains("新人 四郎"), t.screen)
        try t.press("Enter")  // メールアドレス変更 (the first button)
        t.waitFor("ログイン方法の変更とメールアドレス変更は同時に実施できません")
        try t.press("Enter")  // 送信, the address unchanged
        t.waitFor("ログイン方法の設定変更メールを送信しました")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())
        let mails = try outbox(to: "shinjin@example.com")
        XCTAssertEqual(mails.last?.subject, "【おまかせクラウドストレージ】ログイン方法の設定変更")

        // The user opens it and switches to Google through the demo provider (EM-5).
        let change = try link(to: "shinjin@example.com", containing: "/lo/method")
        t = try client("open '\(change)'", terminal: "user")
        // §2-2 ①: ログイン方法の設定, the current method named (issue 20 item 18).
        t.waitFor("ご利用中のログイン方法: メールアドレス・パスワード")
        try t.press("Tab", "Enter")  // メールアドレス・パスワード → Googleアカウント
        t.waitFor("許可されるのを待っています")
        try t.press("Enter")  // デモ認証ページを開く
        t.waitFor("デモ認証サービス")
        try t.press("Enter")  // 許可する (デモ 花子)
        // 「変更後、ログイン画面が表示されます。」
        t.waitFor("ログイン方法を変更しました。")
        XCTAssertFalse(t.screen.contains("申込完了"), t.screen)
        try t.press("Enter")  // the focus is on Googleアカウントでログイン, the new way in
        t.waitFor("許可されるのを待っています")
        try t.press("Enter", "Enter")
        t.waitFor("メイン画面")
        XCTAssertTrue(t.screen.contains("shinjin@example.com"), t.screen)
        XCTAssertNotEqual(try monban("signin", "--db", db, "--email", "shinjin@example.com",
                                     stdin: "Touroku-2026!\n").status, 0, "the password is gone with the change")
    }
}
