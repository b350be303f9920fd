import Foundation
import XCTest

/// Issue 19 finding 1 through the release binary: the 受信箱 (F2) exists only on a database
/// `monban demo` created, or where the operator wrote `[client] inbox = true`; on any other
/// database it never opens before a sign-in and shows a signed-in person only their own
/// messages. The attack: at the login screen of a terminal with no config.toml, request a
/// password reset for the victim, press F2, open the reset link, take the account.
final class InboxAttackTests: EndToEndTestCase {
    let victim = "keiyaku@example.com"
    let password = "Himitsu-2026!"
    let inboxTitle = "受信箱（送信されたメール・SMS）"

    /// The client on `database` with an empty $HOME and no configuration unless `config` is given.
    func client(db database: String? = nil, config: String? = nil) throws -> TmuxTerminal {
        let home = dir.appendingPathComponent("home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let configArg = config.map { " --config '\($0)'" } ?? ""
        return try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(database ?? db)'\(configArg)", environment: [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path + "/.config", "XDG_STATE_HOME": home.path + "/.state",
            "XDG_DATA_HOME": home.path + "/.data",
        ])
    }

    /// F2 leaves the screen exactly as it was, and shows no inbox.
    func assertF2DoesNothing(_ t: TmuxTerminal, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        Thread.sleep(forTimeInterval: 0.3)
        let before = t.screen
        try t.press("F2")
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertEqual(t.screen, before, "\(what): F2 changed the screen", file: file, line: line)
        XCTAssertFalse(t.screen.contains(inboxTitle), "\(what): the inbox opened:\n\(t.screen)", file: file, line: line)
    }

    /// パスワードを忘れた方 for `email` at the login screen of `t`, up to the 送信 notice.
    func requestReset(_ t: TmuxTerminal, for email: String) throws {
        t.waitFor("パスワードを忘れた方は")
        try t.type(email)
        // パスワードを忘れた方はこちら: the address typed, the mail goes at once (issue 20 item 23).
        try t.press("Tab", "Tab", "Tab", "Enter")
        t.waitFor("パスワードリセット通知メール送信")
    }

    func writeConfig(_ text: String) -> String {
        let path = dir.appendingPathComponent("config.toml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8),
                                                     attributes: [.posixPermissions: 0o600]))
        return path
    }

    /// The victim still signs in with their own password: the account was not taken.
    func assertVictimKeepsTheAccount(file: StaticString = #filePath, line: UInt = #line) throws {
        let s = try monban("signin", "--db", db, "--email", victim, stdin: password + "\n")
        XCTAssertEqual(s.status, 0, "the victim's password no longer works: \(s.stdout) \(s.stderr)", file: file, line: line)
    }

    // MARK: The attack

    func testFinding1_noConfigurationTheResetLinkCannotBeReadAtTheScreen() throws {
        try createContract(email: victim, password: password, twoStep: true)
        let t = try client()
        try requestReset(t, for: victim)
        // The mail is queued: the operator's way (`monban outbox`) sees it.
        XCTAssertNotNil(try link(to: victim, containing: "/lo/reset?ticket="))
        try assertF2DoesNothing(t, "on the notice after the reset request")
        try t.press("Escape")
        t.waitFor("パスワードを忘れた方は")
        try assertF2DoesNothing(t, "at the login screen")
        // What the attacker would do next in the inbox (Enter on the message, Enter on its link).
        try t.press("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertFalse(t.screen.contains("リセットパスワード"), "the reset screen opened:\n\(t.screen)")
        try assertVictimKeepsTheAccount()
    }

    // MARK: Where the inbox stays

    func testFinding1_theDemoDatabaseKeepsItsInboxAtTheLoginScreen() throws {
        let demo = dir.appendingPathComponent("demo.sqlite3").path
        let r = try monban("demo", "--db", demo)
        XCTAssertEqual(r.status, 0, r.stderr)
        let t = try client(db: demo)
        t.waitFor("パスワードを忘れた方は")
        // The key bar offers F2 once the mark is read, right after the first paint.
        XCTAssertTrue(t.waitFor("F2:", timeout: 3), "the demo's key bar offers F2:\n\(t.screen)")
        try t.press("F2")
        t.waitFor(inboxTitle)
        // Every message: the visitor's invitation, to someone nobody signed in as.
        t.waitFor("raijousha@demo.monban.example")
    }

    func testFinding1_inboxTrueOpensOnlyAfterSignInOnThePersonsOwnMessages() throws {
        try createContract(email: victim, password: password, twoStep: false)
        let other = "other@example.com"
        let r = try MonbanProcess.run(
            ["contract", "create", "--db", db, "--email", other, "--plan", "basic", "--name", "他人 次郎",
             "--two-step", "off", "--password-stdin"], stdin: password + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let config = writeConfig("[client]\ninbox = true\n")
        // One message for each: the victim's reset (asked by someone else) and the other's own.
        let first = try client(config: config)
        try requestReset(first, for: victim)
        try assertF2DoesNothing(first, "before a sign-in, inbox = true")
        let second = try client(config: config)
        try requestReset(second, for: other)
        try second.press("Escape")
        second.waitFor("パスワードを忘れた方は")
        XCTAssertFalse(second.screen.contains("F2:"), "no F2 offered before a sign-in:\n\(second.screen)")
        try assertF2DoesNothing(second, "at the login screen, inbox = true")

        // Signed in as the other person: their own reset mail, never the victim's.
        let t = try client(config: config)
        try typeCredentials(t, other, password)
        t.waitFor("メイン画面")
        try t.press("F2")
        t.waitFor(inboxTitle)
        t.waitFor(other)
        XCTAssertFalse(t.screen.contains(victim), "another person's message is listed:\n\(t.screen)")
        try assertVictimKeepsTheAccount()
    }

    // MARK: The mark

    func testFinding1_onlyMonbanDemoMakesADemoDatabase() throws {
        // A production database whose contractor has the demo's first address, and a person
        // invited with the demo visitor's address: neither makes it a demo.
        try createContract(email: "keiyakusha@demo.monban.example", password: password, twoStep: false)
        // `monban demo` on a database it did not create fills nothing and marks nothing.
        _ = try monban("demo", "--db", db)
        let t = try client()
        try requestReset(t, for: "keiyakusha@demo.monban.example")
        try t.press("Escape")
        t.waitFor("パスワードを忘れた方は")
        XCTAssertFalse(t.screen.contains("F2:"), "F2 offered on a database monban demo did not create:\n\(t.screen)")
        try assertF2DoesNothing(t, "a database with the demo's addresses")
    }

    // MARK: The operator hears where messages go

    func testFinding1_anUndeliveredDatabaseIsToldToTheOperatorOnStandardError() throws {
        try createContract(email: victim, password: password, twoStep: false)
        let demo = dir.appendingPathComponent("demo.sqlite3").path
        XCTAssertEqual(try monban("demo", "--db", demo).status, 0)
        // Standard error to a log (a kiosk's journal): told as soon as the database answered,
        // after the first paint; nothing of it on the screen.
        for (database, told) in [(db, true), (demo, false)] {
            let log = dir.appendingPathComponent("stderr-\(UUID().uuidString).log").path
            let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(database)' 2>'\(log)'", environment: [
                "HOME": dir.path + "/home", "XDG_STATE_HOME": dir.path + "/home/.state"])
            t.waitFor("パスワードを忘れた方は")
            var text = ""
            for _ in 0..<50 where !text.contains("monban:") {
                Thread.sleep(forTimeInterval: 0.1)
                text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            }
            if told {
                XCTAssertTrue(text.contains("messages will wait in the outbox: no [smtp] or [sms]"), text)
            } else {
                XCTAssertFalse(text.contains("messages will wait"), "the demo's messages are its inbox's: \(text)")
            }
            XCTAssertFalse(t.screen.contains("outbox"), "nothing of it for the person at the screen:\n\(t.screen)")
        }
        // Standard error on the screen's own terminal: told once the screen is left, where it stays.
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'; sleep 30", environment: [
            "HOME": dir.path + "/home", "XDG_STATE_HOME": dir.path + "/home/.state"])
        t.waitFor("パスワードを忘れた方は")
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertFalse(t.screen.contains("outbox"), "nothing of it for the person at the screen:\n\(t.screen)")
        try t.press("F10")
        t.waitFor("messages will wait in the outbox")
    }
}
