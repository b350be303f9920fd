import Foundation
import XCTest
@testable import MonbanCore
import MonbanDelivery

/// The MIME message (issue 8 part 2): RFC 2047 subjects, UTF-8 base64 bodies,
/// the headers a mail server and reader expect, line lengths.
final class MailComposerTests: XCTestCase {
    let templates = MailTemplates(service: "おまかせクラウドストレージ")

    func compose(_ mail: MailTemplates.Mail, fromName: String? = "おまかせクラウドストレージ") -> String {
        let bytes = MailComposer.compose(MailComposer.Mail(
            from: "noreply@example.jp", fromName: fromName, to: "keiyaku@example.com", subject: mail.subject,
            body: mail.body, messageID: "<monban.1.abc@example.jp>", date: Date(timeIntervalSince1970: 1_790_000_000)))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes RFC 2047 "B" words (independently of the composer).
    func decodeWords(_ value: String) -> String {
        var bytes: [UInt8] = []
        for token in value.split(whereSeparator: { $0 == " " || $0 == "\r" || $0 == "\n" }) {
            XCTAssertTrue(token.hasPrefix("=?UTF-8?B?") && token.hasSuffix("?="), String(token))
            XCTAssertLessThanOrEqual(token.utf8.count, 75, "RFC 2047: an encoded word is at most 75 characters")
            let b64 = token.dropFirst(10).dropLast(2)
            guard let data = Data(base64Encoded: String(b64)) else {
                XCTFail("not base64: \(token)")
                continue
            }
            // Each word decodes to whole characters on its own (RFC 2047 §5).
            XCTAssertNotNil(String(data: data, encoding: .utf8), "a word splits a character: \(token)")
            bytes += data
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func headers(_ message: String) -> [(String, String)] {
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        var out: [(String, String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" "), let last = out.popLast() {
                out.append((last.0, last.1 + line))
            } else if let colon = line.firstIndex(of: ":") {
                out.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return out
    }

    func testTK3_japaneseSubjectIsEncodedWordsThatDecodeToTheManualsSubject() throws {
        let lock = templates.accountLock(name: "門番 太郎", link: "https://login.monban.example/lo/unblock?ticket=abc")
        let message = compose(lock)
        let subject = try XCTUnwrap(headers(message).first { $0.0 == "Subject" }?.1)
        XCTAssertEqual(decodeWords(subject), "【おまかせクラウドストレージ】アカウントロック")
        let from = try XCTUnwrap(headers(message).first { $0.0 == "From" }?.1)
        XCTAssertTrue(from.hasSuffix("<noreply@example.jp>"), from)
        XCTAssertEqual(decodeWords(String(from.dropLast("<noreply@example.jp>".count))), "おまかせクラウドストレージ")
    }

    func testHeadersAndBody() throws {
        let body = templates.passwordReset(name: "門番 太郎", link: "https://login.monban.example/lo/reset?ticket=XYZ")
        let message = compose(body)
        let h = Dictionary(headers(message), uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(h["Date"], "Mon, 21 Sep 2026 23:13:20 +0900")
        XCTAssertEqual(h["Message-ID"], "<monban.1.abc@example.jp>")
        XCTAssertEqual(h["MIME-Version"], "1.0")
        XCTAssertEqual(h["Content-Type"], "text/plain; charset=UTF-8")
        XCTAssertEqual(h["Content-Transfer-Encoding"], "base64")
        XCTAssertEqual(h["To"], "keiyaku@example.com")
        let encoded = message.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        let decoded = String(decoding: try XCTUnwrap(Data(base64Encoded: encoded)), as: UTF8.self)
        XCTAssertEqual(decoded, body.body.replacingOccurrences(of: "\n", with: "\r\n"))
        XCTAssertTrue(decoded.contains("https://login.monban.example/lo/reset?ticket=XYZ\r\n"))
    }

    func testEveryLineEndsInCRLFAndIsShort() {
        let long = MailTemplates(service: String(repeating: "長いサービス名", count: 20))
        for name in ["おまかせクラウドストレージ", "Plain Name \"quoted\"", String(repeating: "名", count: 80)] {
            let message = compose(long.accountLock(name: "門番 太郎", link: "https://x.example/lo/unblock?ticket=t"), fromName: name)
            let bytes = Array(message.utf8)
            XCTAssertTrue(bytes.allSatisfy { $0 < 0x80 }, "7-bit clean")
            for (i, b) in bytes.enumerated() where b == 0x0A {
                XCTAssertEqual(i > 0 ? bytes[i - 1] : 0, 0x0D, "bare LF")
            }
            for line in message.components(separatedBy: "\r\n") {
                XCTAssertLessThanOrEqual(line.utf8.count, 76, line)
            }
            let subject = headers(message).first { $0.0 == "Subject" }?.1 ?? ""
            XCTAssertEqual(decodeWords(subject), "【\(String(repeating: "長いサービス名", count: 20))】アカウントロック")
        }
    }

    func testAnASCIISubjectStaysReadable() {
        let message = compose(MailTemplates.Mail(subject: "Account locked", body: "x"))
        XCTAssertTrue(message.contains("\r\nSubject: Account locked\r\n"), message)
    }
}
