import Foundation
import XCTest

/// Federated sign-in in a real terminal (LG-4): the embedded demo provider, as a
/// kiosk visitor meets it — registration from the invitation link, then sign-in.
final class FederationTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"
    var config: String { dir.appendingPathComponent("config.toml").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try createContract(email: email, password: password, twoStep: true)
        try "[providers.google]\ndemo = true\n".write(toFile: config, atomically: true, encoding: .utf8)
        try markAsDemoDatabase()  // demo = true only on a demo database (issue 19 finding 6)
    }

    func client(_ args: String) throws -> TmuxTerminal {
        try TmuxTerminal("'\(MonbanProcess.binary)' \(args) --db '\(db)' --config '\(config)'",
                         environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
    }

    func testLG4_demoProviderRegistersAndSignsInAVisitor() throws {
        let r = try monban("person", "invite", "--db", db, "--by", email, "--email", "visitor@example.com",
                           "--name", "来場 者")
        XCTAssertEqual(r.status, 0, r.stderr)
        let link = try self.link(to: "visitor@example.com", containing: "/lo/register")

        // 利用者ログイン登録 → Googleアカウントで登録 → 申込確認 → the demo page → 許可する → 申込完了.
        var t = try client("open '\(link)'")
        t.waitFor("利用者ログイン登録")
        try t.press("Tab", "Tab", "Tab", "Enter")
        t.waitFor("登録方法 : Googleアカウントで登録")
        try t.press("Enter")  // 確認 (issue 20 item 19)
        t.waitFor("許可されるのを待っています")
        try t.press("Enter")  // デモ認証ページを開く
        t.waitFor("デモ認証サービス")
        try t.press("Enter")  // 許可する
        t.waitFor("申込完了")
        try t.press("Enter")
        t.waitFor("パスワードを忘れた方は")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // Sign in with it: no password, no two-step verification (LG-3 is for e-mail + password).
        t = try client("")
        t.waitFor("パスワードを忘れた方は")
        try t.press("Tab", "Tab", "Tab", "Tab", "Tab", "Enter")  // → Googleアカウントでログイン
        t.waitFor("許可されるのを待っています")
        XCTAssertTrue(t.screen.contains("█"), "the QR code of the verification URL:\n\(t.screen)")
        try t.press("Enter")  // the demo page, focus on 許可する
        t.waitFor("デモ認証サービス")
        try t.press("BTab", "BTab", "Space", "Tab", "Tab", "Enter")  // デモ 太郎, who is not registered…
        t.waitFor("このアカウントは本サービスに登録されていま")  // wrapped beside the demo panel
        try t.press("Enter")  // the focus is still on Googleアカウントでログイン
        t.waitFor("許可されるのを待っています")
        try t.press("Enter", "Enter")  // …デモ 花子 is
        t.waitFor("メイン画面")
        XCTAssertTrue(t.screen.contains("visitor@example.com"), t.screen)
        let audit = try monban("audit", "--db", db)
        XCTAssertTrue(audit.stdout.contains("identity.bound"), audit.stdout)
        XCTAssertTrue(audit.stdout.contains("sign_in.succeeded"), audit.stdout)
    }
}
