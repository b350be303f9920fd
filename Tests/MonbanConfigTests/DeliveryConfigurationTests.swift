import Foundation
import MonbanConfig
import MonbanCore
import MonbanDelivery
import MonbanHTTP
import XCTest

/// `[smtp]`, `[sms]`, `[delivery]`, `[kiosk]` (issue 8 part 1): what they set,
/// refusals with the file, line and reason, and secrets kept out of view.
final class DeliveryConfigurationTests: XCTestCase {
    func testEverySection() throws {
        setenv("MONBAN_TEST_SMS_TOKEN", "tok-from-env", 1)
        let c = try Configuration.parse("""
            [smtp]
            url = "smtp://mail.example.jp:587"
            from = "noreply@example.jp"
            from_name = "おまかせクラウドストレージ"
            username = "monban"
            password = "pw-inline"
            ca_file = "/etc/monban/ca.pem"
            timeout = 20

            [sms]
            url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json"
            from = "+815012345678"
            account = "AC1"
            token_env = "MONBAN_TEST_SMS_TOKEN"

            [delivery]
            in_client = false
            max_attempts = 5
            retry_initial = 1.5
            retry_max = 60
            poll_interval = 0.5

            [kiosk]
            enabled = true
            idle_timeout = 2
            """, file: "c.toml")
        let smtp = try XCTUnwrap(c.smtp)
        XCTAssertEqual(smtp.server.url, "smtp://mail.example.jp:587")
        XCTAssertEqual(smtp.server.security, .startTLS, "smtp:// means STARTTLS unless told otherwise")
        XCTAssertEqual(smtp.server.username, "monban")
        XCTAssertEqual(smtp.server.password, "pw-inline")
        XCTAssertEqual(smtp.server.caFile, "/etc/monban/ca.pem")
        XCTAssertEqual(smtp.server.timeout, .seconds(20))
        XCTAssertEqual(smtp.from, "noreply@example.jp")
        XCTAssertEqual(smtp.domain, "example.jp")
        let sms = try XCTUnwrap(c.sms)
        XCTAssertEqual(sms.token, "tok-from-env")
        XCTAssertEqual(sms.account, "AC1")
        XCTAssertFalse(c.delivery.inClient)
        XCTAssertEqual(c.delivery.policy.maxAttempts, 5)
        XCTAssertEqual(c.delivery.policy.retryInitial, 1.5)
        XCTAssertEqual(c.delivery.policy.retryMax, 60)
        XCTAssertEqual(c.delivery.policy.lease, 70, "twice the slowest timeout (20 s) plus 30 s")
        XCTAssertEqual(c.delivery.pollInterval, 0.5)
        XCTAssertEqual(c.kiosk, KioskSettings(enabled: true, idleTimeout: 2))
        XCTAssertEqual(c.inlineSecrets, ["[smtp] password"])
        for text in ["\(c)", String(reflecting: c)] {
            XCTAssertFalse(text.contains("pw-inline"), text)
            XCTAssertFalse(text.contains("tok-from-env"), text)
        }
    }

    func testDefaults() throws {
        let c = try Configuration.parse("[smtp]\nurl = \"smtps://mail.example.jp\"\nfrom = \"a@example.jp\"\n", file: "c.toml")
        XCTAssertEqual(c.smtp?.server.security, .implicitTLS)
        XCTAssertNil(c.sms, "no gateway: SMS stay pending")
        XCTAssertTrue(c.delivery.inClient)
        XCTAssertEqual(c.kiosk, KioskSettings(enabled: false, idleTimeout: 120))
    }

    func testBadValuesNameFileLineAndReason() {
        let cases: [(String, Int?, String)] = [
            ("[smtp]\nurl = \"http://mail\"\nfrom = \"a@b.jp\"\n", 2, "url must be smtp://"),
            ("[smtp]\nurl = \"smtp://mail\"\nfrom = \"nobody\"\n", 3, "from must be an e-mail address"),
            ("[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nsecurity = \"ssl\"\n", 4, "security must be"),
            ("[smtp]\nurl = \"smtps://mail\"\nfrom = \"a@b.jp\"\nsecurity = \"starttls\"\n", 4, "goes with smtps://"),
            ("[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword = \"p\"\nsecurity = \"none\"\n", 6,
             "in clear"),
            ("[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\npassword = \"p\"\n", 4, "needs a username"),
            ("[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword = \"p\"\npassword_env = \"X\"\n", nil,
             "only one of"),
            ("[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword_env = \"MONBAN_NOT_SET_ANYWHERE\"\n", 5,
             "which is not set"),
            ("[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nport = 25\n", 4, "unknown key \"port\""),
            ("[smtp]\nfrom = \"a@b.jp\"\n", 1, "url is required"),
            ("[sms]\nurl = \"http://gw.example.jp/x\"\nfrom = \"+81\"\naccount = \"a\"\ntoken = \"t\"\n", 2, "https://"),
            ("[sms]\nurl = \"https://gw.example.jp/x\"\n", 1, "from is required"),
            ("[delivery]\nmax_attempts = 0\n", 2, "between 1 and 1000"),
            ("[delivery]\nretry_initial = 60\nretry_max = 10\n", 3, "at least retry_initial"),
            ("[delivery]\nin_client = \"yes\"\n", 2, "true or false"),
            ("\n[kiosk]\nidle_timeout = \"2\"\n", 3, "must be a number"),
            ("[kiosk]\nidle = 2\n", 2, "unknown key \"idle\""),
            ("kiosk = 1\n", 1, "must be a table"),
        ]
        for (text, line, reason) in cases {
            XCTAssertThrowsError(try Configuration.parse(text, file: "c.toml"), text) { error in
                guard let f = error as? Configuration.Failure else { return XCTFail("\(error)") }
                XCTAssertTrue(f.reason.contains(reason), "\(f) should say \(reason)")
                if let line { XCTAssertEqual(f.line, line, "\(f) for\n\(text)") }
                XCTAssertTrue("\(f)".hasPrefix(line.map { "c.toml:\($0): " } ?? "c.toml"), "\(f)")
            }
        }
    }

    /// A file with a password in it must be owner-only; so must a password file.
    func testSecretsNeedOwnerOnlyFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.toml").path
        let text = "[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword = \"pw-inline\"\n"
        _ = FileManager.default.createFile(atPath: config, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644])
        XCTAssertThrowsError(try Configuration.load(path: config, required: true)) { error in
            XCTAssertTrue("\(error)".contains("chmod 600"), "\(error)")
            XCTAssertFalse("\(error)".contains("pw-inline"))
        }
        chmod(config, 0o600)
        XCTAssertEqual(try Configuration.load(path: config, required: true).smtp?.server.password, "pw-inline")

        let secret = dir.appendingPathComponent("smtp-password").path
        _ = FileManager.default.createFile(atPath: secret, contents: Data("from-file\n".utf8), attributes: [.posixPermissions: 0o640])
        let text2 = "[smtp]\nurl = \"smtp://mail\"\nfrom = \"a@b.jp\"\nusername = \"u\"\npassword_file = \"\(secret)\"\n"
        _ = FileManager.default.createFile(atPath: config, contents: Data(text2.utf8), attributes: [.posixPermissions: 0o644])
        XCTAssertThrowsError(try Configuration.load(path: config, required: true)) { error in
            XCTAssertTrue("\(error)".contains("can be read or written by other users"), "\(error)")
        }
        chmod(secret, 0o600)
        let c = try Configuration.load(path: config, required: true)
        XCTAssertEqual(c.smtp?.server.password, "from-file", "the file's line, without its line end")
        XCTAssertEqual(c.inlineSecrets, [], "a 0644 config.toml is fine when the secret is elsewhere")
    }
}
