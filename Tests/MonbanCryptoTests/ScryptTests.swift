import XCTest
@testable import MonbanCrypto

final class ScryptTests: XCTestCase {
    // RFC 7914 §12, vector 1.
    func testRFC7914EmptyPasswordAndSalt() throws {
        let key = try Scrypt.derive(password: [], salt: [], n: 16, r: 1, p: 1, length: 64)
        XCTAssertEqual(hexString(key), """
            77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442\
            fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906
            """)
    }

    // RFC 7914 §12, vector 2.
    func testRFC7914PasswordNaCl() throws {
        let key = try Scrypt.derive(
            password: Array("password".utf8), salt: Array("NaCl".utf8), n: 1024, r: 8, p: 16, length: 64)
        XCTAssertEqual(hexString(key), """
            fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162\
            2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640
            """)
    }

    // RFC 7914 §12, vector 3.
    func testRFC7914PleaseLetMeIn() throws {
        let key = try Scrypt.derive(
            password: Array("pleaseletmein".utf8), salt: Array("SodiumChloride".utf8),
            n: 16384, r: 8, p: 1, length: 64)
        XCTAssertEqual(hexString(key), """
            7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2\
            d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887
            """)
    }

    /// The shipped cost (N = 2^17, r = 8) needs 128 MiB, over the 32 MiB a scrypt
    /// implementation allows by default: this fails unless the memory cap is raised.
    func testShippedCostSucceeds() throws {
        let key = try Scrypt.derive(
            password: Array("correct horse".utf8), salt: [UInt8](repeating: 7, count: 16),
            n: 1 << 17, r: 8, p: 1, length: 32)
        XCTAssertEqual(key.count, 32)
        XCTAssertNotEqual(key, [UInt8](repeating: 0, count: 32))
    }

    func testOutputLengthIsHonouredAndPrefixStable() throws {
        let short = try Scrypt.derive(password: [1, 2, 3], salt: [4, 5], n: 16, r: 1, p: 1, length: 16)
        let long = try Scrypt.derive(password: [1, 2, 3], salt: [4, 5], n: 16, r: 1, p: 1, length: 48)
        XCTAssertEqual(short.count, 16)
        XCTAssertEqual(long.count, 48)
        // PBKDF2 output: a shorter key is a prefix of a longer one.
        XCTAssertEqual(Array(long.prefix(16)), short)
    }

    func testDifferentSaltGivesDifferentKey() throws {
        let a = try Scrypt.derive(password: Array("pw".utf8), salt: [1], n: 16, r: 1, p: 1, length: 32)
        let b = try Scrypt.derive(password: Array("pw".utf8), salt: [2], n: 16, r: 1, p: 1, length: 32)
        XCTAssertNotEqual(a, b)
    }

    func testNNotPowerOfTwoThrows() {
        for n: UInt64 in [0, 1, 3, 1000, 1025] {
            XCTAssertThrowsError(try Scrypt.derive(password: [1], salt: [2], n: n, r: 1, p: 1, length: 32),
                                 "n = \(n)") { error in
                XCTAssertEqual(error as? Scrypt.Failure, .invalidParameters)
            }
        }
    }

    func testZeroROrPOrLengthThrows() {
        XCTAssertThrowsError(try Scrypt.derive(password: [1], salt: [2], n: 16, r: 0, p: 1, length: 32)) {
            XCTAssertEqual($0 as? Scrypt.Failure, .invalidParameters)
        }
        XCTAssertThrowsError(try Scrypt.derive(password: [1], salt: [2], n: 16, r: 1, p: 0, length: 32)) {
            XCTAssertEqual($0 as? Scrypt.Failure, .invalidParameters)
        }
        XCTAssertThrowsError(try Scrypt.derive(password: [1], salt: [2], n: 16, r: 1, p: 1, length: 0)) {
            XCTAssertEqual($0 as? Scrypt.Failure, .invalidParameters)
        }
    }

    /// RFC 7914 requires N < 2^(128·r/8), i.e. N < 2^16 for r = 1: refused as parameters,
    /// before the library is asked (whose refusal would be `.failed`).
    func testNTooLargeForRThrows() {
        XCTAssertThrowsError(try Scrypt.derive(password: [1], salt: [2], n: 1 << 16, r: 1, p: 1, length: 32)) {
            XCTAssertEqual($0 as? Scrypt.Failure, .invalidParameters)
        }
    }

    /// A failure of the library is thrown, never a key of zeros (issue 18).
    func testInjectedFailureThrows() {
        CryptoFaults.inject([.scrypt])
        defer { CryptoFaults.clear() }
        XCTAssertThrowsError(try Scrypt.derive(password: [1], salt: [2], n: 16, r: 1, p: 1, length: 32)) {
            XCTAssertEqual($0 as? Scrypt.Failure, .failed)
        }
    }
}
