import XCTest
import MonbanCrypto
@testable import MonbanCore

final class RecoveryCodeTests: XCTestCase {
    func testAlphabetHasNoLookAlikes() {
        XCTAssertEqual(RecoveryCode.alphabet.count, 31)
        XCTAssertEqual(Set(RecoveryCode.alphabet).count, 31)
        for c in "0O1IL" { XCTAssertFalse(RecoveryCode.alphabet.contains(c), String(c)) }
    }

    func testLengthAndAlphabet() throws {
        let random = SeededRandom(seed: 11)
        for _ in 0..<200 {
            let code = try RecoveryCode.generate(using: random)
            XCTAssertEqual(code.value.count, 24)
            XCTAssertTrue(code.value.allSatisfy { RecoveryCode.alphabet.contains($0) }, code.value)
        }
        XCTAssertNotEqual(try RecoveryCode.generate(using: SystemRandom()), try RecoveryCode.generate(using: SystemRandom()))
    }

    func testGrouping() throws {
        let code = try XCTUnwrap(RecoveryCode("ABCDEFGHJKMNPQRSTUVWXYZ2"))
        XCTAssertEqual(code.grouped, "ABCD EFGH JKMN PQRS TUVW XYZ2")
        let generated = try RecoveryCode.generate(using: SeededRandom(seed: 5))
        XCTAssertEqual(generated.grouped.count, 29)
        XCTAssertEqual(generated.grouped.split(separator: " ").map(\.count), [4, 4, 4, 4, 4, 4])
        XCTAssertEqual(RecoveryCode.normalize(generated.grouped), generated.value)
    }

    func testNormalizationVariants() {
        let canonical = "ABCDEFGHJKMNPQRSTUVWXYZ2"
        let variants = [
            canonical,
            "ABCD EFGH JKMN PQRS TUVW XYZ2",
            "abcd efgh jkmn pqrs tuvw xyz2",
            "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2",
            "ABCD\u{3000}EFGH\u{3000}JKMN\u{3000}PQRS\u{3000}TUVW\u{3000}XYZ2",  // full-width spaces
            "ＡＢＣＤ　ＥＦＧＨ　ＪＫＭＮ　ＰＱＲＳ　ＴＵＶＷ　ＸＹＺ２",             // full-width letters (IME)
            "  AbCd  EfGh\tJKMN\nPQRS – TUVW—XYZ2 ",
            "ABCD－EFGH－JKMN－PQRS－TUVW－XYZ2",                                    // full-width hyphens
        ]
        for variant in variants {
            XCTAssertEqual(RecoveryCode.normalize(variant), canonical, variant)
        }
    }

    func testNormalizationRejects() {
        let rejected = [
            "",
            "ABCD EFGH JKMN PQRS TUVW XYZ",        // 23
            "ABCD EFGH JKMN PQRS TUVW XYZ22",      // 25
            "ABCD EFGH JKMN PQRS TUVW XYZ0",       // 0 is not in the alphabet
            "ABCD EFGH JKMN PQRS TUVW XYZO",       // nor O
            "ABCD EFGH JKMN PQRS TUVW XYZ1",       // nor 1
            "ABCD EFGH JKMN PQRS TUVW XYZI",       // nor I
            "ABCD EFGH JKMN PQRS TUVW XYZl",       // nor l / L
            "ABCD_EFGH_JKMN_PQRS_TUVW_XYZ2",
            "ABCD.EFGH.JKMN.PQRS.TUVW.XYZ2",
            "ABCD EFGH JKMN PQRS TUVW XYZ日",
            "ÀBCD EFGH JKMN PQRS TUVW XYZ2",
        ]
        for text in rejected {
            XCTAssertNil(RecoveryCode.normalize(text), text)
            XCTAssertNil(RecoveryCode(text), text)
        }
    }

    func testEveryLetterAppears() throws {
        let random = SeededRandom(seed: 2026)
        var counts: [Character: Int] = [:]
        for _ in 0..<2000 {
            for c in try RecoveryCode.generate(using: random).value { counts[c, default: 0] += 1 }
        }
        XCTAssertEqual(Set(counts.keys), Set(RecoveryCode.alphabet))
        // 48,000 letters over 31: about 1,548 each. Loose bounds, only to catch gross bias.
        for (c, n) in counts { XCTAssertTrue((1_300...1_800).contains(n), "\(c): \(n)") }
    }

    func testRejectionSamplingSkipsHighBytes() throws {
        // A source that gives only bytes ≥ 248 first would bias by modulo; they are skipped.
        final class Scripted: RandomSource, @unchecked Sendable {
            var calls = 0
            func bytes(_ count: Int) throws(EngineError) -> [UInt8] {
                calls += 1
                return calls == 1 ? [UInt8](repeating: 255, count: count) : [UInt8](repeating: 31, count: count)
            }
        }
        let source = Scripted()
        let code = try RecoveryCode.generate(using: source)
        XCTAssertEqual(code.value, String(repeating: "A", count: 24))  // 31 % 31 == 0 → "A"
        XCTAssertEqual(source.calls, 2)
    }

    func testStoredHashIsSHA256OfNormalizedCode() throws {
        let code = try XCTUnwrap(RecoveryCode("abcd-efgh-jkmn-pqrs-tuvw-xyz2"))
        XCTAssertEqual(code.storedHash, Digest.sha256(Array("ABCDEFGHJKMNPQRSTUVWXYZ2".utf8)))
    }

    func testMatches() throws {
        let code = try RecoveryCode.generate(using: SystemRandom())
        let stored = code.storedHash
        XCTAssertTrue(RecoveryCode.matches(code.value, storedHash: stored))
        XCTAssertTrue(RecoveryCode.matches(code.grouped.lowercased(), storedHash: stored))
        XCTAssertTrue(RecoveryCode.matches(code.grouped.replacingOccurrences(of: " ", with: "-"), storedHash: stored))

        let other = try RecoveryCode.generate(using: SystemRandom())
        XCTAssertFalse(RecoveryCode.matches(other.value, storedHash: stored))
        XCTAssertFalse(RecoveryCode.matches(String(code.value.dropLast()), storedHash: stored))
        XCTAssertFalse(RecoveryCode.matches("", storedHash: stored))
        XCTAssertFalse(RecoveryCode.matches(code.value, storedHash: []))
        XCTAssertFalse(RecoveryCode.matches(code.value, storedHash: Array(stored.dropLast())))
    }
}
