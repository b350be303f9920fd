import Foundation
import GRDB
import XCTest

extension EndToEndTestCase {
    /// Marks this test's database as `monban demo` would (issue 19 finding 6), for tests of the
    /// embedded demo provider on a database the test made with its own accounts.
    func markAsDemoDatabase() throws {
        if let sharedStore {
            try sharedStore.psql("INSERT INTO database_mark (name, set_at) VALUES ('demo', 0) ON CONFLICT DO NOTHING;")
            return
        }
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO database_mark (name, set_at) VALUES ('demo', 0)")
        }
    }
}

/// Issue 19 finding 6 on the release binary (LG-4): `demo = true` lets anyone at the terminal
/// approve as one of three fixed demo identities, so it is refused on a database `monban demo`
/// did not make, and where it is used every screen offering the services says so.
final class DemoProviderTests: EndToEndTestCase {
    var config: String { dir.appendingPathComponent("config.toml").path }
    var state: [String: String] { ["XDG_STATE_HOME": dir.appendingPathComponent("state").path] }

    /// The attack: a production database with `demo = true` in the client's configuration; at
    /// any terminal, Googleアカウントでログイン → the demo page → 許可する as a demo identity.
    func testFinding6_aDemoProviderOnAProductionDatabaseIsRefusedAtStart() throws {
        try createContract(email: "keiyaku@example.com", password: "Himitsu-2026!", twoStep: true)
        try "[providers.google]\ndemo = true\n".write(toFile: config, atomically: true, encoding: .utf8)
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' --config '\(config)'", environment: state)
        XCTAssertTrue(t.waitUntilExited(), "the client must not start:\n\(t.screen)")
        XCTAssertFalse(t.screen.contains("パスワードを忘れた方は"), t.screen)
        // The whole message, unwrapped: the section, the database, the ways out.
        let r = try MonbanProcess.run(["--db", db, "--config", config], environment: state)
        XCTAssertEqual(r.status, 1, r.stderr)
        for part in ["[providers.google] demo = true", "a database made by 'monban demo'", db, "Remove demo = true"] {
            XCTAssertTrue(r.stderr.contains(part), "\(part) missing from: \(r.stderr)")
        }
    }

    /// On the demo database the login screen says the services are the demo's.
    func testFinding6_theDemoDatabaseSaysItsServicesAreTheDemos() throws {
        let demo = dir.appendingPathComponent("demo.sqlite3").path
        let made = try MonbanProcess.run(["demo", "--db", demo])
        XCTAssertEqual(made.status, 0, made.stderr)
        let demoConfig = dir.appendingPathComponent("demo.config.toml").path
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(demo)' --config '\(demoConfig)'", environment: state)
        t.waitFor("パスワードを忘れた方は")
        // Beside the demo's accounts (issue 20 item 5) the form is 46 columns wide: the note
        // wraps after 「実際のアカウントで」.
        XCTAssertTrue(t.waitFor("※デモ用の認証サービスです。実際のアカウントで"), t.screen)
        XCTAssertTrue(t.screen.contains("はログインできません。"), t.screen)
        try t.press("F10")
        XCTAssertTrue(t.waitUntilExited())
    }
}
