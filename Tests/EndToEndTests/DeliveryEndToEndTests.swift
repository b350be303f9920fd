import Foundation
import TestSupport
import XCTest

/// Issue 8's "done when": e-mails through a real SMTP server (aiosmtpd on
/// 127.0.0.1) checked byte by byte where it matters, messages kept through an
/// outage and sent exactly once by two `monban deliver` processes, and the SMS
/// code through a Twilio-style gateway.
final class DeliveryEndToEndTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"
    let invited = "touroku@example.com"

    struct Message: Decodable {
        var id: Int
        var kind: String
        var to: String
        var subject: String
        var body: String
        var links: [String]
        var state: String
        var attempts: Int
        var last_error: String?
        var delivered_at: String?
    }

    /// `monban outbox --json`; with `reveal`, the links and codes still kept (issue 19 finding 4).
    func messages(reveal: Bool = false) throws -> [Message] {
        let r = try MonbanProcess.run(["outbox", "--db", db, "--json"] + (reveal ? ["--reveal"] : []))
        XCTAssertEqual(r.status, 0, r.stderr)
        return try r.stdout.split(separator: "\n").map { try JSONDecoder().decode(Message.self, from: Data($0.utf8)) }
    }

    /// A config.toml (mode 0600) in the test folder.
    func writeConfig(_ text: String) throws -> String {
        let path = dir.appendingPathComponent("config.toml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]))
        return path
    }

    /// The lock (LK-2), reset (PW-1) and registration (CT-4) e-mails in the outbox.
    func queueLockResetAndRegistration() throws {
        try createContract(email: email, password: password, twoStep: false)
        for i in 1...10 {
            _ = try monban("signin", "--db", db, "--email", email, stdin: "Wrong-\(i)!\n")
        }
        XCTAssertEqual(try monban("forgot", "--db", db, "--email", email).status, 0)
        let r = try monban("contract", "create", "--db", db, "--email", invited, "--plan", "basic")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try messages().map(\.subject), [
            "【おまかせクラウドストレージ】アカウントロック", "【おまかせクラウドストレージ】パスワードリセット",
            "【おまかせクラウドストレージ】利用者登録のご案内",
        ])
    }

    // MARK: TK-3 over SMTP with STARTTLS and AUTH

    func testTK3_lockResetAndRegistrationMailsArriveIntactAndTheirLinksWork() throws {
        let certs = try TestCertificates(in: dir.appendingPathComponent("certs"))
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"),
                                        arguments: ["--starttls", certs.certificate, certs.key, "--auth", "monban:smtp-s3cret"])
        let secret = dir.appendingPathComponent("smtp-password").path
        XCTAssertTrue(FileManager.default.createFile(atPath: secret, contents: Data("smtp-s3cret\n".utf8),
                                                    attributes: [.posixPermissions: 0o600]))
        let config = try writeConfig("""
            [smtp]
            url = "smtp://127.0.0.1:\(server.port)"
            from = "noreply@monban.example"
            username = "monban"
            password_file = "\(secret)"
            ca_file = "\(certs.caFile)"
            """)
        try queueLockResetAndRegistration()
        XCTAssertTrue(try messages().allSatisfy { $0.state == "pending" && $0.attempts == 0 }, "nothing goes out by itself from the CLI")
        // The messages as they go out, links opened (issue 19 finding 4): the outbox keeps them sealed.
        let queuedMessages = try messages(reveal: true)

        let r = try monban("deliver", "--db", db, "--config", config)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("sent 3, to retry 0, failed 0; waiting in the outbox: 0"), r.stdout)
        XCTAssertFalse(r.stdout.contains("ticket="), "no link in the log")
        let outbox = try messages()
        XCTAssertEqual(outbox.map(\.state), ["sent", "sent", "sent"])
        XCTAssertTrue(outbox.allSatisfy { $0.attempts == 1 && $0.delivered_at != nil })

        let received = try server.waitForMessages(3)
        XCTAssertEqual(received.count, 3)
        // Delivered: the outbox keeps the text with a placeholder, no link (issue 19 finding 4).
        XCTAssertTrue(outbox.allSatisfy { $0.links.isEmpty && !$0.body.contains("ticket=") }, "a delivered link kept")
        for (mail, queued) in zip(received, queuedMessages) {
            XCTAssertNil(mail.parse_error)
            XCTAssertEqual(mail.defects, [], "Python's e-mail package finds no defect")
            XCTAssertTrue(mail.tls, "STARTTLS")
            XCTAssertEqual(mail.user, "monban", "AUTH")
            XCTAssertEqual(mail.mail_from, "noreply@monban.example")
            XCTAssertEqual(mail.rcpt_tos, [queued.to])
            // The decoded subject is the manual's, byte for byte.
            XCTAssertEqual(mail.subject, queued.subject)
            XCTAssertEqual(Array((mail.subject ?? "").utf8), Array(queued.subject.utf8))
            XCTAssertEqual(mail.header("From"), "おまかせクラウドストレージ <noreply@monban.example>")
            XCTAssertEqual(mail.header("MIME-Version"), "1.0")
            XCTAssertEqual(mail.rawHeader("Content-Type"), "text/plain; charset=UTF-8")
            XCTAssertEqual(mail.charset, "utf-8")
            XCTAssertEqual(mail.transfer_encoding, "base64")
            XCTAssertNotNil(mail.header("Date"))
            XCTAssertTrue(mail.header("Message-ID")?.hasPrefix("<monban.\(queued.id).") == true, "\(mail.header("Message-ID") ?? "")")
            XCTAssertTrue(mail.header("Message-ID")?.hasSuffix("@monban.example>") == true)
            // The body is the outbox's, in canonical CRLF form, every line short.
            XCTAssertEqual(mail.body, queued.body.replacingOccurrences(of: "\n", with: "\r\n"))
            let lines = mail.raw.split(separator: 0x0A, omittingEmptySubsequences: false)
            XCTAssertTrue(lines.allSatisfy { $0.count <= 998 }, "RFC 5322 line limit")
            XCTAssertTrue(mail.raw.allSatisfy { $0 < 0x80 }, "7-bit clean on the wire")
            // The link arrives whole: exactly the outbox's link, on a line of its own.
            for link in queued.links {
                XCTAssertTrue(mail.body?.contains("\r\n\(link)\r\n") == true, "link \(link) intact in\n\(mail.body ?? "")")
            }
        }
        // The received links open (TK-2): taken from the received mail, not the outbox.
        func receivedLink(_ i: Int, _ path: String) throws -> String {
            let body = try XCTUnwrap(received[i].body)
            let line = body.components(separatedBy: "\r\n").first { $0.contains(path) }
            return try XCTUnwrap(line, "no \(path) link in the received mail")
        }
        let unlock = try monban("open", "--db", db, "--no-ui", try receivedLink(0, "/lo/unblock?ticket="))
        XCTAssertEqual(unlock.status, 0, unlock.stderr)
        XCTAssertTrue(unlock.stdout.contains("ロックを解除しました"), unlock.stdout)
        let reset = try monban("open", "--db", db, "--password-stdin", try receivedLink(1, "/lo/reset?ticket="),
                               stdin: "Atarashii-2026!\n")
        XCTAssertEqual(reset.status, 0, reset.stderr)
        let register = try monban("open", "--db", db, "--password-stdin", try receivedLink(2, "/lo/register?ticket="),
                                  stdin: "Shinki-Pass-2026!\n")
        XCTAssertEqual(register.status, 0, register.stderr)
        XCTAssertTrue(register.stdout.contains("登録が完了しました"), register.stdout)

        // AU-1: the outcomes are audited with the subjects, never a link or the SMTP password.
        let audit = try monban("audit", "--db", db).stdout
        XCTAssertEqual(audit.components(separatedBy: "message.sent").count - 1, 3, audit)
        XCTAssertFalse(audit.contains("ticket="))
        XCTAssertFalse(audit.contains("smtp-s3cret"))
        // Nothing more goes out but the reset's notice (NT-1), which carries no link.
        XCTAssertEqual(try monban("deliver", "--db", db, "--config", config).status, 0)
        XCTAssertEqual(try server.messages().count, 4)
        let notice = try XCTUnwrap(try server.messages().last?.body)
        XCTAssertFalse(notice.contains("ticket="), notice)
    }

    // MARK: Never lost, never twice

    func testMessagesWaitThroughAnOutageAndTwoDeliverersSendEachExactlyOnce() throws {
        let port = try closedPort()
        let config = try writeConfig("""
            [smtp]
            url = "smtp://127.0.0.1:\(port)"
            security = "none"
            from = "noreply@monban.example"
            timeout = 5

            [delivery]
            retry_initial = 0.5
            retry_max = 1
            poll_interval = 0.2
            """)
        try queueLockResetAndRegistration()
        // Five more mails: invitations (reset mails to one address are capped at three an hour, RL-1).
        for i in 1...5 {
            let r = try monban("contract", "create", "--db", db, "--email", "more\(i)@example.com", "--plan", "basic")
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let total = try messages().count
        XCTAssertEqual(total, 8)

        // The server is down: every message stays, pending, with its attempt and the error.
        let down = try monban("deliver", "--db", db, "--config", config)
        XCTAssertEqual(down.status, 0, down.stderr)
        XCTAssertTrue(down.stdout.contains("sent 0, to retry 8"), down.stdout)
        for m in try messages() {
            XCTAssertEqual(m.state, "pending")
            XCTAssertEqual(m.attempts, 1)
            XCTAssertTrue(m.last_error?.contains("SMTP:") == true, "\(m.last_error ?? "no error")")
        }

        // Two deliverers watch the same database; then the server comes back.
        func deliverer(_ name: String) throws -> Process {
            try MonbanProcess.start(["deliver", "--watch", "--db", db, "--config", config],
                                    log: dir.appendingPathComponent("\(name).log"))
        }
        let a = try deliverer("a"), b = try deliverer("b")
        defer {
            for p in [a, b] where p.isRunning { p.terminate() }
        }
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertEqual(try messages().filter { $0.state == "sent" }.count, 0, "still down")
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"), port: port)

        let deadline = Date() + 30
        while Date() < deadline, try messages().contains(where: { $0.state != "sent" }) { Thread.sleep(forTimeInterval: 0.2) }
        Thread.sleep(forTimeInterval: 2)  // time for a duplicate to show up, if there were one
        let outbox = try messages()
        XCTAssertEqual(outbox.map(\.state), Array(repeating: "sent", count: total))
        XCTAssertTrue(outbox.allSatisfy { $0.attempts >= 2 })
        let received = try server.messages()
        XCTAssertEqual(received.count, total, "each message exactly once")
        let ids = received.compactMap { $0.header("Message-ID") }
        XCTAssertEqual(Set(ids).count, total, "no Message-ID twice")
        XCTAssertEqual(Set(received.compactMap(\.subject)), Set(outbox.map(\.subject)))

        // Both stop cleanly on SIGTERM; between them they sent everything once.
        for p in [a, b] {
            p.terminate()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0)
        }
        let logs = try ["a", "b"].map { try String(contentsOf: dir.appendingPathComponent("\($0).log"), encoding: .utf8) }
        let sentLines = logs.joined().split(separator: "\n").filter { $0.hasPrefix("sent email") }
        XCTAssertEqual(sentLines.count, total, logs.joined())
    }

    // MARK: SMS through the gateway (TF-2)

    func testTF2_theSMSCodeReachesTheGatewayAndSignsIn() throws {
        let recorder = try SMSGatewayRecorder(log: dir.appendingPathComponent("sms.log"), user: "ACmonban", password: "gw-token")
        let config = try writeConfig("""
            [sms]
            url = "\(recorder.url)"
            from = "+815012345678"
            account = "ACmonban"
            token = "gw-token"

            [delivery]
            poll_interval = 0.2
            """)
        try createContract(email: email, password: password, twoStep: true)
        let t = try TmuxTerminal("'\(MonbanProcess.binary)' --db '\(db)' --config '\(config)'",
                                 environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
        t.waitFor("パスワードを忘れた方は")
        try t.type(email)
        try t.press("Tab")
        try t.type(password)
        try t.press("Enter")
        t.waitFor("電話番号")
        try t.type("090-1234-5678")
        try t.press("Enter")
        t.waitFor("ショートメッセージに送られてきた6文字")
        // The client's own deliverer posts it to the gateway.
        let deadline = Date() + 15
        var requests = try recorder.requests()
        while requests.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            requests = try recorder.requests()
        }
        let r = try XCTUnwrap(requests.first, "no request reached the SMS gateway")
        XCTAssertEqual(requests.count, 1)
        XCTAssertTrue(r.auth_ok, "basic auth with the account and token")
        XCTAssertEqual(r.path, "/2010-04-01/Accounts/ACtest/Messages.json")
        XCTAssertEqual(r.form["To"], "+819012345678")
        XCTAssertEqual(r.form["From"], "+815012345678")
        let body = try XCTUnwrap(r.form["Body"])
        XCTAssertTrue(body.hasPrefix("おまかせクラウドストレージ 認証コード: "), body)
        let code = String(try XCTUnwrap(body.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }))
        try t.type(code)
        try t.press("Enter")
        t.waitFor("リカバリコードを保存しました")
        let sms = try XCTUnwrap(messages().last { $0.kind == "sms" })
        XCTAssertEqual(sms.state, "sent")
        let audit = try monban("audit", "--db", db).stdout
        XCTAssertTrue(audit.contains("message.sent"), audit)
        XCTAssertFalse(audit.contains(code), "the code never in the audit log")
        XCTAssertFalse(audit.contains("9012345678"), "the number only masked")
    }
}
