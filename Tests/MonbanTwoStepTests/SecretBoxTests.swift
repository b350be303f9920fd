import Foundation
import XCTest
@testable import MonbanCore

final class SecretBoxTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("monban-secretbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    var keyPath: String { directory.appendingPathComponent("monban.key").path }

    func testRoundTrip() throws {
        let box = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        let secret = Array("12345678901234567890".utf8)
        let sealed = try box.seal(secret, context: "totp:person:42")
        XCTAssertEqual(sealed.count, 1 + 12 + secret.count + 16)
        XCTAssertNil(sealed.firstRange(of: secret))
        XCTAssertEqual(try box.open(sealed, context: "totp:person:42"), secret)
        // Two seals of the same secret differ (fresh nonce each time).
        XCTAssertNotEqual(try box.seal(secret, context: "totp:person:42"), sealed)
        XCTAssertEqual(try box.open(try box.seal([], context: "c"), context: "c"), [])
    }

    func testKeyFileIsCreatedWithMode0600AndThirtyTwoBytes() throws {
        let old = umask(0)  // even with a permissive umask
        defer { umask(old) }
        _ = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual((attributes[.size] as? NSNumber)?.intValue, 32)
    }

    func testReopeningReadsTheSameKey() throws {
        let first = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        let before = try Data(contentsOf: URL(fileURLWithPath: keyPath))
        let sealed = try first.seal(Array("secret".utf8), context: "totp:person:7")
        let again = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        XCTAssertEqual(try again.open(sealed, context: "totp:person:7"), Array("secret".utf8))
        let existing = try SecretBox.openExistingKey(at: keyPath, random: SystemRandom())
        XCTAssertEqual(try existing.open(sealed, context: "totp:person:7"), Array("secret".utf8))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: keyPath)), before)
    }

    func testAnotherKeyCannotOpen() throws {
        let box = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        let other = try SecretBox.openOrCreateKey(at: directory.appendingPathComponent("other.key").path, random: SystemRandom())
        let sealed = try box.seal(Array("secret".utf8), context: "totp:person:1")
        XCTAssertThrowsError(try other.open(sealed, context: "totp:person:1")) {
            XCTAssertEqual($0 as? SecretBoxError, .cannotOpen)
        }
    }

    func testWrongContextFails() throws {
        let box = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        let sealed = try box.seal(Array("secret".utf8), context: "totp:person:42")
        for context in ["totp:person:43", "totp:person:4", "", "totp:person:42 "] {
            XCTAssertThrowsError(try box.open(sealed, context: context), context) {
                XCTAssertEqual($0 as? SecretBoxError, .cannotOpen)
            }
        }
    }

    func testTamperedCiphertextFails() throws {
        let box = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        let sealed = try box.seal(Array("a TOTP secret of some bytes".utf8), context: "totp:person:42")
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x01
            XCTAssertThrowsError(try box.open(tampered, context: "totp:person:42"), "byte \(index)")
        }
        XCTAssertThrowsError(try box.open(Array(sealed.dropLast()), context: "totp:person:42"))
        XCTAssertThrowsError(try box.open(Array(sealed.prefix(20)), context: "totp:person:42"))
        XCTAssertThrowsError(try box.open([], context: "totp:person:42"))
    }

    func testShortKeyFileIsRefusedAndLeftUntouched() throws {
        let damaged = Data([1, 2, 3, 4, 5])
        try damaged.write(to: URL(fileURLWithPath: keyPath))
        XCTAssertThrowsError(try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())) {
            XCTAssertEqual($0 as? SecretBoxError, .keyFileDamaged(keyPath))
        }
        XCTAssertThrowsError(try SecretBox.openExistingKey(at: keyPath, random: SystemRandom())) {
            XCTAssertEqual($0 as? SecretBoxError, .keyFileDamaged(keyPath))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: keyPath)), damaged)
    }

    func testLongOrEmptyKeyFileIsRefused() throws {
        for length in [0, 31, 33, 64] {
            let content = Data(repeating: 0xAB, count: length)
            try content.write(to: URL(fileURLWithPath: keyPath))
            XCTAssertThrowsError(try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom()), "\(length)") {
                XCTAssertEqual($0 as? SecretBoxError, .keyFileDamaged(keyPath))
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: keyPath)), content)
        }
    }

    func testMissingButExpectedKeyFile() throws {
        XCTAssertThrowsError(try SecretBox.openExistingKey(at: keyPath, random: SystemRandom())) {
            XCTAssertEqual($0 as? SecretBoxError, .keyFileMissing(keyPath))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: keyPath))
    }

    func testUnreadableKeyFile() throws {
        // A directory where the key should be cannot be read as one.
        try FileManager.default.createDirectory(atPath: keyPath, withIntermediateDirectories: false)
        XCTAssertThrowsError(try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())) {
            XCTAssertEqual($0 as? SecretBoxError, .keyFileUnreadable(keyPath))
        }
        // A file without read permission (root reads anyway, so only checked otherwise).
        if geteuid() != 0 {
            let path = directory.appendingPathComponent("locked.key").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 1, count: 32),
                                           attributes: [.posixPermissions: 0o000])
            XCTAssertThrowsError(try SecretBox.openOrCreateKey(at: path, random: SystemRandom())) {
                XCTAssertEqual($0 as? SecretBoxError, .keyFileUnreadable(path))
            }
        }
    }

    func testKeyFileInMissingDirectoryIsNotCreated() throws {
        let path = directory.appendingPathComponent("no/such/dir/monban.key").path
        XCTAssertThrowsError(try SecretBox.openOrCreateKey(at: path, random: SystemRandom())) {
            XCTAssertEqual($0 as? SecretBoxError, .keyFileNotCreated(path))
        }
    }

    func testNonceComesFromTheRandomSource() throws {
        // Same key file, same seed, same nonce: the box is replayable in tests.
        _ = try SecretBox.openOrCreateKey(at: keyPath, random: SystemRandom())
        let a = try SecretBox.openOrCreateKey(at: keyPath, random: SeededRandom(seed: 1))
        let b = try SecretBox.openOrCreateKey(at: keyPath, random: SeededRandom(seed: 1))
        XCTAssertEqual(try a.seal([1, 2, 3], context: "x"), try b.seal([1, 2, 3], context: "x"))
    }
}
