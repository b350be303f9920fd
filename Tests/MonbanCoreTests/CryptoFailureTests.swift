import XCTest
@testable import MonbanCore
@testable import MonbanCrypto

/// A crypto failure (here scrypt, made to fail through MonbanCrypto's `CryptoFaults`, as a
/// machine out of memory would) is the service's failure: the sign-in is refused with
/// `.cryptoUnavailable`, nothing counts toward the lock (LK-1), and the audit chain (AU-1)
/// gets no entry with an unfilled (all-zero) hash. Issue 18.
final class CryptoFailureTests: XCTestCase {
    var f: Fixture!

    override func setUpWithError() throws {
        f = try Fixture()
        try f.contract()
    }

    override func tearDown() {
        CryptoFaults.clear()
        f = nil
    }

    private func failedAttempts() throws -> Int {
        try XCTUnwrap(f.engine.person(email: "keiyaku@example.com")).failedAttempts
    }

    private func assertAuditChainHasNoZeroHash(file: StaticString = #filePath, line: UInt = #line) throws {
        let entries = try f.engine.auditEntries()
        let zero = [UInt8](repeating: 0, count: 32)
        for entry in entries {
            XCTAssertNotEqual(entry.hash, zero, "entry \(entry.id) (\(entry.event))", file: file, line: line)
        }
        XCTAssertEqual(try f.engine.verifyAudit(), .intact(entries: entries.count), file: file, line: line)
    }

    func testLK1_aCryptoFailureDuringSignInIsAServiceErrorNotAWrongPassword() throws {
        // Three real wrong passwords first: the count must stay at three.
        for i in 1...3 {
            XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong-\(i)"), .wrongCredentials)
        }
        XCTAssertEqual(try failedAttempts(), 3)
        let auditBefore = try f.engine.auditEntries()

        CryptoFaults.inject([.scrypt])
        // More tries than the lock allows: none of them is a wrong password.
        for _ in 1...12 {
            XCTAssertThrowsEngineError(try f.signIn(), .cryptoUnavailable)
            XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong-4"), .cryptoUnavailable)
        }
        let person = try XCTUnwrap(f.engine.person(email: "keiyaku@example.com"))
        XCTAssertEqual(person.failedAttempts, 3, "a crypto failure counted toward the lock")
        XCTAssertFalse(person.isLocked)
        XCTAssertEqual(try f.engine.auditEntries(), auditBefore, "a crypto failure wrote to the audit log")
        XCTAssertTrue(try f.outbox().isEmpty, "a crypto failure sent mail")
        try assertAuditChainHasNoZeroHash()

        // Once scrypt works again, the right password signs in and the count is cleared.
        CryptoFaults.clear()
        XCTAssertNoThrow(try f.signIn())
        XCTAssertEqual(try failedAttempts(), 0)
        try assertAuditChainHasNoZeroHash()
    }

    func testLG2_anUnknownAddressFailsTheSameWayWhenCryptoFails() throws {
        CryptoFaults.inject([.scrypt])
        // The time-spending hash of an unknown address fails as a real check does: the
        // answer does not tell which addresses exist.
        XCTAssertThrowsEngineError(try f.signIn("nobody@example.com", Fixture.password), .cryptoUnavailable)
        XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", Fixture.password), .cryptoUnavailable)
        try assertAuditChainHasNoZeroHash()
    }

    func testLK1_aCryptoFailureCheckingTheCurrentPasswordIsNotCounted() throws {
        let person = try f.signIn().person
        CryptoFaults.inject([.scrypt])
        XCTAssertThrowsEngineError(
            try f.engine.changePassword(by: person.id, current: Fixture.password, new: "Atarashii-2026!",
                                        confirmation: "Atarashii-2026!", context: f.here),
            .cryptoUnavailable)
        XCTAssertEqual(try failedAttempts(), 0)
        try assertAuditChainHasNoZeroHash()
    }

    func testPP1_aFailingRandomSourceRefusesANewPassword() throws {
        // The shipped random source (the kernel's) fails loudly too.
        CryptoFaults.inject([.random])
        let hasher = PasswordHasher(cost: .testing, random: SystemRandom())
        XCTAssertThrowsEngineError(try hasher.hash("Himitsu-2026!"), .cryptoUnavailable)
    }
}
