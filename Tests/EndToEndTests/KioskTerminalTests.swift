import Foundation
import XCTest

/// UI-6 in a real terminal: `--kiosk` with a 2-second idle timeout from
/// config.toml. A visitor's half-typed address is gone after the timeout; F10,
/// Ctrl-C, Ctrl-Z and Ctrl-\ do nothing.
final class KioskTerminalTests: EndToEndTestCase {
    func kiosk(_ extra: String = "") throws -> (TmuxTerminal, clean: String) {
        try createContract(email: "keiyaku@example.com", password: "Himitsu-2026!", twoStep: false)
        let config = dir.appendingPathComponent("kiosk.toml").path
        XCTAssertTrue(FileManager.default.createFile(
            atPath: config, contents: Data("[kiosk]\nidle_timeout = 2\n".utf8), attributes: [.posixPermissions: 0o600]))
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --kiosk --db '\(db)' --config '\(config)' \(extra)")
        t.waitFor("パスワードを忘れた方は")
        Thread.sleep(forTimeInterval: 0.3)
        return (t, t.screen)
    }

    /// Waits until the screen is exactly `expected` (up to `timeout` s).
    func waitForScreen(_ t: TmuxTerminal, _ expected: String, timeout: Double = 6, _ what: String) {
        let deadline = Date() + timeout
        while Date() < deadline {
            if t.screen == expected { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("\(what): the screen is\n\(t.screen)\nnot\n\(expected)")
    }

    func testUI6_idleTimeoutBringsBackACleanLoginScreen() throws {
        let (t, clean) = try kiosk()
        XCTAssertFalse(clean.contains("F10"), "the footer offers no way out:\n\(clean)")
        try t.type("raijousha@demo.mon")  // half an address
        t.waitFor("raijousha@demo.mon")
        let started = Date()
        waitForScreen(t, clean, "after the idle timeout")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1.5, "not before the timeout")
        XCTAssertFalse(t.screen.contains("raijousha"))

        // Deeper in: パスワードを忘れた方は → its screen, an address typed, then idle.
        try t.press("Tab", "Tab", "Tab", "Enter")
        t.waitFor("ご登録のメールアドレスを入力し")
        try t.type("visitor@example.com")
        t.waitFor("visitor@example.com")
        waitForScreen(t, clean, "from the forgot-password screen")
        // Typing keeps it from resetting: a key every second for 3 s.
        for ch in ["a", "b", "c"] {
            try t.type(ch)
            Thread.sleep(forTimeInterval: 1)
        }
        XCTAssertTrue(t.screen.contains("abc"), "reset while the visitor was typing:\n\(t.screen)")
        waitForScreen(t, clean, "after typing stopped")
    }

    func testUI6_noKeyLeavesTheClient() throws {
        let (t, _) = try kiosk()
        try t.type("half@typ")
        t.waitFor("half@typ")
        let before = t.screen
        for key in ["F10", "C-c", "C-z", "C-\\"] {
            try t.press(key)
            Thread.sleep(forTimeInterval: 0.4)
            XCTAssertFalse(t.exited, "\(key) ended the kiosk")
            XCTAssertEqual(t.screen, before, "\(key) changed the screen")
        }
        // Esc on the login screen stays there too.
        try t.press("Escape")
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertFalse(t.exited)
        // The process is still the kiosk, answering keys.
        try t.type("x")
        t.waitFor("half@typx")
        // SIGTERM (systemd stopping the unit) still ends it cleanly.
        let pid = try XCTUnwrap(t.pid)
        kill(pid, SIGTERM)
        XCTAssertTrue(t.waitUntilExited(), "SIGTERM ends the kiosk")
    }
}
