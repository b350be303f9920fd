import Foundation
import TestSupport
import XCTest

/// Two-step verification through the real binary in a real terminal (issue 4's
/// "done when"): the QR code is read back from the captured screen with
/// zbarimg, the code computed with oathtool, the SMS code taken from
/// `monban outbox --json`, and everything typed as a person would.
final class TwoStepTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try createContract(email: email, password: password, twoStep: true)
    }

    /// The client on this test's database; `terminal` names the client's state
    /// directory, i.e. which terminal (device token) this is.
    func client(_ args: String = "", terminal: String = "a", width: Int = 80, height: Int = 24) throws -> TmuxTerminal {
        let state = dir.appendingPathComponent("state-\(terminal)").path
        return try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' \(args)", width: width, height: height,
                                environment: ["XDG_STATE_HOME": state])
    }

    func signIn(_ t: TmuxTerminal, ready: String = "パスワードを忘れた方は") throws {
        t.waitFor(ready)
        try t.type(email)
        try t.press("Tab")
        try t.type(password)
        try t.press("Enter")
    }

    // MARK: Helpers: the QR code, oathtool, the outbox

    /// The QR code on the captured screen, decoded by zbarimg: every character
    /// other than ▀ ▄ █ (text beside or under the code) counts as light.
    func decodeQR(_ screen: String) throws -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.map { "█▀▄".contains($0) ? $0 : " " })
        }
        return try ZbarDecode.decode(ZbarDecode.modules(halfBlockLines: lines))
    }

    func parameter(_ name: String, of uri: String) -> String? {
        URLComponents(string: uri)?.queryItems?.first { $0.name == name }?.value
    }

    /// `oathtool --totp -b SECRET`: the code an authenticator app shows now.
    func oathtool(_ secret: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try XCTUnwrap(ZbarDecode.findOnPath("oathtool"), "install oathtool"))
        p.arguments = ["--totp", "-b", secret]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The six digits of the last SMS to `number`.
    func smsCode(to number: String) throws -> String { try lastSMSCode(to: number) }

    /// The recovery code on the screen: six groups of four.
    func recoveryCode(_ screen: String) throws -> String {
        let pattern = try NSRegularExpression(pattern: "[A-Z2-9]{4}( [A-Z2-9]{4}){5}")
        let range = NSRange(screen.startIndex..., in: screen)
        let match = try XCTUnwrap(pattern.firstMatch(in: screen, range: range), "no recovery code on:\n\(screen)")
        return String(screen[try XCTUnwrap(Range(match.range, in: screen))])
    }

    // MARK: TF-3: the authenticator route

    struct Words {
        var lang = ""
        var login = "パスワードを忘れた方は"
        var qrLink = "QRコードでの認証はこちら"
        var overlay = "Enter：パスコードの入力へ"
        var codeField = "6桁のパスコード"
        var saved = "リカバリコードを保存しました"
        var done = "2段階認証完了"
        var main = "メイン画面"
        static let ja = Words()
        static let en = Words(lang: "--lang en", login: "Forgot your password?", qrLink: "Use an authenticator app (QR code)",
                              overlay: "Enter: type the code", codeField: "6-digit code", saved: "I have saved the recovery code",
                              done: "Two-step verification complete", main: "Main screen")
    }

    /// Signs a new person in through the authenticator: scan, oathtool, code,
    /// recovery code ticked, 完了, main screen. `fullScreen`: the terminal is too
    /// small for the code beside the form, so it comes alone first.
    func enrollWithAuthenticator(width: Int, height: Int, fullScreen: Bool, _ w: Words) throws {
        let t = try client(w.lang, width: width, height: height)
        try signIn(t, ready: w.login)
        t.waitFor(w.qrLink)
        try t.press("Tab", "Tab", "Enter")  // phone → ">" → QRコードでの認証はこちら
        t.waitFor(fullScreen ? w.overlay : w.codeField)
        let screen = t.screen
        let uri = try decodeQR(screen)
        XCTAssertTrue(uri.hasPrefix("otpauth://totp/monban:\(email)?secret="), uri)
        XCTAssertTrue(uri.hasSuffix("&issuer=monban"), uri)
        let secret = try XCTUnwrap(parameter("secret", of: uri))
        XCTAssertEqual(secret.count, 32, "160 bits")
        XCTAssertTrue(screen.contains(String(secret.prefix(4)) + " " + String(secret.dropFirst(4).prefix(4))),
                      "the key is printed in groups of four:\n\(screen)")
        if fullScreen {
            try t.press("Enter")
            t.waitFor(w.codeField)
        }
        try t.type(try oathtool(secret))
        try t.press("Enter")
        t.waitFor(w.saved)
        _ = try recoveryCode(t.screen)
        try t.press("Space", "Tab", "Enter")
        t.waitFor(w.done)
        try t.press("Enter")
        t.waitFor(w.main)
        XCTAssertTrue(t.screen.contains(email), t.screen)
    }

    /// Issue 22 item 4 (PK-1): a terminal that draws ▀ ▄ █ two cells wide (a tmux whose wcwidth says
    /// so), and no --wide-qr: the client asks the terminal after its first paint and draws the
    /// QR code two cells per module (reverse-video spaces), so no half block is on the screen.
    func testAWideBlockTerminalGetsTheWideQRCodeWithoutTheOption() throws {
        let library = try DoctorTests.wideBlocksLibrary(in: dir)
        let state = dir.appendingPathComponent("state-wide").path
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", width: 160, height: 64,
                                 environment: ["XDG_STATE_HOME": state, "LD_PRELOAD": ""],
                                 serverEnvironment: ["LD_PRELOAD": library])
        try signIn(t)
        t.waitFor(Words.ja.qrLink)
        try t.press("Tab", "Tab", "Enter")
        let deadline = Date() + 10
        while Date() < deadline, !t.screen.contains(Words.ja.codeField) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let screen = t.screen
        XCTAssertTrue(screen.contains(Words.ja.codeField), screen)
        XCTAssertFalse(screen.contains { "▀▄█".contains($0) }, "half blocks drawn on a terminal that draws them wide:\n\(screen)")
        let styled = try t.tmux(["capture-pane", "-p", "-e", "-t", t.session])
        XCTAssertTrue(styled.contains("\u{1b}[7m"), "the wide QR code is drawn in reverse video")
    }

    func testTF3_authenticatorAt80x24() throws {
        try enrollWithAuthenticator(width: 80, height: 24, fullScreen: true, .ja)
    }

    func testTF3_authenticatorAt100x40() throws {
        try enrollWithAuthenticator(width: 100, height: 40, fullScreen: false, .ja)
    }

    func testTF3_authenticatorInEnglish() throws {
        try enrollWithAuthenticator(width: 80, height: 24, fullScreen: true, .en)
    }

    // MARK: TF-2, TF-4, TF-6: SMS, the remembered terminal, the recovery code

    func testTF2_TF4_TF6_smsRememberAndRecoveryCode() throws {
        // Enrol with SMS on terminal "a", ticking "remember".
        var t = try client(terminal: "a")
        try signIn(t)
        t.waitFor("電話番号")
        try t.type("090-1234-5678")
        try t.press("Enter")
        t.waitFor("ショートメッセージに送られてきた6文字")
        XCTAssertTrue(t.screen.contains("********5678"), t.screen)
        try t.type(try smsCode(to: "+819012345678"))
        try t.press("Tab", "Space", "Tab", "Enter")  // このブラウザを一定期間、記憶する ✓, ">"
        t.waitFor("リカバリコードを保存しました")
        let first = try recoveryCode(t.screen)
        try t.press("Space", "Tab", "Enter", "Enter")
        t.waitFor("メイン画面")
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())

        // TF-4: the device token is private, and the same terminal signs in without a second step.
        let token = dir.appendingPathComponent("state-a/monban/device-token").path
        let mode = try FileManager.default.attributesOfItem(atPath: token)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
        t = try client(terminal: "a")
        try signIn(t)
        t.waitFor("メイン画面")
        try t.press("F10")

        // Another terminal is asked; TF-6: "デバイスを紛失した場合はこちら" with the code as copied.
        t = try client(terminal: "b")
        try signIn(t)
        t.waitFor("ショートメッセージに送られてきた6文字")
        try t.press("Tab", "Tab", "Tab", "Tab", "Enter")  // remember, >, 再送信, こちら
        t.waitFor("リカバリーコードを入力し")
        try t.type(first.lowercased().replacingOccurrences(of: " ", with: "-"))
        try t.press("Enter")
        t.waitFor("リカバリコードを保存しました")
        let second = try recoveryCode(t.screen)
        XCTAssertNotEqual(first, second, "a new recovery code is shown")
        try t.press("Space", "Tab", "Enter", "Enter")
        t.waitFor("メイン画面")
        try t.press("F10")

        // The old code is dead; the new one works.
        t = try client(terminal: "c")
        try signIn(t)
        t.waitFor("ショートメッセージに送られてきた6文字")
        try t.press("Tab", "Tab", "Tab", "Tab", "Enter")
        t.waitFor("リカバリーコードを入力し")
        try t.type(first)
        try t.press("Enter")
        t.waitFor("認証コードが正しくありません。")
        try t.type(second)
        try t.press("Enter")
        t.waitFor("リカバリコードを保存しました")
        XCTAssertFalse(t.screen.contains(second), "the used code is replaced")
    }
}
