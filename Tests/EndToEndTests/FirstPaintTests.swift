import Foundation
import XCTest

/// The shipped client as built by `make release`: an ordinary position-independent executable
/// with full RELRO (issue 18), which starts in every state a terminal can be in, paints its
/// first screen and signs in; and its command line arrives as given.
final class FirstPaintTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    /// What `readelf` says of the binary under test (MONBAN_BIN, set by `make test`).
    func readelf(_ option: String, _ bin: String) throws -> String {
        let r = try MonbanProcess.run(["readelf", "-W", option, bin], executable: "/usr/bin/env")
        XCTAssertEqual(r.status, 0, "readelf \(option): \(r.stderr)")
        return r.stdout
    }

    /// PIE (DYN), every symbol bound at load (BIND_NOW) and the relocated data then made
    /// read-only (GNU_RELRO): what `make release` asks the linker for, checked on what it made.
    /// The optional libraries are not among those loaded at start (they are loaded on first
    /// use, CLazyLoader), and no libcrypto either (crypto is swift-crypto, linked in).
    func testTheReleaseBinaryIsPIEWithFullRELRO() throws {
        guard let bin = ProcessInfo.processInfo.environment["MONBAN_BIN"], !bin.isEmpty else {
            throw XCTSkip("MONBAN_BIN is not set: not the release binary (make test sets it)")
        }
        let header = try readelf("-h", bin)
        XCTAssertTrue(header.contains("DYN (Position-Independent Executable file)"), header)
        let dynamic = try readelf("-d", bin)
        let flags = dynamic.split(separator: "\n").filter { $0.contains("(FLAGS)") || $0.contains("(FLAGS_1)") }
        XCTAssertTrue(flags.contains { $0.contains("(FLAGS)") && $0.contains("BIND_NOW") }, "\(flags)")
        XCTAssertTrue(flags.contains { $0.contains("(FLAGS_1)") && $0.contains("NOW") && $0.contains("PIE") }, "\(flags)")
        XCTAssertFalse(dynamic.contains("TEXTREL"), "text relocations:\n\(dynamic)")
        let needed = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        for optional in ["libcurl", "libldap", "libqrencode", "libcrypto"] {
            XCTAssertFalse(needed.contains { $0.contains(optional) }, "\(optional) is loaded at start: \(needed)")
        }
        let segments = try readelf("-l", bin)
        XCTAssertTrue(segments.contains("GNU_RELRO"), segments)
    }

    /// Starts the client with `arguments` and `environment`, waits for the login screen, then signs in.
    func startAndSignIn(
        _ what: String, arguments: String = "", environment: [String: String] = [:], width: Int = 80, height: Int = 24,
        login: String = "パスワードを忘れた方は", main: String = "メイン画面"
    ) throws {
        let home = dir.appendingPathComponent("home").path
        var env = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config"]
        for (k, v) in environment { env[k] = v }
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' \(arguments)", width: width, height: height,
                                 environment: env)
        if width < 40 || height < 12 {
            XCTAssertTrue(t.waitFor("小さ", timeout: 5), "\(what): the too-small message")
            XCTAssertFalse(t.exited, "\(what): exited before the paint")
            try t.resize(width: 80, height: 24)
        }
        XCTAssertTrue(t.waitFor(login), "\(what): the login screen")
        try t.type(email)
        try t.press("Tab")
        try t.type(password)
        try t.press("Enter")
        XCTAssertTrue(t.waitFor(main, timeout: 15), "\(what): signed in")
        XCTAssertFalse(t.exited, "\(what): the client stopped:\n\(t.screen)")
    }

    func testEveryStartPaintsAndThenSignsIn() throws {
        try createContract(email: email, password: password, twoStep: false)
        let state = dir.appendingPathComponent("home/state/monban")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)

        try startAndSignIn("ja, nothing saved")
        try startAndSignIn("--lang en", arguments: "--lang en", login: "Forgot your password", main: "Main screen")
        try startAndSignIn("kiosk", arguments: "--kiosk")
        try startAndSignIn("the Linux console (English, ASCII only)", environment: ["TERM": "linux"],
                           login: "Forgot your password", main: "Main screen")
        try startAndSignIn("NO_COLOR", environment: ["NO_COLOR": "1"])
        try startAndSignIn("a terminal too small, then made larger", width: 20, height: 6)
        try startAndSignIn("300×100", width: 300, height: 100)
        // The terminal's saved state read before the paint: a known Active Directory connection
        // ID (LG-5), as monban writes it, in full width as a person might type it (the saved
        // file is read as written, not folded), and garbage.
        let cid = state.appendingPathComponent("connection-id").path
        for saved in ["adfs-abcdefghij1234\n", "ａｄｆｓ－ＡＢＣＤＥＦＧＨＩＪ１２３４\n", "\u{FFFD}\u{0}\n"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: cid, contents: Data(saved.utf8)))
            try startAndSignIn("saved connection ID \(saved.debugDescription)")
        }
    }

    /// Arguments with spaces, Japanese and an empty one arrive exactly as given, in the
    /// operator commands and in the client.
    func testTheCommandLineArrivesAsGiven() throws {
        let folder = dir.appendingPathComponent("門番 の データ")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("契約 1.sqlite3").path
        let created = try MonbanProcess.run(
            ["contract", "create", "--db", path, "--email", email, "--plan", "basic", "--name", "門番 太郎",
             "--two-step", "off", "--password-stdin"], stdin: password + "\n")
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "the database is at the path as given")
        let audit = try MonbanProcess.run(["audit", "--db", path])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        XCTAssertTrue(audit.stdout.contains("contract.created"), audit.stdout)
        let empty = try MonbanProcess.run(["contract", "create", "--db", path, "--email", "", "--plan", "basic",
                                           "--name", "x", "--two-step", "off", "--password-stdin"], stdin: password + "\n")
        XCTAssertNotEqual(empty.status, 0, "an empty address is refused")
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(path)' --lang en", width: 80, height: 24,
                                 environment: ["HOME": dir.appendingPathComponent("home").path])
        XCTAssertTrue(t.waitFor("Forgot your password"), "the client took --db and --lang as given:\n\(t.screen)")
        try t.type(email)
        try t.press("Tab")
        try t.type(password)
        try t.press("Enter")
        XCTAssertTrue(t.waitFor("Main screen", timeout: 15), t.screen)
    }

    /// With a configuration file in the default place the client reads it, starts and signs in.
    func testAConfiguredClientStartsAndSignsIn() throws {
        try createContract(email: email, password: password, twoStep: false)
        let config = dir.appendingPathComponent("home/config/monban")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(
            atPath: config.appendingPathComponent("config.toml").path,
            contents: Data("language = \"en\"\n[client]\nidle_sign_out = 600\n".utf8)))
        try startAndSignIn("the default config.toml", login: "Forgot your password", main: "Main screen")
    }
}
