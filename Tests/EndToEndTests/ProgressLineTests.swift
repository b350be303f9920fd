import Foundation
import TestSupport
import XCTest

/// Progress on long work (issue 22 item 6, PK-1): `monban demo`, `monban audit --verify` and
/// `monban deliver` draw a progress line on standard error when it is a terminal, and write
/// nothing of it to a pipe.
final class ProgressLineTests: EndToEndTestCase {
    var demo: String { dir.appendingPathComponent("demo.sqlite3").path }

    /// `command` run by script(1) in a pseudo-terminal: everything the terminal received.
    func inTerminal(_ arguments: [String]) throws -> MonbanProcess.Outcome {
        let command = ([MonbanProcess.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        guard let script = ZbarDecode.findOnPath("script") else { throw TestEnvironmentMissing("script (util-linux) is needed") }
        return try MonbanProcess.run(["-q", "-e", "-c", command, "/dev/null"], environment: ["TERM": "xterm-256color"],
                                     executable: script)
    }

    func testAPipeGetsNoProgress() throws {
        let made = try monban("demo", "--db", demo)
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(made.stderr, "", "a pipe gets no progress line")
        XCTAssertFalse(made.stdout.contains("\r") || made.stdout.contains("\u{1b}"), made.stdout)
        let verified = try monban("audit", "--db", demo, "--verify")
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertEqual(verified.stderr, "")
        XCTAssertTrue(verified.stdout.hasPrefix("audit log intact"), verified.stdout)
    }

    func testATerminalGetsAProgressLine() throws {
        let made = try inTerminal(["demo", "--db", demo])
        XCTAssertEqual(made.status, 0, made.stdout)
        XCTAssertTrue(made.stdout.contains("\r\u{1b}[Kcreating the demo database: people 0 / 204 (0%)"), made.stdout)
        XCTAssertTrue(made.stdout.contains("people 204 / 204 (100%)"), made.stdout)
        XCTAssertTrue(made.stdout.contains("demo database created"), made.stdout)

        let verified = try inTerminal(["audit", "--db", demo, "--verify"])
        XCTAssertEqual(verified.status, 0, verified.stdout)
        XCTAssertTrue(verified.stdout.contains("\r\u{1b}[Kchecking the audit log: 0 / "), verified.stdout)
        // The line is erased before the result is printed.
        XCTAssertTrue(verified.stdout.contains("\r\u{1b}[Kaudit log intact"), verified.stdout)
    }

    func testDeliverShowsItsBacklogOnATerminalOnly() throws {
        XCTAssertEqual(try monban("demo", "--db", demo).status, 0)
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"))
        let config = dir.appendingPathComponent("deliver.toml").path
        XCTAssertTrue(FileManager.default.createFile(
            atPath: config, contents: Data("[smtp]\nurl = \"smtp://127.0.0.1:\(server.port)\"\nsecurity = \"none\"\nfrom = \"monban@example.com\"\n".utf8),
            attributes: [.posixPermissions: 0o600]))
        let r = try inTerminal(["deliver", "--db", demo, "--config", config])
        XCTAssertEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.contains("delivering the outbox: 0 / "), r.stdout)
        XCTAssertTrue(r.stdout.contains("sent email"), r.stdout)
        // Nothing left to deliver, through a pipe: no progress line.
        let again = try monban("deliver", "--db", demo, "--config", config)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stderr, "")
    }
}
