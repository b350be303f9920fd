import Foundation
import XCTest

/// The release (or debug) binary in a real terminal at 80×24, driven by keys as a
/// person would type them (issue 3's "done when").
final class ClientTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try createContract(email: email, password: password, twoStep: false)
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

    /// Issue 20 item 6 (UI-2): Home and End move in a field under tmux with
    /// TERM=xterm-256color, where tmux sends ESC[1~ and ESC[4~, which that terminfo entry does
    /// not name.
    func testHomeAndEndUnderTmux() throws {
        let t = try client()
        t.waitFor("パスワードを忘れた方はこちら")
        try t.type("bc@example.co")
        try t.press("Home")
        try t.type("a")
        try t.press("End")
        try t.type("m")
        t.waitFor("abc@example.com")
    }

    /// What a person sees, in each language (UI-4).
    struct Words {
        var lang: String
        var loginScreen: String      // only on the login screen
        var wrong: String
        var locked: String
        var unlocked: String
        var forgotScreen: String
        var sent: String
        var reset: String
        var policyText: String
        var policyRefused: String
        var resetDone: String
        var main: String

        static let ja = Words(
            lang: "", loginScreen: "パスワード変更、その他契約情報の変更はこちら",
            wrong: "メールアドレスまたはパスワードが正しくありません。",
            locked: "パスワードを10回間違えたため、アカウントがロックされました。",
            unlocked: "アカウントロックを解除しました。", forgotScreen: "ご登録のメールアドレスを入力し",
            sent: "パスワードリセット通知メール送信", reset: "リセットパスワード",
            policyText: "パスワードは英大文字、英小文字、数字、記号から3種類以上を含め8文字以上で",
            policyRefused: "入力されたパスワードは条件を満たしていません", resetDone: "パスワード変更完了", main: "メイン画面")
        static let en = Words(
            lang: "--lang en", loginScreen: "To change your password or other contract details",
            wrong: "The e-mail address or password is incorrect.",
            locked: "The password was wrong 10 times, so the account is locked.",
            unlocked: "The account is unlocked.", forgotScreen: "Enter your registered e-mail address",
            sent: "Password-reset e-mail sent", reset: "Reset password",
            policyText: "Use at least 8 characters, including at least 3 of",
            policyRefused: "The password does not meet the rule", resetDone: "Password changed", main: "Main screen")
    }

    func testLK1_tenWrongPasswordsLockAndTheMailedLinkUnlocks() throws { try lockAndUnlock(.ja) }
    func testLK1_lockAndUnlockInEnglish() throws { try lockAndUnlock(.en) }
    func testPW2_resetLinkSetsANewPasswordAndThePolicyIsShown() throws { try reset(.ja) }
    func testPW2_resetInEnglish() throws { try reset(.en) }

    func lockAndUnlock(_ w: Words) throws {
        let t = try client(w.lang)
        t.waitFor(w.loginScreen)
        try t.type(email)
        try t.press("Tab")
        for i in 1...10 {
            // A refused password is cleared and focus stays in the field: type the next one.
            try t.type("Wrong-\(i)!")
            try t.press("Enter")
            if i == 1 { t.waitFor(w.wrong) }
        }
        t.waitFor(w.locked)
        let link = try link(to: email, containing: "/lo/unblock?ticket=")
        // monban open URL starts the client on the link's screen.
        let opener = try TmuxTerminal("'\(MonbanProcess.binary)' open --db '\(db)' \(w.lang) '\(link)'")
        opener.waitFor(w.unlocked)
        try opener.press("F10")
        XCTAssertTrue(opener.waitUntilExited())
        // Back on the first terminal: the address is kept, focus on the password.
        try t.press("Escape")
        t.waitFor(w.loginScreen)
        try t.type(password)
        try t.press("Enter")
        t.waitFor(w.main)
    }

    func reset(_ w: Words) throws {
        let t = try client(w.lang)
        t.waitFor(w.loginScreen)
        try t.type(email)
        // パスワードを忘れた方はこちら with the address typed: the mail goes to it at once
        // (§6-2 (1)(2), issue 20 item 23).
        try t.press("Tab", "Tab", "Tab", "Enter")
        t.waitFor(w.sent)
        XCTAssertFalse(t.screen.contains(w.forgotScreen), t.screen)
        let link = try link(to: email, containing: "/lo/reset?ticket=")
        let r = try TmuxTerminal("'\(MonbanProcess.binary)' open --db '\(db)' \(w.lang) '\(link)'")
        r.waitFor(w.reset)
        XCTAssertTrue(r.screen.contains(w.policyText), r.screen)
        try r.type("password")
        try r.press("Tab")
        try r.type("password")
        try r.press("Enter")
        r.waitFor(w.policyRefused)
        try r.type("Atarashii-2026")
        try r.press("Tab")
        try r.type("Atarashii-2026")
        try r.press("Enter")
        r.waitFor(w.resetDone)
        try r.press("Enter")  // ログイン画面へ
        r.waitFor(w.loginScreen)
        try signIn(r, password: "Atarashii-2026")
        r.waitFor(w.main)
    }

    /// UI-4: the Linux console starts in English and says how to force Japanese.
    func testUI4_linuxConsoleStartsInEnglish() throws {
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", environment: ["TERM": "linux"])
        t.waitFor("Forgot your password?")
        XCTAssertTrue(t.screen.contains("--lang ja"), t.screen)
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

    /// A terminal that cannot move the cursor (TERM=dumb) gets one line saying what to set and
    /// a non-zero exit status, not a half-drawn screen (issue 22).
    func testATerminalThatCannotMoveTheCursorIsToldWhatToSet() throws {
        let t = try TmuxTerminal("env TERM=dumb '\(MonbanProcess.binary)' --db '\(db)'; echo \"exit status $?\"; sleep 30")
        t.waitFor("exit status 1")
        let screen = t.screen
        XCTAssertTrue(screen.contains("monban: terminal type \"dumb\" cannot move the cursor"), screen)
        XCTAssertTrue(screen.contains("set TERM to the terminal's own type"), screen)
        XCTAssertFalse(screen.contains("門番"), "a screen was drawn:\n\(screen)")
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
