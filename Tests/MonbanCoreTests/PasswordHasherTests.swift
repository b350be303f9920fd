import XCTest
@testable import MonbanCore

/// PP-1 storage: scrypt (swift-crypto), parameters stored with each hash.
final class PasswordHasherTests: XCTestCase {
    let random = SeededRandom(seed: 7)

    func testShippedCostIsN2to17R8P1AndVerifies() throws {
        XCTAssertEqual(PasswordHasher.Cost.shipped, PasswordHasher.Cost(log2N: 17, r: 8, p: 1))
        let hasher = PasswordHasher(random: random)  // the default is the shipped cost
        XCTAssertEqual(hasher.cost, .shipped)
        let hash = try hasher.hash("Himitsu-2026!")
        XCTAssertTrue(hash.hasPrefix("$scrypt$ln=17,r=8,p=1$"), hash)
        XCTAssertTrue(try hasher.verify("Himitsu-2026!", against: hash))
        XCTAssertFalse(try hasher.verify("Keiyaku-2026?", against: hash))
    }

    func testSaltIsSixteenRandomBytesAndHashesDiffer() throws {
        let hasher = PasswordHasher(cost: .testing, random: random)
        let a = try hasher.hash("Same-Password1"), b = try hasher.hash("Same-Password1")
        XCTAssertNotEqual(a, b)
        let salt = try XCTUnwrap(PasswordHasher.parse(a)).salt
        XCTAssertEqual(salt.count, 16)
        XCTAssertTrue(try hasher.verify("Same-Password1", against: a))
        XCTAssertTrue(try hasher.verify("Same-Password1", against: b))
    }

    func testParametersTravelWithTheHashSoTheCostCanBeRaised() throws {
        let cheap = PasswordHasher(cost: .testing, random: random)
        let old = try cheap.hash("Himitsu-2026!")
        let stronger = PasswordHasher(cost: .init(log2N: 11, r: 8, p: 1), random: random)
        XCTAssertTrue(try stronger.verify("Himitsu-2026!", against: old), "old hashes keep verifying")
        XCTAssertTrue(stronger.needsRehash(old))
        XCTAssertFalse(cheap.needsRehash(old))
    }

    /// Hashes stored before issue 18, when scrypt came from OpenSSL's libcrypto (these two were
    /// made with OpenSSL 3.0 through Python's hashlib.scrypt, salt 0x10…0x1f), keep verifying.
    func testHashesStoredBeforeKeepVerifying() throws {
        let hasher = PasswordHasher(random: random)
        let shipped = "$scrypt$ln=17,r=8,p=1$EBESExQVFhcYGRobHB0eHw==$NpLzNRcMNqIBlaupLpbsGhGfuWiOPXa5mmUns1Ob670="
        XCTAssertTrue(try hasher.verify("Himitsu-2026!", against: shipped))
        XCTAssertFalse(try hasher.verify("Himitsu-2026?", against: shipped))
        XCTAssertFalse(hasher.needsRehash(shipped))
        let cheap = "$scrypt$ln=10,r=8,p=1$EBESExQVFhcYGRobHB0eHw==$zic8DW/wM3DBYEfesoAwyaOv4KTixQDB058t1odvEys="
        XCTAssertTrue(try hasher.verify("門番-パスワード1", against: cheap))
        XCTAssertFalse(try hasher.verify("門番-パスワード2", against: cheap))
        XCTAssertTrue(hasher.needsRehash(cheap))
    }

    /// Parameters scrypt does not allow (N ≥ 2^(16·r)) make a malformed hash, not a service error.
    func testHashWithParametersScryptRefusesNeverVerifies() throws {
        let hasher = PasswordHasher(cost: .testing, random: random)
        XCTAssertFalse(try hasher.verify("x", against: "$scrypt$ln=17,r=1,p=1$EBESExQVFhcYGRobHB0eHw==$zic8DW/wM3DBYEfesoAwyaOv4KTixQDB058t1odvEys="))
    }

    func testMalformedHashesNeverVerify() throws {
        let hasher = PasswordHasher(cost: .testing, random: random)
        for bad in ["", "plain", "$scrypt$ln=10,r=8,p=1$AAAA$", "$scrypt$ln=99,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
                    "$bcrypt$ln=10,r=8,p=1$AAAA$BBBB"] {
            XCTAssertFalse(try hasher.verify("", against: bad), bad)
            XCTAssertFalse(try hasher.verify("x", against: bad), bad)
        }
    }
}
