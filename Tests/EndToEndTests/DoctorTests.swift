import Foundation
import TestSupport
import XCTest

/// `monban doctor` (PK-1, issue 22 item 3) through the release binary: each planted fault is
/// found, with its FAIL or WARN line and the exit status (0 OK, 1 WARN, 2 FAIL).
final class DoctorTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try createContract(email: email, password: password, twoStep: false)
    }

    /// The doctor on this test's database, through pipes (so the terminal is skipped);
    /// no configuration but `config`.
    func doctor(_ extra: [String] = [], config: String? = nil, stdin: String? = nil) throws -> MonbanProcess.Outcome {
        var args = ["doctor", "--db", db] + extra
        if let config { args += ["--config", config] }
        return try MonbanProcess.run(args, stdin: stdin, environment: ["XDG_CONFIG_HOME": dir.path])
    }

    func writeConfig(_ text: String, mode: Int = 0o600) throws -> String {
        let path = dir.appendingPathComponent("config.toml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// The line of `check` in the text output ("FAIL  database.owner-only  …").
    func line(_ check: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.split(separator: " ").dropFirst().first == Substring(check) }.map(String.init)
    }

    func assertLine(_ check: String, _ status: String, in r: MonbanProcess.Outcome, contains text: String? = nil,
                    file: StaticString = #filePath, lineNumber: UInt = #line) {
        guard let found = line(check, in: r.stdout) else {
            return XCTFail("no \(check) line:\n\(r.stdout)\n\(r.stderr)", file: file, line: lineNumber)
        }
        XCTAssertTrue(found.hasPrefix(status + " "), found, file: file, line: lineNumber)
        if let text { XCTAssertTrue(r.stdout.contains(text), "\(text) not in:\n\(r.stdout)", file: file, line: lineNumber) }
    }

    // MARK: A sound installation

    func testASoundInstallationPassesAndSaysSoInJSON() throws {
        let r = try doctor(["--json"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
        XCTAssertEqual(json["status"] as? String, "OK")
        let checks = try XCTUnwrap(json["checks"] as? [[String: Any]])
        let byName = Dictionary(checks.map { ($0["check"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        for name in ["database.found", "database.readable", "database.owner-only", "database.schema", "database.integrity",
                     "key.file", "audit.chain", "library.libqrencode"] {
            XCTAssertEqual(byName[name], "OK", "\(name) in \(r.stdout)")
        }
        XCTAssertEqual(byName["terminal"], "SKIP", "a pipe is no terminal")
    }

    // MARK: Planted faults

    func testADatabaseOthersCanReadIsAFail() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        let r = try doctor()
        XCTAssertEqual(r.status, 2, r.stdout)
        assertLine("database.owner-only", "FAIL", in: r, contains: "chmod 600 \(db)")
        assertLine("audit.chain", "SKIP", in: r)
    }

    /// An `[smtp]` section for a plain server on loopback at `port`, then the keys in `then`.
    func smtpSection(port: some BinaryInteger, then more: String = "") -> String {
        "[smtp]\nurl = \"smtp://127.0.0.1:\(port)\"\nsecurity = \"none\"\nfrom = \"monban@example.com\"\n" + more + "\n"
    }

    func testAConfigurationSecretOthersCanReadIsAFailThatNeverShowsTheSecret() throws {
        let port = try closedPort()
        let config = try writeConfig(smtpSection(port: port, then: """
            username = "monban"
            password = "Doctor-Secret-0644"
            """), mode: 0o644)
        let r = try doctor(["--json"], config: config)
        XCTAssertEqual(r.status, 2, r.stdout)
        XCTAssertFalse(r.stdout.contains("Doctor-Secret-0644") || r.stderr.contains("Doctor-Secret-0644"), "the secret was printed")
        let text = try doctor(config: config)
        assertLine("config.secrets", "FAIL", in: text, contains: "chmod 600 \(config)")
        XCTAssertFalse(text.stdout.contains("Doctor-Secret-0644"))
    }

    func testABrokenAuditEntryIsAFail() throws {
        _ = try monban("signin", "--db", db, "--email", email, stdin: "Wrong-1!\n")
        let r0 = try doctor()
        assertLine("audit.chain", "OK", in: r0)
        let sql = try MonbanProcess.run([db, "UPDATE audit SET detail = 'nothing happened' WHERE id = 2"],
                                        executable: "/usr/bin/sqlite3")
        XCTAssertEqual(sql.status, 0, sql.stderr)
        let r = try doctor()
        XCTAssertEqual(r.status, 2, r.stdout)
        assertLine("audit.chain", "FAIL", in: r, contains: "broken at entry 2")
    }

    func testAnSMTPPortWithNothingListeningIsAFail() throws {
        let port = try closedPort()
        let config = try writeConfig(smtpSection(port: port, then: "timeout = 3"))
        let r = try doctor(config: config)
        XCTAssertEqual(r.status, 2, r.stdout)
        assertLine("smtp.answers", "FAIL", in: r, contains: "nothing answers at 127.0.0.1:\(port)")
    }

    func testAnSMTPServerThatAnswersPassesAndSendTestSendsOneMessage() throws {
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"))
        let config = try writeConfig(smtpSection(port: server.port))
        let r = try doctor(["--send-test", "operator@example.com"], config: config)
        assertLine("smtp.answers", "OK", in: r)
        assertLine("smtp.send-test", "OK", in: r)
        XCTAssertEqual(r.status, 0, r.stdout)
        let mail = try server.waitForMessages(1)
        XCTAssertEqual(mail.count, 1)
        XCTAssertEqual(mail.first?.header("Subject"), "monban doctor: test message")
    }

    func testAProviderWhoseKeySetDoesNotParseIsAFail() throws {
        let provider = try OpenIDProvider()
        let good = try writeConfig(provider.configuration())
        let ok = try doctor(config: good)
        assertLine("provider.google", "OK", in: ok)
        // The key set's address points at a JSON document that is no JWKS.
        let config = try writeConfig(provider.configuration()
            + "jwks_uri = \"\(provider.base)/.well-known/openid-configuration\"\n")
        let r = try doctor(config: config)
        XCTAssertEqual(r.status, 2, r.stdout)
        assertLine("provider.google", "FAIL", in: r, contains: "not a JWKS")
    }

    func testADirectoryThatDoesNotAnswerTheTestAccountsBindIsAFail() throws {
        let port = try closedPort()
        let set = try monban("directory", "set", "--db", db, "--email", email, "--url", "ldap://127.0.0.1:\(port)",
                             "--domain", "example.com")
        XCTAssertEqual(set.status, 0, set.stderr)
        let id = try XCTUnwrap(set.stdout.split(separator: " ").first { $0.hasPrefix("adfs-") }.map(String.init), set.stdout)
        let without = try doctor()
        assertLine("directory.bind", "SKIP", in: without)
        let r = try doctor(["--connection-id", id, "--test-account", "tester@example.com"], stdin: "Test-Account-Pw1\n")
        XCTAssertEqual(r.status, 2, r.stdout)
        assertLine("directory.bind", "FAIL", in: r, contains: "does not answer")
        XCTAssertFalse(r.stdout.contains("Test-Account-Pw1"))
    }

    // MARK: The terminal

    /// A shared object whose wcwidth says ▀ ▄ █ (U+2580…U+259F) take two cells: preloaded into
    /// the tmux server, it makes the pane draw them two cells wide, as a terminal set to draw
    /// East Asian ambiguous-width characters wide does (tmux 3.3 sizes characters with wcwidth).
    static func wideBlocksLibrary(in dir: URL) throws -> String {
        let source = dir.appendingPathComponent("wide.c").path
        let library = dir.appendingPathComponent("wide.so").path
        let code = """
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <wchar.h>
            int wcwidth(wchar_t c) {
                static int (*real)(wchar_t);
                if (c >= 0x2580 && c <= 0x259F) return 2;
                if (!real) real = (int (*)(wchar_t))dlsym(RTLD_NEXT, "wcwidth");
                return real ? real(c) : 1;
            }
            """
        XCTAssertTrue(FileManager.default.createFile(atPath: source, contents: Data(code.utf8)))
        guard let cc = ["cc", "clang", "gcc"].lazy.compactMap({ ZbarDecode.findOnPath($0) }).first else {
            throw TestEnvironmentMissing("a C compiler (cc) is needed to build the wide-glyph wcwidth")
        }
        let r = try MonbanProcess.run(["-shared", "-fPIC", "-o", library, source, "-ldl"], executable: cc)
        XCTAssertEqual(r.status, 0, r.stderr)
        return library
    }

    /// The doctor in a tmux pane (a terminal), its exit status printed after it.
    func doctorInTerminal(serverEnvironment: [String: String]) throws -> (screen: String, status: String) {
        let t = try TmuxTerminal("sh -c \"'\(MonbanProcess.binary)' doctor --db '\(db)'; echo EXIT=\\$?; sleep 30\"",
                                 width: 200, height: 50, environment: ["XDG_CONFIG_HOME": dir.path, "LD_PRELOAD": ""],
                                 serverEnvironment: serverEnvironment)
        t.waitFor("EXIT=", timeout: 20)
        let screen = t.screen
        let status = screen.split(separator: "\n").first { $0.hasPrefix("EXIT=") }.map { String($0.dropFirst(5)) } ?? ""
        return (screen, status)
    }

    /// A terminal that never answers the cursor-position question (script(1)'s pseudo-terminal,
    /// whose other end is a pipe): a WARN line after the deadline, never a hang.
    func testATerminalThatNeverAnswersIsAWarningNotAHang() throws {
        guard let script = ZbarDecode.findOnPath("script") else { throw TestEnvironmentMissing("script (util-linux) is needed") }
        let started = Date()
        let r = try MonbanProcess.run(["-q", "-e", "-c", "'\(MonbanProcess.binary)' doctor --db '\(db)'", "/dev/null"],
                                      environment: ["XDG_CONFIG_HOME": dir.path, "TERM": "xterm-256color"], executable: script)
        XCTAssertLessThan(Date().timeIntervalSince(started), 8, "the doctor waits at most half a second for the answer")
        let output = r.stdout.replacingOccurrences(of: "\r", with: "")
        let found = try XCTUnwrap(line("terminal.blocks", in: output), output)
        XCTAssertTrue(found.hasPrefix("WARN ") && found.contains("did not answer"), found)
        XCTAssertEqual(r.status, 1, output)
    }

    func testATerminalThatDrawsBlocksOneCellWidePasses() throws {
        let (screen, status) = try doctorInTerminal(serverEnvironment: [:])
        XCTAssertNotNil(line("terminal.blocks", in: screen).flatMap { $0.hasPrefix("OK ") ? $0 : nil }, screen)
        XCTAssertNotNil(line("terminal.type", in: screen), screen)
        XCTAssertNotNil(line("terminal.locale", in: screen), screen)
        XCTAssertNotNil(line("terminal.size", in: screen), screen)
        XCTAssertEqual(status, "0", screen)
    }

    func testATerminalThatDrawsBlocksTwoCellsWideIsAWarning() throws {
        let library = try Self.wideBlocksLibrary(in: dir)
        let (screen, status) = try doctorInTerminal(serverEnvironment: ["LD_PRELOAD": library])
        let found = try XCTUnwrap(line("terminal.blocks", in: screen), screen)
        XCTAssertTrue(found.hasPrefix("WARN "), screen)
        XCTAssertTrue(screen.contains("--wide-qr"), screen)
        XCTAssertEqual(status, "1", screen)
    }
}
