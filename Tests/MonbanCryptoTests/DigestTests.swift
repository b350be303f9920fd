import XCTest
@testable import MonbanCrypto

final class DigestTests: XCTestCase {
    // FIPS 180-2, appendix B.1.
    func testSHA256abc() {
        XCTAssertEqual(hexString(Digest.sha256(Array("abc".utf8))),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testSHA256Empty() {
        XCTAssertEqual(hexString(Digest.sha256([])),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testSHA256TwoBlockFIPSVector() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        XCTAssertEqual(hexString(Digest.sha256(message)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    // RFC 2202, HMAC-SHA1 test case 1.
    func testHMACSHA1RFC2202Case1() {
        let mac = Digest.hmac(.sha1, key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        XCTAssertEqual(hexString(mac), "b617318655057264e28bc0b6fb378c8ef146be00")
    }

    // RFC 2202, HMAC-SHA1 test case 2.
    func testHMACSHA1RFC2202Case2() {
        let mac = Digest.hmac(.sha1, key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        XCTAssertEqual(hexString(mac), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }

    // RFC 4226 appendix D / RFC 6238 key "12345678901234567890": HMAC-SHA1 of counters 0 and 1.
    func testHMACSHA1RFC4226Key() {
        let key = Array("12345678901234567890".utf8)
        func counter(_ c: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(truncatingIfNeeded: c >> (8 * UInt64($0))) } }
        XCTAssertEqual(hexString(Digest.hmac(.sha1, key: key, message: counter(0))),
                       "cc93cf18508d94934c64b65d8ba7667fb7cde4b0")
        XCTAssertEqual(hexString(Digest.hmac(.sha1, key: key, message: counter(1))),
                       "75a48a19d4cbe100644e8ac1397eea747a2d33ab")
    }

    // RFC 4231, HMAC-SHA256 test case 1.
    func testHMACSHA256RFC4231Case1() {
        let mac = Digest.hmac(.sha256, key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        XCTAssertEqual(hexString(mac), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    // RFC 4231, HMAC-SHA256 test case 2.
    func testHMACSHA256RFC4231Case2() {
        let mac = Digest.hmac(.sha256, key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        XCTAssertEqual(hexString(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testHMACLengths() {
        XCTAssertEqual(Digest.hmac(.sha1, key: [1], message: [2]).count, 20)
        XCTAssertEqual(Digest.hmac(.sha256, key: [1], message: [2]).count, 32)
    }

    /// An empty key and message still give the real HMAC, not an empty result.
    func testHMACSHA256EmptyKeyAndMessage() {
        XCTAssertEqual(hexString(Digest.hmac(.sha256, key: [], message: [])),
                       "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
