import Foundation
import XCTest

/// Issue 19 finding 3 on the release binary (TF-4, LG-3): the device token file copied to
/// another home does not skip two-step verification, and under a forced command the terminal
/// is neither offered to be remembered nor treated as remembered.
final class RememberedTerminalAttackTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try createContract(email: email, password: password, twoStep: true)
    }

    func state(_ terminal: String) -> String { dir.appendingPathComponent("state-\(terminal)").path }

    /// The client with its own state folder; SSH variables as given (empty: not under SSH).
    func client(_ terminal: String, environment: [String: String] = [:]) throws -> TmuxTerminal {
        var env = ["XDG_STATE_HOME": state(terminal), "SSH_CONNECTION": "", "SSH_ORIGINAL_COMMAND": "",
                   "SSH_USER_AUTH": ""]
        for (k, v) in environment { env[k] = v }
        return try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", environment: env)
    }

    /// Enrols SMS on terminal `a` with 「このブラウザを一定期間、記憶する」 ticked, and checks that
    /// terminal `a` itself then signs in without a second step.
    func rememberTerminalA() throws {
        let t = try client("a")
        try typeCredentials(t, email, password)
        t.waitFor("電話番号")
        try t.type("090-1234-5678")
        try t.press("Enter")
        t.waitFor("ショートメッセージに送られてきた6文字")
        XCTAssertTrue(t.screen.contains("記憶する"), t.screen)
        try t.type(try lastSMSCode(to: "+819012345678"))
        try t.press("Tab", "Space", "Tab", "Enter")  // remember ✓, ">"
        t.waitFor("リカバリコードを保存しました")
        try t.press("Space", "Tab", "Enter", "Enter")
        t.waitFor("メイン画面")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())
        let again = try client("a")
        try typeCredentials(again, email, password)
        again.waitFor("メイン画面")
        try again.press("F10")
        XCTAssertTrue(again.waitUntilExited())
    }

    /// The attack: the 32-byte token file copied into another home is replayed there.
    func testTF4_copiedDeviceTokenFromAnotherHomeIsAskedTheSecondStep() throws {
        try rememberTerminalA()
        let copy = state("b") + "/monban"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: state("a") + "/monban/device-token", toPath: copy + "/device-token")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy + "/device-token")

        let t = try client("b")
        try typeCredentials(t, email, password)
        t.waitFor("ショートメッセージに送られてきた6文字")
        XCTAssertFalse(t.screen.contains("メイン画面"), t.screen)
    }

    /// The attack: a shared account reached by a forced command, where every connection
    /// would be "the same terminal".
    func testTF4_forcedCommandNeitherOffersNorUsesTheRememberedTerminal() throws {
        try rememberTerminalA()
        // The same home and token, now as sshd's forced command.
        let forced = ["SSH_ORIGINAL_COMMAND": "monban", "SSH_CONNECTION": "192.0.2.1 50000 192.0.2.2 22"]
        let t = try client("a", environment: forced)
        try typeCredentials(t, email, password)
        t.waitFor("ショートメッセージに送られてきた6文字")
        XCTAssertFalse(t.screen.contains("記憶する"), "not offered:\n\(t.screen)")
        try t.type(try lastSMSCode(to: "+819012345678"))
        try t.press("Enter")
        t.waitFor("メイン画面")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())
        // Nothing was remembered for the forced command either.
        let next = try client("a", environment: forced)
        try typeCredentials(next, email, password)
        next.waitFor("ショートメッセージに送られてきた6文字")
    }
}
