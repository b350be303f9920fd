import Foundation
import XCTest

/// The release (or debug) binary in a real terminal at 80×24, driven by keys as a
/// person would type them (issue 3's "done when").
final class ClientTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    override func setUpWithError() throws {
        try super.setUpWithError()
        let r = try monban("contract", "create", "--db", db, "--email", email, "--plan", "basic", "--name", "門番 太郎",
                           "--password-stdin", stdin: password + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func client(_ args: String = "", width: Int = 80, height: Int = 24) throws -> TmuxTerminal {
        try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' \(args)", width: width, height: height)
    }

    func signIn(_ t: TmuxTerminal, password: String) throws {
        try t.type(email)
        try t.press("Tab")
        try t.type(password)
        try t.press("Enter")
    }

    func testLG2_signInReachesTheMainScreen() throws {
        let t = try client()
        t.waitFor("パスワードを忘れた方はこちら")
        try signIn(t, password: password)
        t.waitFor("メイン画面")
        XCTAssertTrue(t.screen.contains("門番 太郎 <\(email)>"), t.screen)
        XCTAssertFalse(t.screen.contains(password), "the password never shows")
    }

    func testLK1_tenWrongPasswordsLockAndTheMailedLinkUnlocks() throws {
        let t = try client()
        t.waitFor("ログイン")
        try t.type(email)
        try t.press("Tab")
        for i in 1...10 {
            // A refused password is cleared and focus stays in the field: type the next one.
            try t.type("Wrong-\(i)!")
            try t.press("Enter")
            if i == 1 { t.waitFor("メールアドレスまたはパスワードが正しくありません。") }
        }
        t.waitFor("パスワードを10回間違えたため、アカウントがロックされました。")
        let link = try link(to: email, containing: "/lo/unblock?ticket=")
        // monban open URL starts the client on the link's screen.
        let opener = try TmuxTerminal("'\(MonbanProcess.binary)' open --db '\(db)' '\(link)'")
        opener.waitFor("アカウントロックを解除しました。")
        try opener.press("F10")
        XCTAssertTrue(opener.waitUntilExited())
        // Back on the first terminal: sign in with the right password.
        try t.press("Escape")  // back to the login screen: the address is kept, focus on the password
        t.waitFor("パスワード変更、その他契約情報の変更はこちら")
        try t.type(password)
        try t.press("Enter")
        t.waitFor("メイン画面")
    }

    func testPW2_resetLinkSetsANewPasswordAndThePolicyIsShown() throws {
        let t = try client()
        t.waitFor("ログイン")
        try t.type(email)
        try t.press("Tab", "Tab", "Tab", "Enter")  // パスワードを忘れた方はこちら
        t.waitFor("パスワードを忘れた方")
        try t.press("Enter")  // 送信 (the address is carried over)
        t.waitFor("パスワードリセット通知メール送信")
        let link = try link(to: email, containing: "/lo/reset?ticket=")
        let r = try TmuxTerminal("'\(MonbanProcess.binary)' open --db '\(db)' '\(link)'")
        r.waitFor("リセットパスワード")
        XCTAssertTrue(r.screen.contains("パスワードは英大文字、英小文字、数字、記号から3種類以上を含め8文字以上で"))
        try r.type("password")
        try r.press("Tab")
        try r.type("password")
        try r.press("Enter")
        r.waitFor("入力されたパスワードは条件を満たしていません")
        try r.type("Atarashii-2026")
        try r.press("Tab")
        try r.type("Atarashii-2026")
        try r.press("Enter")
        r.waitFor("パスワード変更完了")
        try r.press("Enter")  // ログイン画面へ
        r.waitFor("パスワードを忘れた方はこちら")
        try signIn(r, password: "Atarashii-2026")
        r.waitFor("メイン画面")
    }

    func testUI4_englishFlows() throws {
        let t = try client("--lang en")
        t.waitFor("Forgot your password?")
        try signIn(t, password: "Wrong-1!")
        t.waitFor("The e-mail address or password is incorrect.")
        try t.type(password)
        try t.press("Enter")
        t.waitFor("Main screen")
    }

    func testUI3_resizeToTwentyByFiveAndBack() throws {
        let t = try client()
        t.waitFor("パスワードを忘れた方はこちら")
        try t.resize(width: 20, height: 5)
        t.waitFor("画面が小さすぎます")
        try t.resize(width: 80, height: 24)
        t.waitFor("パスワードを忘れた方はこちら")
    }

    /// UI-5: the terminal is sane after F10, Ctrl-C and SIGTERM.
    func testUI5_terminalIsRestored() throws {
        for how in ["F10", "C-c", "TERM"] {
            let before = dir.appendingPathComponent("before-\(how)").path
            let after = dir.appendingPathComponent("after-\(how)").path
            let t = try TmuxTerminal(
                "sh -c \"trap : INT TERM; stty -a > '\(before)'; '\(MonbanProcess.binary)' --db '\(db)'; stty -a > '\(after)'; sleep 30\"")
            t.waitFor("パスワードを忘れた方はこちら")
            if how == "TERM" {
                let pids = try MonbanProcess.runShell("pgrep -f -- \"monban --db \(db)\" | head -1")
                let pid = pids.trimmingCharacters(in: .whitespacesAndNewlines)
                XCTAssertFalse(pid.isEmpty)
                _ = try MonbanProcess.runShell("kill -TERM \(pid)")
            } else {
                try t.press(how)
            }
            let deadline = Date() + 10
            while !FileManager.default.fileExists(atPath: after) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            Thread.sleep(forTimeInterval: 0.2)
            let b = try String(contentsOfFile: before, encoding: .utf8)
            let a = try String(contentsOfFile: after, encoding: .utf8)
            XCTAssertEqual(a, b, "stty -a differs after \(how)")
        }
    }
}

extension MonbanProcess {
    static func runShell(_ command: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self)
    }
}
