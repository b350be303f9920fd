import Foundation
import XCTest

/// LG-4 against a real OpenID provider (Authlib, RFC 8628, RS256) on 127.0.0.1,
/// through monban's screens in a real terminal: approve, deny, expiry,
/// slow_down, a token signed by the wrong key, a subject bound to someone else.
final class OpenIDTerminalTests: EndToEndTestCase {
    let contractor = "keiyaku@example.com"
    var provider: OpenIDProvider!
    var config: String { dir.appendingPathComponent("config.toml").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        provider = try OpenIDProvider()
        try createContract(email: contractor, password: "Himitsu-2026!", twoStep: true)
        try provider.configuration().write(toFile: config, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        provider = nil
        try super.tearDownWithError()
    }

    func client(_ args: String = "") throws -> TmuxTerminal {
        try TmuxTerminal("'\(MonbanProcess.binary)' \(args) --db '\(db)' --config '\(config)'",
                         environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
    }

    /// The user code on the device-flow screen.
    func userCode(_ t: TmuxTerminal) throws -> String {
        t.waitFor("コード: ")
        let screen = t.screen
        let line = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("コード: ") }, screen)
        let code = line.components(separatedBy: "コード: ").last?.split(separator: " ").first.map(String.init)
        return try XCTUnwrap(code, screen)
    }

    /// Invites `email` and registers it with the provider's subject `sub` (US-2).
    func register(_ email: String, sub: String) throws -> TmuxTerminal {
        XCTAssertEqual(try monban("person", "invite", "--db", db, "--by", contractor, "--email", email).status, 0)
        let link = try self.link(to: email, containing: "/lo/register")
        let t = try client("open '\(link)'")
        t.waitFor("利用者ログイン登録")
        try t.press("Tab", "Tab", "Tab", "Enter")  // → Googleアカウントで登録
        t.waitFor("登録方法 : Googleアカウントで登録")
        try t.press("Enter")  // 申込確認's 確認 (issue 20 item 19)
        try provider.control("approve", ["user_code": try userCode(t), "sub": sub, "email": email])
        return t
    }

    /// From the login screen: Googleアカウントでログイン, and the user code. After a
    /// refusal the focus is still on the button: `again` presses it at once.
    func startSignIn(_ t: TmuxTerminal, again: Bool = false) throws -> String {
        t.waitFor("パスワードを忘れた方は")
        if again { try t.press("Enter") } else { try t.press("Tab", "Tab", "Tab", "Tab", "Tab", "Enter") }
        t.waitFor("許可されるのを待っています")
        return try userCode(t)
    }

    /// Issue 19 finding 14 (RFC 8628 §3.5): the provider stops answering for longer than one
    /// request's timeout while the client polls. The client slows its polling and keeps
    /// waiting, and the sign-in completes once the provider answers again (before the fix
    /// the screen went back to ログイン with "network failure").
    func testFinding14_aProviderThatStopsAnsweringForAWhileIsWaitedFor() throws {
        let r = try register("hanako@example.com", sub: "sub-hanako")
        r.waitFor("申込完了")
        let t = try client()
        let code = try startSignIn(t)
        let pid = provider.process.processIdentifier
        XCTAssertEqual(kill(pid, SIGSTOP), 0)
        Thread.sleep(forTimeInterval: 14)  // past the 10-second timeout of a request
        let during = t.screen
        XCTAssertEqual(kill(pid, SIGCONT), 0)
        XCTAssertTrue(during.contains("許可されるのを待っています"), "the sign-in ended:\n\(during)")
        try provider.control("approve", ["user_code": code, "sub": "sub-hanako", "email": "hanako@example.com"])
        XCTAssertTrue(t.waitFor("メイン画面", timeout: 45), t.screen)
    }

    func testLG4_approveSignsIn() throws {
        let r = try register("hanako@example.com", sub: "sub-hanako")
        r.waitFor("申込完了")
        let t = try client()
        try provider.control("approve", ["user_code": try startSignIn(t), "sub": "sub-hanako", "email": "hanako@example.com"])
        t.waitFor("メイン画面")
        XCTAssertTrue(t.screen.contains("hanako@example.com"), t.screen)
    }

    func testLG4_denyExpiryAndUnknownSubjectAreRefused() throws {
        let t = try client()
        try provider.control("deny", ["user_code": try startSignIn(t)])
        t.waitFor("ログインが許可されませんでした。")
        try provider.control("expire", ["user_code": try startSignIn(t, again: true)])
        t.waitFor("コードの有効期限が切れました。")
        try provider.control("approve", ["user_code": try startSignIn(t, again: true), "sub": "nobody", "email": "x@example.com"])
        t.waitFor("このアカウントは本サービスに登録されていません。")
        XCTAssertFalse(t.screen.contains("メイン画面"))
        // Every outcome is in the audit log.
        let audit = try monban("audit", "--db", db).stdout
        for outcome in ["google: the request was denied", "google: the sign-in code expired", "google: not registered"] {
            XCTAssertTrue(audit.contains(outcome), "\(outcome) not in:\n\(audit)")
        }
    }

    func testLG4_slowDownIsHonouredAndEscCancels() throws {
        _ = try register("hanako@example.com", sub: "sub-hanako").waitFor("申込完了")
        let t = try client()
        let code = try startSignIn(t)
        try provider.control("slow_down", ["user_code": code])
        Thread.sleep(forTimeInterval: 1.5)  // the poll that gets slow_down
        try provider.control("approve", ["user_code": code, "sub": "sub-hanako", "email": "hanako@example.com"])
        // The interval is now 1 + 5 s: not signed in at once, but within it.
        Thread.sleep(forTimeInterval: 2)
        XCTAssertFalse(t.screen.contains("メイン画面"), "polled again before the slowed-down interval")
        t.waitFor("メイン画面", timeout: 10)
        // Esc on a waiting sign-in goes back to the login screen.
        try t.press("Tab", "Enter")  // ログアウト
        _ = try startSignIn(t)
        try t.press("Escape")
        t.waitFor("パスワードを忘れた方は")
    }

    func testLG4_tokenSignedByTheWrongKeyIsRefused() throws {
        _ = try register("hanako@example.com", sub: "sub-hanako").waitFor("申込完了")
        let t = try client()
        for (i, mode) in ["unknown_kid", "same_kid"].enumerated() {
            let code = try startSignIn(t, again: i > 0)
            try provider.control("wrong_key", ["mode": mode])
            try provider.control("approve", ["user_code": code, "sub": "sub-hanako", "email": "hanako@example.com"])
            t.waitFor("認証サービスでエラーが発生しました")
            XCTAssertFalse(t.screen.contains("メイン画面"), mode)
            try t.press("Tab")  // the message stays until the next action; move on
            try t.press("BTab")
        }
    }

    func testUS2_subjectBoundToSomeoneElseIsRefused() throws {
        _ = try register("hanako@example.com", sub: "sub-shared").waitFor("申込完了")
        let t = try register("jiro@example.com", sub: "sub-shared")
        t.waitFor("このアカウントは既に別の利用者に登録されています。")
        XCTAssertFalse(t.screen.contains("申込完了"))
    }
}
