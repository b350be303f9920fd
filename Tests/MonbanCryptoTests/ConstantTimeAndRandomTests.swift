import XCTest
@testable import MonbanCrypto

final class ConstantTimeTests: XCTestCase {
    func testEqual() {
        XCTAssertTrue(ConstantTime.equals([1, 2, 3, 4], [1, 2, 3, 4]))
        let long = [UInt8](repeating: 0xAB, count: 1000)
        XCTAssertTrue(ConstantTime.equals(long, long))
    }

    func testDifferent() {
        XCTAssertFalse(ConstantTime.equals([1, 2, 3, 4], [1, 2, 3, 5]))
        XCTAssertFalse(ConstantTime.equals([0, 2, 3, 4], [1, 2, 3, 4]))
        XCTAssertFalse(ConstantTime.equals([0x80], [0x00]))
    }

    func testDifferentLengths() {
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 3, 4]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3, 4], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([], [0]))
        XCTAssertFalse(ConstantTime.equals([0], []))
    }

    func testEmpty() {
        XCTAssertTrue(ConstantTime.equals([], []))
    }
}

final class SystemRandomBytesTests: XCTestCase {
    func testLength() throws {
        for count in [1, 16, 32, 1000] {
            XCTAssertEqual(try SystemRandomBytes.bytes(count).count, count)
        }
    }

    func testTwoCallsDiffer() throws {
        let a = try SystemRandomBytes.bytes(32)
        let b = try SystemRandomBytes.bytes(32)
        XCTAssertNotEqual(a, b)
        // 32 random bytes are all zero with probability 2^-256: this catches an unfilled buffer.
        XCTAssertNotEqual(a, [UInt8](repeating: 0, count: 32))
    }

    func testZeroLength() throws {
        XCTAssertEqual(try SystemRandomBytes.bytes(0), [])
    }

    func testInjectedFailureThrows() {
        CryptoFaults.inject([.random])
        defer { CryptoFaults.clear() }
        XCTAssertThrowsError(try SystemRandomBytes.bytes(16))
    }

    /// More than one getentropy call (256 bytes at most each) fills the whole buffer.
    func testLongerThanOneCallIsFilled() throws {
        let bytes = try SystemRandomBytes.bytes(1000)
        XCTAssertNotEqual(Array(bytes.suffix(32)), [UInt8](repeating: 0, count: 32))
    }
}
