import Foundation
import GRDB
import XCTest

/// Issue 19 finding 5 on the release binary (LG-3, LG-6): the line-authentication entrance,
/// which replaces two-step verification, is read from one fixed system file only root can
/// write — never from the command line, the environment or a configuration the client is
/// pointed at.
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

    /// A root-owned configuration in a root-owned folder nobody else can write: before this
    /// fix, such a file could name the line, and the person starting the client chose which.
    func rootOwnedConfiguration(_ text: String) throws -> String {
        let folder = dir.appendingPathComponent("etc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
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
        for args in [["--db", db, "--route", "line", "--line", registered], ["client", "--db", db, "--line", registered],
                     ["--db", db, "--route", "internet"]] {
            let r = try MonbanProcess.run(args, environment: state)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("Unknown option"), "\(args): \(r.stderr)")
        }
    }

    /// The same attack through a configuration file: `--config` (or XDG_CONFIG_HOME) points the
    /// client at any file, including another root-owned one that names a line. No configuration
    /// names the line any more; one that tries is refused, naming the system file.
    func testFinding5_noConfigurationNamesTheLine() throws {
        let file = try rootOwnedConfiguration("[client]\nline = \"\(registered)\"\n")
        let r = try MonbanProcess.run(["--db", db, "--config", file], environment: state)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("[client] line is no longer read"), r.stderr)
        XCTAssertTrue(r.stderr.contains("/etc/monban/line"), r.stderr)

        let folder = dir.appendingPathComponent("xdg/monban")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "[client]\nline = \"\(registered)\"\n".write(to: folder.appendingPathComponent("config.toml"),
                                                          atomically: true, encoding: .utf8)
        var environment = state
        environment["XDG_CONFIG_HOME"] = dir.appendingPathComponent("xdg").path
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", environment: environment)
        XCTAssertTrue(t.waitUntilExited(), t.screen)
        XCTAssertFalse(t.screen.contains("回線認証用ログイン"), t.screen)
    }

    /// A line file that anyone but root can change does not choose the line: the client does
    /// not start, and says why.
    func testFinding5_aLineFileOthersThanRootCanWriteIsRefused() throws {
        let system = try SystemLineFile()
        defer { system.restore() }
        for (mode, folderMode, owner) in [(0o666, 0o755, uid_t(0)), (0o664, 0o755, 0), (0o644, 0o777, 0),
                                          (0o644, 0o755, 1000)] {
            try system.write(registered + "\n", mode: mode, folderMode: folderMode, owner: owner)
            let r = try MonbanProcess.run(["--db", db], environment: state)
            XCTAssertEqual(r.status, 1, "\(mode) \(folderMode) \(owner): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("/etc/monban/line"), r.stderr)
            XCTAssertTrue(r.stderr.contains("must belong to root"), r.stderr)
        }
        // monban doctor says the same (issue 22 item 3).
        let doctor = try MonbanProcess.run(["doctor", "--db", db], environment: state)
        XCTAssertEqual(doctor.status, 2, doctor.stdout)
        XCTAssertTrue(doctor.stdout.split(separator: "\n").contains { $0.contains("FAIL") && $0.contains("line.file") },
                      doctor.stdout)
        try system.write("CAF1\n")
        let r = try MonbanProcess.run(["--db", db], environment: state)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("exactly one line number"), r.stderr)
    }

    /// The operator's way: root writes the line into the system file.
    func testFinding5_theSystemLineFileSetsTheLine() throws {
        let system = try SystemLineFile()
        defer { system.restore() }
        try system.write("# the office's フレッツ光 line\ncaf 0000 000 001\n")
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)'", environment: state)
        t.waitFor("回線認証用ログイン（回線番号: \(registered)）")
        try typeCredentials(t, email, password)
        t.waitFor("メイン画面")
        XCTAssertFalse(t.screen.contains("2段階認証"), t.screen)
    }
}
