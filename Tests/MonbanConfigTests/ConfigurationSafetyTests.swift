import Foundation
import MonbanConfig
import MonbanAddress
import MonbanHTTP
import XCTest

/// Finding 12 of issue 19: "loopback" is decided on the parsed address, and every inline
/// secret (a provider's client_secret included) needs a config.toml of the running user's
/// own that no one else can read or write.
final class ConfigurationSafetyTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func testF12_loopbackIsAnAddressNotANamePrefix() {
        for host in ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LOCALHOST", "::ffff:127.0.0.1"] {
            XCTAssertTrue(Loopback.isLoopback(host: host), host)
        }
        for host in ["127.0.0.1.attacker.example", "127.attacker.example", "localhost.attacker.example", "128.0.0.1",
                     "10.0.0.1", "::2", "[::1].example", "", "0x7f.1", "attacker.example"] {
            XCTAssertFalse(Loopback.isLoopback(host: host), host)
        }
        XCTAssertFalse(Loopback.isLoopback(host: nil))
    }

    /// The attack: a clear-text SMTP password to a name that merely starts with "127.".
    func testF12_aClearTextPasswordToANameStartingWith127IsRefused() throws {
        func smtp(_ url: String) -> String {
            "[smtp]\nurl = \"\(url)\"\nsecurity = \"none\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword_env = \"HOME\"\n"
        }
        for url in ["smtp://127.0.0.1.attacker.example", "smtp://127.0.0.1.attacker.example:25",
                    "smtp://localhost.attacker.example", "smtp://mail.example.jp"] {
            XCTAssertThrowsError(try Configuration.parse(smtp(url), file: "c.toml"), url) { error in
                XCTAssertTrue("\(error)".contains("would send the password in clear"), "\(error)")
            }
        }
        for url in ["smtp://127.0.0.1:2525", "smtp://127.0.0.2", "smtp://localhost", "smtp://[::1]:25"] {
            XCTAssertNoThrow(try Configuration.parse(smtp(url), file: "c.toml"), url)
        }
        let sms = "[sms]\nurl = \"http://127.0.0.1.attacker.example/send\"\nfrom = \"monban\"\naccount = \"a\"\ntoken_env = \"HOME\"\n"
        XCTAssertThrowsError(try Configuration.parse(sms, file: "c.toml")) { error in
            XCTAssertTrue("\(error)".contains("must be https://"), "\(error)")
        }
    }

    private func write(_ text: String, mode: Int) -> String {
        let path = dir.appendingPathComponent("config.toml").path
        try? FileManager.default.removeItem(atPath: path)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        chmod(path, mode_t(mode))
        return path
    }

    /// The attack: anyone on the host reads the provider's client_secret from a 0644 file.
    func testF12_anInlineClientSecretNeedsAnOwnerOnlyFile() throws {
        let text = """
            [providers.google]
            issuer = "https://accounts.google.com"
            client_id = "123.apps.googleusercontent.com"
            client_secret = "GOCSPX-inline-secret"
            """
        for mode in [0o644, 0o640, 0o604, 0o660, 0o602, 0o620, 0o610] {
            let path = write(text, mode: mode)
            XCTAssertThrowsError(try Configuration.load(path: path, required: true), String(mode, radix: 8)) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix(path), message)
                XCTAssertTrue(message.contains("[providers.google] client_secret"), message)
                XCTAssertTrue(message.contains("chmod 600 \(path)"), message)
                XCTAssertFalse(message.contains("GOCSPX-inline-secret"), message)
            }
        }
        let path = write(text, mode: 0o600)
        guard case .openID(let p, _)? = try Configuration.load(path: path, required: true).providers[.google] else {
            return XCTFail("no provider")
        }
        XCTAssertEqual(p.clientSecret, "GOCSPX-inline-secret")
        // Without a secret in it, the file may be readable (it holds nothing private).
        let open = write("[providers.google]\nissuer = \"https://accounts.google.com\"\nclient_id = \"x\"\n", mode: 0o644)
        XCTAssertNoThrow(try Configuration.load(path: open, required: true))
    }

    /// The refusal points to the keys that keep each secret out of the file: a token is
    /// moved with token_file / token_env, a password with password_file / password_env.
    func testF12_theRefusalNamesTheFileKeysOfTheSecretItHolds() throws {
        let sms = write("[sms]\nurl = \"https://sms.example/send\"\nfrom = \"monban\"\naccount = \"a\"\ntoken = \"tk-inline\"\n",
                        mode: 0o644)
        XCTAssertThrowsError(try Configuration.load(path: sms, required: true)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("token_file / token_env"), message)
            XCTAssertFalse(message.contains("password_file"), message)
            XCTAssertFalse(message.contains("tk-inline"), message)
        }
        let smtp = write("[smtp]\nurl = \"smtps://mail.example\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword = \"pw-inline\"\n",
                         mode: 0o640)
        XCTAssertThrowsError(try Configuration.load(path: smtp, required: true)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("password_file / password_env"), message)
            XCTAssertFalse(message.contains("token_file"), message)
        }
    }

    /// Another user's file holding a secret is refused, whatever its mode (they could change it).
    func testF12_anInlineSecretInAnotherUsersFileIsRefused() throws {
        try XCTSkipUnless(geteuid() == 0, "changing a file's owner needs root")
        let path = write("[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword = \"pw-inline\"\n",
                         mode: 0o600)
        XCTAssertEqual(chown(path, 65534, 65534), 0)
        XCTAssertThrowsError(try Configuration.load(path: path, required: true)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("[smtp] password"), message)
            XCTAssertTrue(message.contains("belongs to another user"), message)
            XCTAssertFalse(message.contains("pw-inline"), message)
        }
    }
}
