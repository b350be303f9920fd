import Foundation
import TestSupport
import XCTest

/// Runs the real `monban` binary, as an operator or a script would.
struct MonbanProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `MONBAN_BIN` (set by `make test`), else the debug build beside the sources.
    static var binary: String {
        if let bin = ProcessInfo.processInfo.environment["MONBAN_BIN"], !bin.isEmpty { return bin }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/monban").path
    }

    @discardableResult
    /// Runs monban with `arguments`; or `executable` with `prefix + arguments` (a wrapper
    /// such as prlimit, or another program altogether).
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], executable: String? = nil,
        prefix: [String] = []
    ) throws -> Outcome {
        try runExecutable(executable ?? binary, prefix + arguments, stdin: stdin, environment: environment)
    }

    /// A process of `path` with `arguments`, this process's environment with `environment`
    /// over it, and no backtrace printer (a crash's report is not a test's output).
    static func prepared(_ path: String, _ arguments: [String], environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        return process
    }

    /// Runs another executable of the build (monban-torture) the same way.
    @discardableResult
    static func runExecutable(
        _ path: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
    ) throws -> Outcome {
        let process = prepared(path, arguments, environment: environment)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                       stderr: String(decoding: e, as: UTF8.self))
    }
}

extension MonbanProcess {
    /// Starts monban with `arguments` in the background (a `deliver --watch`, say), its output in
    /// the file `log`; every inherited descriptor closed on exec, so the test's pipes stay its own.
    static func start(_ arguments: [String], log: URL, environment: [String: String] = [:]) throws -> Process {
        let p = prepared(binary, arguments, environment: environment)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: log)
        p.standardError = p.standardOutput
        closeInheritedDescriptorsOnExec()
        try p.run()
        return p
    }
}

/// A fresh folder per test, removed afterwards. The store is a SQLite file in it; with
/// MONBAN_TEST_STORE=postgres it is a PostgreSQL database named by a `postgresql://` URI, on a
/// throwaway cluster of the test's own (ST-1: the same end-to-end flows on both stores; `make
/// test` runs the client's flows that way too), and every monban the test starts shares the
/// store's key files through XDG_DATA_HOME in the test's folder.
class EndToEndTestCase: XCTestCase {
    var dir: URL!
    var sharedStore: TestPostgres?
    private var dataHome: String??
    var db: String { sharedStore?.connectionURI ?? dir.appendingPathComponent("monban.sqlite3").path }

    static var onPostgres: Bool { ProcessInfo.processInfo.environment["MONBAN_TEST_STORE"] == "postgres" }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: MonbanProcess.binary),
                      "build monban first (make test does): \(MonbanProcess.binary)")
        if Self.onPostgres {
            sharedStore = try TestPostgres()
            dataHome = .some(getenv("XDG_DATA_HOME").map { String(cString: $0) })
            setenv("XDG_DATA_HOME", dir.appendingPathComponent("data").path, 1)
        }
    }

    override func tearDownWithError() throws {
        sharedStore?.stop()
        sharedStore = nil
        if let previous = dataHome {
            if let previous { setenv("XDG_DATA_HOME", previous, 1) } else { unsetenv("XDG_DATA_HOME") }
            dataHome = nil
        }
        try? FileManager.default.removeItem(at: dir)
    }

    /// A basic contract whose contractor (門番 太郎) has `password`.
    func createContract(email: String, password: String, twoStep: Bool) throws {
        let r = try MonbanProcess.run(
            ["contract", "create", "--db", db, "--email", email, "--plan", "basic", "--name", "門番 太郎",
             "--two-step", twoStep ? "on" : "off", "--password-stdin"], stdin: password + "\n")
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    @discardableResult
    func monban(_ args: String..., stdin: String? = nil) throws -> MonbanProcess.Outcome {
        try MonbanProcess.run(args, stdin: stdin)
    }

    struct Mail: Decodable {
        var kind: String
        var to: String
        var subject: String
        var body: String
        var links: [String]
        var sent_at: String
    }

    func outbox(to: String? = nil) throws -> [Mail] {
        var args = ["outbox", "--db", db, "--json", "--reveal"]
        if let to { args += ["--to", to] }
        let r = try MonbanProcess.run(args)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try r.stdout.split(separator: "\n").map { try JSONDecoder().decode(Mail.self, from: Data($0.utf8)) }
    }

    /// Types the address and password on the login screen (once it shows `ready`) and presses Enter.
    func typeCredentials(_ t: TmuxTerminal, _ email: String, _ password: String, ready: String = "パスワードを忘れた方は") throws {
        t.waitFor(ready)
        try t.type(email)
        try t.press("Tab")
        try t.type(password)
        try t.press("Enter")
    }

    /// The six digits of the last SMS to `number`, from `monban outbox --json`.
    func lastSMSCode(to number: String) throws -> String {
        let sms = try XCTUnwrap(outbox(to: number).last { $0.kind == "sms" }, "no SMS to \(number)")
        let digits = sms.body.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }
        return String(try XCTUnwrap(digits, sms.body))
    }

    /// Two-step enrolment by SMS (TF-2, TF-5): the number, the code from the outbox, the
    /// recovery code ticked, 2段階認証完了 → ログインする.
    func enrollWithSMS(_ t: TmuxTerminal, phone: String = "090-1234-5678", e164: String = "+819012345678") throws {
        t.waitFor("電話番号")
        try t.type(phone)
        try t.press("Enter")
        t.waitFor("ショートメッセージに送られてきた6文字")
        try t.type(try lastSMSCode(to: e164))
        try t.press("Enter")
        t.waitFor("リカバリコードを保存しました")
        try t.press("Space", "Tab", "Enter")  // saved ✓, ">"
        t.waitFor("2段階認証完了")
        try t.press("Enter")  // ログインする
    }

    func link(to: String, containing path: String) throws -> String {
        try XCTUnwrap(outbox(to: to).flatMap(\.links).last { $0.contains(path) }, "no \(path) link to \(to)")
    }
}
