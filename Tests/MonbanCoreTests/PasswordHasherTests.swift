import XCTest
@testable import MonbanCore

/// PP-1 storage: scrypt through OpenSSL, parameters stored with each hash.
final class PasswordHasherTests: XCTestCase {
    let random = SeededRandom(seed: 7)

    func testShippedCostIsN2to17R8P1AndVerifies() throws {
        XCTAssertEqual(PasswordHasher.Cost.shipped, PasswordHasher.Cost(log2N: 17, r: 8, p: 1))
        let hasher = PasswordHasher(random: random)  // the default is the shipped cost
        XCTAssertEqual(hasher.cost, .shipped)
        let hash = try hasher.hash("Himitsu-2026!")
        XCTAssertTrue(hash.hasPrefix("$scrypt$ln=17,r=8,p=1$"), hash)
        XCTAssertTrue(hasher.verify("Himitsu-2026!", against: hash))
        XCTAssertFalse(hasher.verify("Keiyaku-2026?", against: hash))
    }

    func testSaltIsSixteenRandomBytesAndHashesDiffer() throws {
        let hasher = PasswordHasher(cost: .testing, random: random)
        let a = try hasher.hash("Same-Password1"), b = try hasher.hash("Same-Password1")
        XCTAssertNotEqual(a, b)
        let salt = try XCTUnwrap(PasswordHasher.parse(a)).salt
        XCTAssertEqual(salt.count, 16)
        XCTAssertTrue(hasher.verify("Same-Password1", against: a))
        XCTAssertTrue(hasher.verify("Same-Password1", against: b))
    }

    func testParametersTravelWithTheHashSoTheCostCanBeRaised() throws {
        let cheap = PasswordHasher(cost: .testing, random: random)
        let old = try cheap.hash("Himitsu-2026!")
        let stronger = PasswordHasher(cost: .init(log2N: 11, r: 8, p: 1), random: random)
        XCTAssertTrue(stronger.verify("Himitsu-2026!", against: old), "old hashes keep verifying")
        XCTAssertTrue(stronger.needsRehash(old))
        XCTAssertFalse(cheap.needsRehash(old))
    }

    func testMalformedHashesNeverVerify() {
        let hasher = PasswordHasher(cost: .testing, random: random)
        for bad in ["", "plain", "$scrypt$ln=10,r=8,p=1$AAAA$", "$scrypt$ln=99,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
                    "$bcrypt$ln=10,r=8,p=1$AAAA$BBBB"] {
            XCTAssertFalse(hasher.verify("", against: bad), bad)
            XCTAssertFalse(hasher.verify("x", against: bad), bad)
        }
    }
}
