import Foundation
import GRDB
import TestSupport
import XCTest

/// Issue 20 items 1, 4 and 5 through the release binary on a database `monban demo` made:
/// every demo account's authenticator QR code scans at 80×24, the login screen shows the
/// accounts and their password, `monban demo --reset` and the kiosk's idle reset bring the
/// demo back whatever a visitor changed.
final class DemoKioskTerminalTests: EndToEndTestCase {
    static let password = "Monban-Demo-2026"

    func makeDemo() throws {
        let r = try monban("demo", "--db", db)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func client(_ args: String = "", width: Int = 80, height: Int = 24) throws -> TmuxTerminal {
        try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' \(args)", width: width, height: height,
                         environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
    }

    // TF-3, issue 20 item 1: each demo account with two-step verification on reaches the
    // authenticator's QR code at 80×24, and zbarimg reads its address and key from the screen.
    func testTF3_everyDemoAccountsQRCodeScansAt80x24() throws {
        try makeDemo()
        for email in ["keiyakusha@demo.monban.example", "kanrisha@demo.monban.example", "riyousha@demo.monban.example"] {
            let t = try client()
            try typeCredentials(t, email, Self.password)
            XCTAssertTrue(t.waitFor("QRコードでの認証はこちら"), "\(email):\n\(t.screen)")
            try t.press("Tab", "Tab", "Enter")
            XCTAssertTrue(t.waitFor("Enter：パスコードの入力へ"), "\(email):\n\(t.screen)")
            let screen = t.screen
            XCTAssertFalse(screen.contains("小さすぎます"), screen)
            let uri = try ZbarDecode.decode(ZbarDecode.modules(screen: screen))
            XCTAssertTrue(uri.hasPrefix("otpauth://totp/monban:\(email)?secret="), uri)
            XCTAssertTrue(uri.hasSuffix("&issuer=monban"), uri)
        }
    }

    // Issue 20 item 5: on the demo database the login screen lists the accounts, their role and
    // two-step setting, the password, and where codes and mails arrive, all at 80×24.
    func testIssue20_loginScreenShowsTheDemoAccounts() throws {
        try makeDemo()
        let t = try client()
        XCTAssertTrue(t.waitFor("デモ用アカウント"), t.screen)
        let screen = t.screen
        for email in ["keiyakusha@demo.monban.example", "kanrisha@demo.monban.example",
                      "riyousha@demo.monban.example", "trial@demo.monban.example"] {
            XCTAssertTrue(screen.contains(email), "\(email):\n\(screen)")
        }
        XCTAssertTrue(screen.contains(Self.password), screen)
        XCTAssertTrue(screen.contains("2段階認証: 有効") && screen.contains("2段階認証: 無効"), screen)
        XCTAssertTrue(screen.contains("受信箱"), screen)
        // The form is all there too: nothing to scroll.
        XCTAssertTrue(screen.contains("Active Directoryアカウントでログイン"), screen)
        XCTAssertFalse(screen.contains(" v\n"), screen)
    }

    // Issue 20 item 5: a database `monban demo` did not make shows no accounts.
    func testIssue20_otherDatabasesShowNoDemoAccounts() throws {
        try createContract(email: "keiyaku@example.com", password: "Himitsu-2026!", twoStep: false)
        let t = try client()
        XCTAssertTrue(t.waitFor("パスワードを忘れた方は"), t.screen)
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertFalse(t.screen.contains("デモ用アカウント"), t.screen)
        XCTAssertFalse(t.screen.contains(Self.password), t.screen)
    }

    /// A visitor's change, made in the file as any flow would leave it.
    func changeContractorAddress() throws {
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "UPDATE person SET email = 'houmonsha@example.com' WHERE email = 'keiyakusha@demo.monban.example'")
        }
        try queue.close()
    }

    func contractorAddresses() throws -> [String] {
        let queue = try DatabaseQueue(path: db)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT email FROM person WHERE role = 'contractor' ORDER BY id") }
    }

    // Issue 20 item 4: `monban demo --reset` after a visitor changed the demo contractor's
    // address (it used to decide "demo database" by that address, and refused).
    func testIssue20_demoResetAfterTheContractorsAddressChanged() throws {
        try makeDemo()
        try changeContractorAddress()
        XCTAssertEqual(try contractorAddresses().first, "houmonsha@example.com")
        let plain = try monban("demo", "--db", db)
        XCTAssertEqual(plain.status, 0, "still the demo's: \(plain.stderr)")
        let r = try monban("demo", "--db", db, "--reset")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try contractorAddresses(), ["keiyakusha@demo.monban.example", "trial@demo.monban.example"])
        // A database it did not make is still refused.
        let other = dir.appendingPathComponent("other.sqlite3").path
        XCTAssertEqual(try monban("contract", "create", "--db", other, "--email", "keiyakusha@demo.monban.example",
                                  "--plan", "basic", "--password-stdin", stdin: "Himitsu-2026!\n").status, 0)
        let refused = try monban("demo", "--db", other, "--reset")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: other))
    }

    // UI-6, issue 20 item 4: on a kiosk, the idle reset puts the demo database back as it was
    // when the kiosk started: the last visitor's mail is gone, and their change with it.
    func testUI6_kioskIdleResetPutsTheDemoBack() throws {
        try makeDemo()
        let before = try outbox().count
        let config = dir.appendingPathComponent("kiosk.toml").path
        XCTAssertTrue(FileManager.default.createFile(
            atPath: config, contents: Data("[kiosk]\nidle_timeout = 3\n".utf8), attributes: [.posixPermissions: 0o600]))
        let t = try client("--kiosk --config '\(config)'")
        XCTAssertTrue(t.waitFor("パスワードを忘れた方は"), t.screen)
        Thread.sleep(forTimeInterval: 0.5)
        let clean = t.screen
        // A visitor asks for a reset mail for the trial contractor.
        try t.type("trial@demo.monban.example")
        try t.press("Tab", "Tab", "Tab", "Enter")  // the address typed: sent at once (issue 20 item 23)
        XCTAssertTrue(t.waitFor("パスワードリセット通知"), t.screen)
        XCTAssertEqual(try outbox().count, before + 1, "the visitor's mail was sent")
        // Idle: back to the login screen, and the database back to its first state.
        let deadline = Date() + 10
        while Date() < deadline, t.screen != clean { Thread.sleep(forTimeInterval: 0.2) }
        XCTAssertEqual(t.screen, clean)
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(try outbox().count, before, "the next visitor sees the last one's mail")
        XCTAssertFalse(t.exited)
    }
}
