import Foundation
import XCTest
@testable import MonbanCore

final class TOTPTests: XCTestCase {
    let rfcSecret = Array("12345678901234567890".utf8)

    /// RFC 6238 Appendix B, SHA-1: the last six digits of the 8-digit values.
    func testRFC6238Vectors() {
        let vectors: [(TimeInterval, String)] = [
            (59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"),
            (1_234_567_890, "005924"), (2_000_000_000, "279037"), (20_000_000_000, "353130"),
        ]
        for (time, expected) in vectors {
            XCTAssertEqual(TOTP.code(secret: rfcSecret, at: Date(timeIntervalSince1970: time)), expected, "T=\(time)")
        }
    }

    func testStep() {
        XCTAssertEqual(TOTP.step(at: Date(timeIntervalSince1970: 0)), 0)
        XCTAssertEqual(TOTP.step(at: Date(timeIntervalSince1970: 29.999)), 0)
        XCTAssertEqual(TOTP.step(at: Date(timeIntervalSince1970: 30)), 1)
        XCTAssertEqual(TOTP.step(at: Date(timeIntervalSince1970: 1_111_111_109)), 0x23523EC)
        XCTAssertEqual(TOTP.step(at: Date(timeIntervalSince1970: 20_000_000_000)), 0x27BC86AA)
    }

    func testCodesAreSixDigits() throws {
        let random = SeededRandom(seed: 3)
        for i in 0..<500 {
            let secret = try TOTP.newSecret(using: random)
            let code = TOTP.code(secret: secret, at: Date(timeIntervalSince1970: Double(i) * 30))
            XCTAssertEqual(code.count, 6)
            XCTAssertTrue(code.allSatisfy { $0.isASCII && $0.isNumber })
        }
    }

    func testNewSecretIs160Bits() throws {
        let a = try TOTP.newSecret(using: SystemRandom())
        let b = try TOTP.newSecret(using: SystemRandom())
        XCTAssertEqual(a.count, 20)
        XCTAssertNotEqual(a, b)
    }

    func testWindowAcceptsNeighbourStepsOnly() {
        let now = Date(timeIntervalSince1970: 1_790_000_015)
        let step = TOTP.step(at: now)
        for delta in -1...1 {
            let code = TOTP.code(secret: rfcSecret, step: step + Int64(delta))
            XCTAssertEqual(TOTP.matchingStep(code, secret: rfcSecret, at: now), step + Int64(delta), "delta \(delta)")
        }
        for delta: Int64 in [-3, -2, 2, 3] {
            let code = TOTP.code(secret: rfcSecret, step: step + delta)
            XCTAssertNil(TOTP.matchingStep(code, secret: rfcSecret, at: now), "delta \(delta)")
        }
        // A wider window, when asked for, reaches further; window 0 only the current step.
        let twoAway = TOTP.code(secret: rfcSecret, step: step + 2)
        XCTAssertEqual(TOTP.matchingStep(twoAway, secret: rfcSecret, at: now, window: 2), step + 2)
        let previous = TOTP.code(secret: rfcSecret, step: step - 1)
        XCTAssertNil(TOTP.matchingStep(previous, secret: rfcSecret, at: now, window: 0))
    }

    func testUsedStepPreventsReplay() {
        let now = Date(timeIntervalSince1970: 1_790_000_015)
        let code = TOTP.code(secret: rfcSecret, at: now)
        guard let used = TOTP.matchingStep(code, secret: rfcSecret, at: now) else { return XCTFail("no match") }
        XCTAssertNil(TOTP.matchingStep(code, secret: rfcSecret, at: now, usedStep: used))
        XCTAssertNil(TOTP.matchingStep(code, secret: rfcSecret, at: now + 20, usedStep: used))
        let next = TOTP.code(secret: rfcSecret, step: used + 1)
        XCTAssertEqual(TOTP.matchingStep(next, secret: rfcSecret, at: now + 30, usedStep: used), used + 1)
    }

    func testMalformedCodesNeverMatch() {
        let now = Date(timeIntervalSince1970: 1_111_111_109)
        XCTAssertEqual(TOTP.matchingStep("081804", secret: rfcSecret, at: now), TOTP.step(at: now))
        XCTAssertEqual(TOTP.matchingStep("081 804", secret: rfcSecret, at: now), TOTP.step(at: now))
        for bad in ["", "81804", "0818040", "08180a", "０８１８０４", "94287082", "081804\n"] {
            XCTAssertNil(TOTP.matchingStep(bad, secret: rfcSecret, at: now), bad)
        }
        XCTAssertNil(TOTP.matchingStep("081804", secret: Array("another secret......".utf8), at: now))
    }

    func testURIWithJapaneseIssuer() {
        let uri = TOTP.uri(issuer: "門番 株式会社", account: "hanako+work@example.jp", secret: rfcSecret)
        XCTAssertEqual(
            uri,
            "otpauth://totp/%E9%96%80%E7%95%AA%20%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE:hanako%2Bwork@example.jp"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=%E9%96%80%E7%95%AA%20%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE")
        // The URL parses, and decodes back to the original names.
        let components = URLComponents(string: uri)
        XCTAssertEqual(components?.scheme, "otpauth")
        XCTAssertEqual(components?.host, "totp")
        XCTAssertEqual(components?.path, "/門番 株式会社:hanako+work@example.jp")
        XCTAssertEqual(components?.queryItems?.first { $0.name == "issuer" }?.value, "門番 株式会社")
    }

    func testURIKeepsUnreservedAndEncodesColon() {
        let uri = TOTP.uri(issuer: "A-b.c_d~1", account: "x:y", secret: [0xFF])
        XCTAssertEqual(uri, "otpauth://totp/A-b.c_d~1:x%3Ay?secret=74&issuer=A-b.c_d~1")
    }

    /// TF-3, issue 20 item 1: the URI leaves out algorithm, digits and period because they
    /// are the key-URI format's defaults (SHA1, 6, 30); were the codes ever made otherwise,
    /// the URI would have to say so again.
    func testTF3_URIOmitsOnlyTheDefaults() {
        XCTAssertEqual(TOTP.digits, 6)
        XCTAssertEqual(TOTP.period, 30)
        let uri = TOTP.uri(issuer: "monban", account: "keiyakusha@demo.monban.example", secret: rfcSecret)
        for parameter in ["algorithm=", "digits=", "period="] { XCTAssertFalse(uri.contains(parameter), uri) }
    }

    // MARK: - Cross-check with oathtool

    func testAgreesWithOathtool() throws {
        let oathtool = try XCTUnwrap(Self.findExecutable("oathtool"), "oathtool is not installed (make test installs it)")
        let random = SeededRandom(seed: 0x6F61_7468)
        var cases: [(secret: [UInt8], time: Int64)] = []
        for _ in 0..<8 {
            let secret = try TOTP.newSecret(using: random)
            let raw = try random.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            cases.append((secret, Int64(raw % 4_000_000_000)))
        }
        // The brief's example time, as oathtool's date syntax.
        let fixed = try TOTP.newSecret(using: random)
        let expectedFixed = TOTP.code(secret: fixed, at: Date(timeIntervalSince1970: 1_795_564_800))
        XCTAssertEqual(
            try Self.run(oathtool, ["--totp", "-b", Base32.encode(fixed), "--now", "2026-11-25 00:00:00 UTC"]),
            expectedFixed)
        for (secret, time) in cases {
            let ours = TOTP.code(secret: secret, at: Date(timeIntervalSince1970: TimeInterval(time)))
            let theirs = try Self.run(oathtool, ["--totp", "-b", Base32.encode(secret), "--now", "@\(time)"])
            XCTAssertEqual(ours, theirs, "secret \(Base32.encode(secret)) at \(time)")
        }
        // And oathtool validates our code (it prints the matching offset, 0).
        let secret = cases[0].secret
        let time = cases[0].time
        let code = TOTP.code(secret: secret, at: Date(timeIntervalSince1970: TimeInterval(time)))
        XCTAssertEqual(try Self.run(oathtool, ["--totp", "-b", Base32.encode(secret), "--now", "@\(time)", code]), "0")
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(executable) \(arguments)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

final class TOTPEdgeTests: XCTestCase {
    func testEmptySecretDoesNotCrash() {
        let code = TOTP.code(secret: [], at: Date(timeIntervalSince1970: 59))
        // RFC 2104 allows an empty key; oathtool-compatible or not, it must not trap.
        XCTAssertTrue(code.isEmpty || code.count == 6)
    }
}
