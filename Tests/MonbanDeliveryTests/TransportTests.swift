import Foundation
import XCTest
import MonbanCore
import MonbanDelivery
import MonbanHTTP
import TestSupport

/// libcurl's SMTP against a real SMTP server (aiosmtpd) on 127.0.0.1 with
/// STARTTLS, implicit TLS and AUTH; the SMS gateway against a recorder.
final class TransportTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func job(_ kind: OutboxMessage.Kind = .email, to: String = "keiyaku@example.com") -> DeliveryJob {
        let mail = MailTemplates(service: "おまかせクラウドストレージ")
            .accountLock(name: "門番 太郎", link: "https://login.monban.example/lo/unblock?ticket=TICKET123")
        let body = kind == .email ? mail.body : "おまかせクラウドストレージ 認証コード: 123456\n10分間有効です。"
        let message = OutboxMessage(id: 7, kind: kind, to: to, subject: kind == .email ? mail.subject : "", body: body, links: [],
                                    sentAt: Date())
        return DeliveryJob(message: message, attempt: 1, messageID: "<monban.7.abc@example.jp>", worker: "test")
    }

    func smtp(_ url: String, _ security: SMTPServer.Security, user: String? = nil, password: String? = nil,
              ca: String? = nil) -> SMTPTransport {
        SMTPTransport(SMTPSettings(
            server: SMTPServer(url: url, security: security, username: user, password: password, caFile: ca, timeout: .seconds(10)),
            from: "noreply@example.jp", fromName: "おまかせクラウドストレージ"), now: { Date(timeIntervalSince1970: 1_790_000_000) })
    }

    func testSTARTTLSWithAuthDeliversTheMessageIntact() throws {
        let certs = try TestCertificates(in: dir.appendingPathComponent("certs"))
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"),
                                        arguments: ["--starttls", certs.certificate, certs.key, "--auth", "monban:s3cret"])
        let transport = smtp("smtp://127.0.0.1:\(server.port)", .startTLS, user: "monban", password: "s3cret", ca: certs.caFile)
        XCTAssertEqual(transport.deliver(job()), .sent)
        let got = try server.waitForMessages(1)
        XCTAssertEqual(got.count, 1)
        let m = try XCTUnwrap(got.first)
        XCTAssertNil(m.parse_error)
        XCTAssertEqual(m.defects, [])
        XCTAssertTrue(m.tls, "STARTTLS was used")
        XCTAssertEqual(m.user, "monban")
        XCTAssertEqual(m.mail_from, "noreply@example.jp")
        XCTAssertEqual(m.rcpt_tos, ["keiyaku@example.com"])
        XCTAssertEqual(m.subject, "【おまかせクラウドストレージ】アカウントロック")
        XCTAssertEqual(m.header("From"), "おまかせクラウドストレージ <noreply@example.jp>")
        XCTAssertEqual(m.header("Message-ID"), "<monban.7.abc@example.jp>")
        XCTAssertEqual(m.charset, "utf-8")
        XCTAssertEqual(m.transfer_encoding, "base64")
        // Text travels in canonical form, CRLF line ends (RFC 2049).
        XCTAssertEqual(m.body, job().message.body.replacingOccurrences(of: "\n", with: "\r\n"))
        XCTAssertTrue(m.body?.contains("\r\nhttps://login.monban.example/lo/unblock?ticket=TICKET123\r\n") == true)
        // What went over the wire is exactly what the composer made (libcurl only dot-stuffs, and no line starts with ".").
        XCTAssertEqual(m.raw, transport.message(for: job()))
    }

    func testImplicitTLS() throws {
        let certs = try TestCertificates(in: dir.appendingPathComponent("certs"))
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"), arguments: ["--tls", certs.certificate, certs.key])
        XCTAssertEqual(smtp("smtps://127.0.0.1:\(server.port)", .implicitTLS, ca: certs.caFile).deliver(job()), .sent)
        XCTAssertEqual(try server.waitForMessages(1).first?.tls, true)
    }

    func testAnUntrustedCertificateIsRefusedAndRetried() throws {
        let certs = try TestCertificates(in: dir.appendingPathComponent("certs"))
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"), arguments: ["--tls", certs.certificate, certs.key])
        guard case .retry(let reason) = smtp("smtps://127.0.0.1:\(server.port)", .implicitTLS).deliver(job()) else {
            return XCTFail("a certificate from an unknown CA must not be accepted")
        }
        XCTAssertTrue(reason.hasPrefix("SMTP:"), reason)
        XCTAssertEqual(try server.messages().count, 0)
    }

    func testSTARTTLSRequiredButNotOfferedSendsNothing() throws {
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"))
        guard case .retry = smtp("smtp://127.0.0.1:\(server.port)", .startTLS).deliver(job()) else {
            return XCTFail("must not fall back to clear text")
        }
        XCTAssertEqual(try server.messages().count, 0)
        // Explicitly in clear (a relay on the same machine), it goes.
        XCTAssertEqual(smtp("smtp://127.0.0.1:\(server.port)", .none).deliver(job()), .sent)
    }

    func testAWrongPasswordIsRetriedNotDropped() throws {
        let certs = try TestCertificates(in: dir.appendingPathComponent("certs"))
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"),
                                        arguments: ["--starttls", certs.certificate, certs.key, "--auth", "monban:s3cret"])
        let outcome = smtp("smtp://127.0.0.1:\(server.port)", .startTLS, user: "monban", password: "wrong-pw", ca: certs.caFile)
            .deliver(job())
        guard case .retry(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertFalse(reason.contains("wrong-pw"), "never the password in an error")
    }

    func testRecipientRefusals() throws {
        let server = try SMTPTestServer(maildir: dir.appendingPathComponent("mail"),
                                        arguments: ["--reject", "gone@example.com=550", "--reject", "busy@example.com=450"])
        let t = smtp("smtp://127.0.0.1:\(server.port)", .none)
        guard case .permanent(let r) = t.deliver(job(to: "gone@example.com")) else { return XCTFail("550 is permanent") }
        XCTAssertTrue(r.contains("550"), r)
        guard case .retry(let r2) = t.deliver(job(to: "busy@example.com")) else { return XCTFail("450 is temporary") }
        XCTAssertTrue(r2.contains("450"), r2)
    }

    func testNoServerIsATemporaryFailure() throws {
        let outcome = smtp("smtp://127.0.0.1:\(try closedPort())", .none).deliver(job())
        guard case .retry = outcome else { return XCTFail("\(outcome)") }
    }

    func testSMSGatewayGetsATwilioStyleFormWithBasicAuth() throws {
        let recorder = try SMSGatewayRecorder(log: dir.appendingPathComponent("sms.log"))
        let t = SMSGatewayTransport(SMSSettings(url: recorder.url, from: "+815012345678", account: "ACtest", token: "token"))
        XCTAssertEqual(t.deliver(job(.sms, to: "+819012345678")), .sent)
        let r = try XCTUnwrap(recorder.requests().first)
        XCTAssertEqual(r.path, "/2010-04-01/Accounts/ACtest/Messages.json")
        XCTAssertTrue(r.auth_ok)
        XCTAssertEqual(r.content_type, "application/x-www-form-urlencoded")
        XCTAssertEqual(r.form, ["To": "+819012345678", "From": "+815012345678",
                                "Body": "おまかせクラウドストレージ 認証コード: 123456\n10分間有効です。"])
        let wrong = SMSGatewayTransport(SMSSettings(url: recorder.url, from: "+815012345678", account: "ACtest", token: "nope"))
        guard case .retry(let reason) = wrong.deliver(job(.sms, to: "+819012345678")) else { return XCTFail("401 is retried") }
        XCTAssertFalse(reason.contains("nope"))
    }

    func testSMSGatewayRefusalIsPermanent() throws {
        let recorder = try SMSGatewayRecorder(log: dir.appendingPathComponent("sms.log"), status: 400)
        let t = SMSGatewayTransport(SMSSettings(url: recorder.url, from: "+815012345678", account: "ACtest", token: "token"))
        XCTAssertEqual(t.deliver(job(.sms, to: "+819012345678")), .permanent("the SMS gateway refused the message (HTTP 400)"))
    }
}
