import Foundation
import GRDB
import XCTest

/// Issue 19 finding 5 on the release binary (LG-3, LG-6): the line-authentication entrance,
/// which replaces two-step verification, is chosen by the operator in a configuration only
/// root can write, never on the command line.
final class LineEntranceTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"
    let registered = "CAF0000000001"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try createContract(email: email, password: password, twoStep: true)
        // The contractor registered the office's line (LA-2), as the 管理コンソール would.
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO line (contract_id, position, number) SELECT id, 1, ? FROM contract",
                           arguments: [registered])
        }
    }

    var state: [String: String] { ["XDG_STATE_HOME": dir.appendingPathComponent("state").path] }

    /// A configuration in its own folder that sets `[client] line`.
    func lineConfiguration(mode: Int = 0o644, folderMode: Int = 0o755) throws -> String {
        let folder = dir.appendingPathComponent("etc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml").path
        try "[client]\nline = \"\(registered)\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        try FileManager.default.setAttributes([.posixPermissions: folderMode], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        return file
    }

    /// The attack: anyone who can start the client names a registered line (line numbers are
    /// not secret) and signs in with the password alone, past two-step verification.
    func testFinding5_aLineOnTheCommandLineIsRefused() throws {
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' --route line --line \(registered)",
                                 environment: state)
        XCTAssertTrue(t.waitUntilExited(), t.screen)
        XCTAssertFalse(t.screen.contains("回線認証用ログイン"), t.screen)
        XCTAssertTrue(t.screen.contains("[client] line"), "the refusal names the configuration key:\n\(t.screen)")
        for args in [["--db", db, "--route", "line", "--line", registered], ["client", "--db", db, "--line", registered],
                     ["--db", db, "--route", "internet"]] {
            let r = try MonbanProcess.run(args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("[client] line"), "\(args): \(r.stderr)")
        }
    }

    /// A configuration the person can change does not choose the line.
    func testFinding5_aConfigurationOthersThanRootCanWriteIsRefused() throws {
        var files = [try lineConfiguration(mode: 0o666), try lineConfiguration(mode: 0o664),
                     try lineConfiguration(folderMode: 0o777)]
        if getuid() == 0 {
            let owned = try lineConfiguration()
            XCTAssertEqual(chown(owned, 1000, 1000), 0)
            files.append(owned)
        } else {
            // Not root: the account's own file is one it can write.
            files.append(try lineConfiguration(mode: 0o600, folderMode: 0o700))
        }
        for file in files {
            let r = try MonbanProcess.run(["--db", db, "--config", file], environment: state)
            XCTAssertEqual(r.status, 1, "\(file): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("sets [client] line, which only the operator may set"), r.stderr)
        }
    }

    /// The operator's way: a root-owned configuration that only root can write.
    func testFinding5_aRootOwnedConfigurationSetsTheLine() throws {
        guard getuid() == 0 else { throw XCTSkip("a root-owned configuration needs the test to run as root") }
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' --config '\(try lineConfiguration())'",
                                 environment: state)
        t.waitFor("回線認証用ログイン（回線番号: \(registered)）")
        try typeCredentials(t, email, password)
        t.waitFor("メイン画面")
        XCTAssertFalse(t.screen.contains("2段階認証"), t.screen)
    }
}
