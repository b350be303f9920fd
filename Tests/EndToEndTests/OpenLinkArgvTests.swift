import Foundation
import XCTest

/// Issue 19 finding 8: `monban open URL` kept the link's ticket in its command line for the
/// life of the client, readable by any local user in /proc/PID/cmdline (and `ps`). Now the
/// link can come from standard input (a prompt in a terminal), and a link given as an
/// argument is overwritten in monban's own command line as it starts. These tests look at
/// /proc/PID/cmdline of the running monban, as another local user would.
final class OpenLinkArgvTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    func resetLink() throws -> (link: String, ticket: String) {
        try createContract(email: email, password: password, twoStep: false)
        XCTAssertEqual(try monban("forgot", "--db", db, "--email", email).status, 0)
        let link = try link(to: email, containing: "/lo/reset?ticket=")
        let ticket = try XCTUnwrap(link.components(separatedBy: "ticket=").last)
        XCTAssertEqual(ticket.count, 43)
        return (link, ticket)
    }

    /// What any local user reads: the process's command line, NULs as spaces.
    func cmdline(_ pid: Int32) -> String {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether `pid` has the database open: it is past its start (and the scrub).
    func hasDatabaseOpen(_ pid: Int32) -> Bool {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        return fds.contains { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")) == db }
    }

    func waitUntil(_ timeout: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date() + timeout
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    /// monban with `arguments`, standard input a pipe the test writes to.
    func start(_ arguments: [String]) throws -> (Process, FileHandle, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: MonbanProcess.binary)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        p.environment = env
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = output
        try p.run()
        return (p, input.fileHandleForWriting, output)
    }

    /// The monban process in a tmux pane: the pane's process or one of its descendants
    /// whose executable is monban (the pane's shell may run it as a child).
    func monbanProcess(under root: Int32) -> Int32? {
        var queue = [root]
        let binary = URL(fileURLWithPath: MonbanProcess.binary).resolvingSymlinksInPath().path
        while let pid = queue.first {
            queue.removeFirst()
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) == binary { return pid }
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            queue += children.split(separator: " ").compactMap { Int32($0) }
        }
        return nil
    }

    /// The safe form: the link on standard input. Nothing of it is ever in the command line.
    func testF8_theLinkReadFromStandardInputIsNeverInTheCommandLine() throws {
        let (link, ticket) = try resetLink()
        let (p, stdin, output) = try start(["open", "--db", db, "--password-stdin"])
        stdin.write(Data((link + "\n").utf8))
        // Waiting for the password now, the link read and the database open.
        XCTAssertTrue(waitUntil { hasDatabaseOpen(p.processIdentifier) }, "monban never opened the database")
        let line = cmdline(p.processIdentifier)
        XCTAssertTrue(line.contains("open"), line)
        XCTAssertFalse(line.contains(ticket), "the ticket in /proc/PID/cmdline: \(line)")
        stdin.write(Data("Atarashii-2026!\n".utf8))
        try stdin.close()
        p.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, said)
        XCTAssertTrue(said.contains("パスワードを変更しました"), said)
    }

    /// The link on the command line: overwritten in monban's own command line at start,
    /// and still applied.
    func testF8_aLinkGivenAsAnArgumentIsScrubbedFromTheCommandLine() throws {
        let (link, ticket) = try resetLink()
        let (p, stdin, output) = try start(["open", "--db", db, link, "--password-stdin"])
        XCTAssertTrue(waitUntil { hasDatabaseOpen(p.processIdentifier) }, "monban never opened the database")
        let line = cmdline(p.processIdentifier)
        XCTAssertTrue(line.contains("/lo/reset?ticket=xxxx"), line)
        XCTAssertFalse(line.contains(ticket), "the ticket in /proc/PID/cmdline: \(line)")
        stdin.write(Data("Atarashii-2026!\n".utf8))
        try stdin.close()
        p.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, said)
        XCTAssertTrue(said.contains("パスワードを変更しました"), said)
    }

    /// The client in a terminal: with the link typed at the prompt, and with the link as an
    /// argument, the running client's command line holds no ticket.
    func testF8_theRunningClientHoldsNoTicketInItsCommandLine() throws {
        let (link, ticket) = try resetLink()
        let prompted = try TmuxTerminal("'\(MonbanProcess.binary)' open --db '\(db)'")
        prompted.waitFor("the link from the e-mail")
        try prompted.type(link)
        try prompted.press("Enter")
        prompted.waitFor("リセットパスワード")
        let first = try XCTUnwrap(prompted.pid.flatMap(monbanProcess(under:)), "no monban process in the pane")
        XCTAssertFalse(cmdline(first).contains(ticket), cmdline(first))
        try prompted.press("F10")
        XCTAssertTrue(prompted.waitUntilExited())

        let given = try TmuxTerminal("'\(MonbanProcess.binary)' open --db '\(db)' '\(link)'")
        given.waitFor("リセットパスワード")
        let second = try XCTUnwrap(given.pid.flatMap(monbanProcess(under:)), "no monban process in the pane")
        XCTAssertTrue(cmdline(second).contains("ticket=xxxx"), cmdline(second))
        XCTAssertFalse(cmdline(second).contains(ticket), cmdline(second))
        try given.press("F10")
    }
}
