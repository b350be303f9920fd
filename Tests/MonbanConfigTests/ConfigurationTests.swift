@testable import MonbanConfig
import MonbanCore
import MonbanFederation
import XCTest

/// config.toml (LG-4's provider configuration): what it sets, and bad files
/// refused with the file, the line where known, and the reason.
final class ConfigurationTests: XCTestCase {
    // RL-1, issue 19 finding 13: SMS abroad is off unless [service] international_sms = true.
    func testInternationalSMSIsOffUnlessTurnedOn() throws {
        XCTAssertFalse(try Configuration.parse("", file: "c.toml").service.internationalSMS)
        XCTAssertFalse(try Configuration.parse("[service]\nname = \"x\"\n", file: "c.toml").service.internationalSMS)
        XCTAssertTrue(try Configuration.parse("[service]\ninternational_sms = true\n", file: "c.toml").service.internationalSMS)
        XCTAssertThrowsError(try Configuration.parse("[service]\ninternational_sms = \"yes\"\n", file: "c.toml"))
    }

    func testProvidersServiceAndLanguage() throws {
        let c = try Configuration.parse("""
            language = "en"

            [service]
            name = "テストストレージ"
            link_base = "https://login.example.jp/"
            authenticator_issuer = "TestStorage"

            [providers.google]
            issuer = "https://accounts.google.com"
            client_id = "123.apps.googleusercontent.com"
            client_secret = "s3cret"

            [providers.microsoft]
            issuer = "https://login.microsoftonline.com/common/v2.0"
            client_id = "abc"
            scopes = ["openid", "email"]
            device_authorization_endpoint = "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode"

            [providers.d_account]
            demo = true
            """, file: "config.toml")
        XCTAssertEqual(c.language, "en")
        XCTAssertEqual(c.service.serviceName, "テストストレージ")
        XCTAssertEqual(c.service.linkBase, "https://login.example.jp")
        XCTAssertEqual(c.service.authenticatorIssuer, "TestStorage")
        guard case .openID(let g, let ca) = try XCTUnwrap(c.providers[.google]) else { return XCTFail() }
        XCTAssertEqual(g.clientID, "123.apps.googleusercontent.com")
        XCTAssertEqual(g.clientSecret, "s3cret")
        XCTAssertEqual(g.scopes, ["openid", "email", "profile"])
        XCTAssertNil(ca)
        guard case .openID(let m, _) = try XCTUnwrap(c.providers[.microsoft]) else { return XCTFail() }
        XCTAssertEqual(m.scopes, ["openid", "email"])
        XCTAssertNotNil(m.deviceAuthorizationEndpoint)
        XCTAssertEqual(c.providers[.dAccount], .demo)
        XCTAssertNil(c.providers[.facebook], "not configured: its button says so")
    }

    func testEmptyFileIsTheDefaults() throws {
        let c = try Configuration.parse("", file: "c.toml")
        XCTAssertEqual(c, Configuration())
        XCTAssertEqual(try Configuration.load(path: "/nonexistent/monban.toml", required: false), Configuration())
        XCTAssertThrowsError(try Configuration.load(path: "/nonexistent/monban.toml", required: true))
    }

    func testBadFilesNameTheReason() {
        let cases: [(String, String)] = [
            ("[service]\nname = \"x\"\nname2 = 1\n", "unknown key \"name2\""),
            ("[providers.google]\nclient_id = \"x\"\n", "issuer is required"),
            ("[providers.google]\nissuer = \"ftp://x\"\nclient_id = \"x\"\n", "issuer must be an http(s) URL"),
            ("[providers.yahoo]\nissuer = \"https://x\"\nclient_id = \"x\"\n", "unknown service"),
            ("[providers.google]\nissuer = \"https://x\"\nclient_id = \"x\"\nscopes = [\"email\"]\n", "must include \"openid\""),
            ("[providers.google]\ndemo = true\nclient_id = \"x\"\n", "takes no other key"),
            ("language = \"fr\"\n", "language must be"),
            ("[service]\nauthenticator_issuer = \"\(String(repeating: "a", count: 50))\"\n", "1 to 40 bytes"),
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try Configuration.parse(text, file: "c.toml"), text) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(error) should say \(reason)")
                XCTAssertTrue("\(error)".hasPrefix("c.toml"), "\(error)")
            }
        }
    }

    func testSyntaxErrorGivesTheLine() {
        XCTAssertThrowsError(try Configuration.parse("language = \"en\"\n\n[service\nname = 1\n", file: "c.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("c.toml:3:"), "\(error)")
        }
    }

    func testSecretsAreNotPrinted() throws {
        let c = try Configuration.parse("""
            [providers.google]
            issuer = "https://accounts.google.com"
            client_id = "x"
            client_secret = "do-not-print"
            """, file: "c.toml")
        XCTAssertFalse("\(c)".contains("do-not-print"))
    }
}

/// `[client]`: the idle sign-out and the 受信箱 (ASVS 7.3.1; SECURITY.md G1, G5).
final class ClientSettingsTests: XCTestCase {
    /// Issue 19 finding 1: no configuration, or one without [smtp]/[sms], leaves the 受信箱 off.
    func testTheInboxIsOffUnlessSet() throws {
        XCTAssertFalse(try Configuration.parse("", file: "c.toml").inboxEnabled, "off by default")
        XCTAssertFalse(try Configuration.parse("", file: "c.toml").deliversMessages)
        XCTAssertTrue(try Configuration.parse("[client]\ninbox = true\n", file: "c.toml").inboxEnabled)
        XCTAssertEqual(try Configuration.parse("", file: "c.toml").client.idleSignOut, 900)
        let set = try Configuration.parse("[client]\nidle_sign_out = 0\ninbox = false\n", file: "c.toml")
        XCTAssertFalse(set.inboxEnabled)
        XCTAssertEqual(set.client.idleSignOut, 0)
        XCTAssertThrowsError(try Configuration.parse("[client]\nidle = 3\n", file: "c.toml"))
        XCTAssertThrowsError(try Configuration.parse("[client]\nidle_sign_out = -1\n", file: "c.toml"))
    }

    /// Issue 19 finding 3: `[client] remember` is how the operator says whether the OS account
    /// is one person's own; unset is nil (TerminalBinding then decides from the terminal).
    func testRememberIsReadFromTheClientSection() throws {
        XCTAssertNil(try Configuration.parse("", file: "c.toml").client.remember)
        XCTAssertEqual(try Configuration.parse("[client]\nremember = false\n", file: "c.toml").client.remember, false)
        XCTAssertEqual(try Configuration.parse("[client]\nremember = true\n", file: "c.toml").client.remember, true)
        XCTAssertThrowsError(try Configuration.parse("[client]\nremember = \"no\"\n", file: "c.toml"))
    }

    /// Issue 19 finding 5: no configuration names the line, not even a root-owned one, since
    /// the person starting the client chooses the configuration (`--config`, XDG_CONFIG_HOME).
    func testNoConfigurationNamesTheLine() throws {
        XCTAssertThrowsError(try Configuration.parse("[client]\nline = \"CAF0000000001\"\n", file: "c.toml")) { error in
            XCTAssertTrue("\(error)".contains("/etc/monban/line"), "\(error)")
        }
    }

    /// Issue 19 finding 5 (LG-6): the system line file holds one line number, in any case and
    /// with spaces, comments and blank lines around it; anything else is refused.
    func testTheSystemLineFileHoldsOneLineNumber() throws {
        let folder = try rootLikeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertNil(try TerminalLineFile.read(at: folder.appendingPathComponent("line").path, euid: 0),
                     "no file: the internet entrance")
        for (text, expected) in [("CAF0000000001\n", "CAF0000000001"), ("# office\n\n  caf 0000 000 001 \n", "CAF0000000001"),
                                 ("cop00000001", "COP00000001")] {
            XCTAssertEqual(try TerminalLineFile.parse(text).value, expected, text)
        }
        for text in ["CAF1\n", "CAF0000000001\nCAF0000000002\n", "# nothing\n", "", "\u{1b}[2J"] {
            XCTAssertThrowsError(try TerminalLineFile.parse(text), text) { error in
                XCTAssertTrue("\(error)".contains("exactly one line number"), "\(error)")
            }
        }
    }

    /// Issue 19 finding 5: a line file the account that runs monban can write is never the
    /// operator's, whoever owns it.
    func testALineFileTheUserCanWriteIsRefused() throws {
        let folder = try rootLikeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("line").path
        try "CAF0000000001\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: file)
        XCTAssertThrowsError(try TerminalLineFile.read(at: file, euid: 0)) { error in
            XCTAssertTrue("\(error)".contains("must belong to root"), "\(error)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        XCTAssertThrowsError(try TerminalLineFile.read(at: file, euid: 1000), "an account that can write it")
    }

    /// A folder for a line file, as root would make it when the tests run as root.
    private func rootLikeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("line-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        return folder
    }
}
