import Foundation
import GRDB
import XCTest

/// The signed-in client through the real binary: signed out after the configured
/// idle time (ASVS 7.3.1); `monban demo` never touches a database it did not make.
final class SessionTerminalTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    func testIdleSignOutAfterTheConfiguredTime() throws {
        try createContract(email: email, password: password, twoStep: false)
        let config = dir.appendingPathComponent("config.toml").path
        try "[client]\nidle_sign_out = 2\n".write(toFile: config, atomically: true, encoding: .utf8)
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' --config '\(config)'",
                                 environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
        try typeCredentials(t, email, password)
        t.waitFor("メイン画面")
        t.waitFor("一定時間操作がなかったため、ログアウトしました。", timeout: 8)
        XCTAssertFalse(t.screen.contains("メイン画面"), t.screen)
        XCTAssertFalse(t.screen.contains(email), "nothing of the last person stays:\n\(t.screen)")
    }

    func testDemoNeverFillsOrDeletesADatabaseItDidNotMake() throws {
        try createContract(email: email, password: password, twoStep: false)
        func people() throws -> [String] {
            try DatabaseQueue(path: db).read { try String.fetchAll($0, sql: "SELECT email FROM person ORDER BY id") }
        }
        let before = try people()
        var r = try monban("demo", "--db", db)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is not a demo database"), r.stderr)
        r = try monban("demo", "--db", db, "--reset")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: db), "--reset deleted a real database")
        XCTAssertEqual(try people(), before, "no demo account with its published password was added")
        // Its own: made, and reset.
        let demo = dir.appendingPathComponent("demo.sqlite3").path
        XCTAssertEqual(try monban("demo", "--db", demo).status, 0)
        XCTAssertEqual(try monban("demo", "--db", demo, "--reset").status, 0)
    }
}
