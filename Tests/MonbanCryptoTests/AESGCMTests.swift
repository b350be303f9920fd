import XCTest
@testable import MonbanCrypto

final class AESGCMTests: XCTestCase {
    let key = [UInt8](0..<32)
    let nonce: [UInt8] = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0xFF, 0xEE]
    let plaintext = Array("The quick brown fox jumps over the lazy dog".utf8)
    let aad = Array("record 42".utf8)

    private func assertFails(
        _ sealed: [UInt8], key: [UInt8]? = nil, associatedData: [UInt8] = [],
        _ message: String = "", file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try AESGCM.open(sealed, key: key ?? self.key, associatedData: associatedData),
                             message, file: file, line: line) { error in
            XCTAssertEqual(error as? AESGCM.Failure, .authenticationFailed, message, file: file, line: line)
        }
    }

    // MARK: Round trips

    func testRoundTripWithoutAssociatedData() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce)
        XCTAssertEqual(sealed.count, 12 + plaintext.count + 16)
        XCTAssertEqual(Array(sealed.prefix(12)), nonce)
        XCTAssertNotEqual(Array(sealed[12..<(12 + plaintext.count)]), plaintext)
        XCTAssertEqual(try AESGCM.open(sealed, key: key), plaintext)
    }

    func testRoundTripWithAssociatedData() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: aad)
        XCTAssertEqual(try AESGCM.open(sealed, key: key, associatedData: aad), plaintext)
        // The associated data is authenticated: the same input without it gives another tag.
        let plain = try AESGCM.seal(plaintext, key: key, nonce: nonce)
        XCTAssertNotEqual(Array(sealed.suffix(16)), Array(plain.suffix(16)))
        XCTAssertEqual(Array(sealed.dropLast(16)), Array(plain.dropLast(16)))
    }

    func testRoundTripEmptyPlaintext() throws {
        let sealed = try AESGCM.seal([], key: key, nonce: nonce, associatedData: aad)
        XCTAssertEqual(sealed.count, 28)
        XCTAssertEqual(try AESGCM.open(sealed, key: key, associatedData: aad), [])
    }

    func testRoundTripLongPlaintext() throws {
        let long = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let sealed = try AESGCM.seal(long, key: key, nonce: nonce)
        XCTAssertEqual(try AESGCM.open(sealed, key: key), long)
    }

    // MARK: Tampering

    func testFlippedCiphertextBitFails() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: aad)
        for index in [12, 12 + plaintext.count / 2, 12 + plaintext.count - 1] {
            var bad = sealed
            bad[index] ^= 0x01
            assertFails(bad, associatedData: aad, "ciphertext byte \(index)")
        }
    }

    func testFlippedTagBitFails() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: aad)
        for index in [sealed.count - 16, sealed.count - 1] {
            var bad = sealed
            bad[index] ^= 0x80
            assertFails(bad, associatedData: aad, "tag byte \(index)")
        }
    }

    func testFlippedNonceBitFails() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: aad)
        for index in [0, 11] {
            var bad = sealed
            bad[index] ^= 0x01
            assertFails(bad, associatedData: aad, "nonce byte \(index)")
        }
    }

    func testWrongKeyFails() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce)
        var other = key
        other[31] ^= 1
        assertFails(sealed, key: other)
    }

    func testWrongAssociatedDataFails() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: aad)
        assertFails(sealed, associatedData: Array("record 43".utf8), "other associated data")
        assertFails(sealed, associatedData: [], "missing associated data")
        let noAAD = try AESGCM.seal(plaintext, key: key, nonce: nonce)
        assertFails(noAAD, associatedData: aad, "unexpected associated data")
    }

    func testTruncatedSealedFails() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce)
        assertFails(Array(sealed.dropLast()))
    }

    // MARK: Bad input

    func testBadKeyLength() {
        for length in [0, 16, 31, 33] {
            let bad = [UInt8](repeating: 1, count: length)
            XCTAssertThrowsError(try AESGCM.seal(plaintext, key: bad, nonce: nonce)) {
                XCTAssertEqual($0 as? AESGCM.Failure, .badKey, "seal, key length \(length)")
            }
            XCTAssertThrowsError(try AESGCM.open([UInt8](repeating: 0, count: 40), key: bad)) {
                XCTAssertEqual($0 as? AESGCM.Failure, .badKey, "open, key length \(length)")
            }
        }
    }

    func testTooShortInputIsMalformed() {
        for length in [0, 1, 12, 27] {
            XCTAssertThrowsError(try AESGCM.open([UInt8](repeating: 0, count: length), key: key)) {
                XCTAssertEqual($0 as? AESGCM.Failure, .malformed, "length \(length)")
            }
        }
    }

    func testBadNonceLengthIsMalformed() {
        for length in [0, 8, 16] {
            XCTAssertThrowsError(try AESGCM.seal(plaintext, key: key, nonce: [UInt8](repeating: 0, count: length))) {
                XCTAssertEqual($0 as? AESGCM.Failure, .malformed, "nonce length \(length)")
            }
        }
    }

    // MARK: Known answers (McGrew & Viega, "The Galois/Counter Mode of Operation", AES-256 cases)

    // Test case 13: zero key, zero IV, empty plaintext.
    func testGCMSpecCase13() throws {
        let sealed = try AESGCM.seal([], key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 12))
        XCTAssertEqual(sealed, [UInt8](repeating: 0, count: 12) + hex("530f8afbc74536b9a963b4f1c4cb738b"))
    }

    // Test case 14: zero key, zero IV, 16 zero bytes of plaintext.
    func testGCMSpecCase14() throws {
        let zeroKey = [UInt8](repeating: 0, count: 32)
        let expected = [UInt8](repeating: 0, count: 12)
            + hex("cea7403d4d606b6e074ec5d3baf39d18") + hex("d0d1c8a799996bf0265b98b5d48ab919")
        let sealed = try AESGCM.seal([UInt8](repeating: 0, count: 16), key: zeroKey, nonce: [UInt8](repeating: 0, count: 12))
        XCTAssertEqual(sealed, expected)
        XCTAssertEqual(try AESGCM.open(expected, key: zeroKey), [UInt8](repeating: 0, count: 16))
    }

    private let case15Key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
    private let case15IV = hex("cafebabefacedbaddecaf888")
    private let case15Plain = hex("""
        d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
        1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255
        """)
    private let case15Cipher = hex("""
        522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa\
        8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad
        """)

    // Test case 15: 64-byte plaintext, no associated data.
    func testGCMSpecCase15() throws {
        let expected = case15IV + case15Cipher + hex("b094dac5d93471bdec1a502270e3cc6c")
        XCTAssertEqual(try AESGCM.seal(case15Plain, key: case15Key, nonce: case15IV), expected)
        XCTAssertEqual(try AESGCM.open(expected, key: case15Key), case15Plain)
    }

    // Test case 16: 60-byte plaintext with 20 bytes of associated data.
    func testGCMSpecCase16() throws {
        let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
        let expected = case15IV + Array(case15Cipher.prefix(60)) + hex("76fc6ece0f4e1768cddf8853bb2d551b")
        XCTAssertEqual(try AESGCM.seal(Array(case15Plain.prefix(60)), key: case15Key, nonce: case15IV, associatedData: aad),
                       expected)
        XCTAssertEqual(try AESGCM.open(expected, key: case15Key, associatedData: aad), Array(case15Plain.prefix(60)))
    }

    /// A failure of the cipher is thrown by both directions (issue 18).
    func testInjectedFailureThrows() throws {
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce)
        CryptoFaults.inject([.aesGCM])
        defer { CryptoFaults.clear() }
        XCTAssertThrowsError(try AESGCM.seal(plaintext, key: key, nonce: nonce)) {
            XCTAssertEqual($0 as? AESGCM.Failure, .cipherError)
        }
        XCTAssertThrowsError(try AESGCM.open(sealed, key: key)) {
            XCTAssertEqual($0 as? AESGCM.Failure, .cipherError)
        }
    }
}
