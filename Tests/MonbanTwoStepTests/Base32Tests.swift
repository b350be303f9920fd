import XCTest
@testable import MonbanCore

final class Base32Tests: XCTestCase {
    // RFC 4648 §10 test vectors (padding dropped on output).
    let vectors: [(String, String)] = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ]

    func testEncodeRFCVectors() {
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base32.encode(Array(plain.utf8)), encoded, plain)
        }
    }

    func testDecodeRFCVectorsWithAndWithoutPadding() {
        let padded = ["", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB", "MZXW6YTBOI======"]
        for ((plain, encoded), withPadding) in zip(vectors, padded) {
            XCTAssertEqual(Base32.decode(encoded), Array(plain.utf8), encoded)
            XCTAssertEqual(Base32.decode(withPadding), Array(plain.utf8), withPadding)
        }
    }

    func testDecodeAcceptsLowerCaseAndSpaces() {
        XCTAssertEqual(Base32.decode("mzxw 6ytb oi"), Array("foobar".utf8))
        XCTAssertEqual(Base32.decode(" MZXW6YTBOI======\n"), Array("foobar".utf8))
    }

    func testDecodeRejectsOtherCharactersAndBadShapes() {
        XCTAssertNil(Base32.decode("MZXW1"))        // 1 is not in the alphabet
        XCTAssertNil(Base32.decode("MZXW0"))
        XCTAssertNil(Base32.decode("MZXW-6YTB"))
        XCTAssertNil(Base32.decode("MZ=XW"))        // data after padding
        XCTAssertNil(Base32.decode("M"))            // impossible length
        XCTAssertNil(Base32.decode("MZX"))
        XCTAssertNil(Base32.decode("MY==="))        // padding that does not complete a block
        XCTAssertNil(Base32.decode("ＭＺＸＷ"))     // full-width is not Base32
    }

    func testRoundTripRandomBytes() throws {
        let random = SeededRandom(seed: 7)
        for length in 0..<64 {
            let bytes = try random.bytes(length)
            let encoded = Base32.encode(bytes)
            XCTAssertFalse(encoded.contains("="))
            XCTAssertEqual(Base32.decode(encoded), bytes)
            XCTAssertEqual(Base32.decode(encoded.lowercased()), bytes)
        }
    }
}
