import XCTest
@testable import MonbanCore

/// CT-1, CT-2, CT-4: contracts, people, the trial's calendar.
final class ContractTests: XCTestCase {
    var f: Fixture!

    override func setUpWithError() throws { f = try Fixture() }

    func testCT1_aContractHasAPlanAndExactlyOneContractor() throws {
        let c = try f.contract(plan: .basic)
        XCTAssertEqual(c.contract.plan, .basic)
        XCTAssertEqual(c.contractor.role, .contractor)
        XCTAssertEqual(c.contractor.loginMethod, .emailPassword)
        XCTAssertEqual(c.contract.status(at: f.clock.now()), .active)
        XCTAssertTrue(c.contract.twoFactorEnabled, "2FA is on by default (LG-3)")
        XCTAssertThrowsEngineError(
            try f.engine.addPerson(to: c.contract.id, email: "second@example.com", role: .contractor, password: "Himitsu-2026!"),
            .notPermitted)
        let admin = try f.engine.addPerson(to: c.contract.id, email: "admin@example.com", role: .administrator,
                                           password: "Kanri-2026!")
        XCTAssertEqual(admin.role, .administrator)
        XCTAssertEqual(admin.contractID, c.contract.id)
    }

    func testLG1_theContractorCannotUseActiveDirectory() throws {
        XCTAssertFalse(LoginMethod.activeDirectory.isAllowed(for: .contractor))
        XCTAssertTrue(LoginMethod.activeDirectory.isAllowed(for: .user))
        let c = try f.contract()
        let ad = try f.engine.addPerson(to: c.contract.id, email: "ad@example.com", role: .user, method: .activeDirectory,
                                        password: nil)
        XCTAssertEqual(ad.loginMethod, .activeDirectory)
    }

    func testCT4_addressesAreUniqueAndValid() throws {
        try f.contract("keiyaku@example.com")
        XCTAssertThrowsEngineError(try f.contract("KEIYAKU@example.com"), .emailInUse)
        for bad in ["", "keiyaku", "a@b", "a b@example.com", "a@@example.com", "a@example..com", "a\u{7}@example.com",
                    String(repeating: "a", count: 65) + "@example.com"] {
            XCTAssertThrowsEngineError(try f.contract(bad), .invalidEmail)
        }
        XCTAssertThrowsEngineError(try f.contract("x@example.com", password: "weak"), .passwordRejected([.tooShort, .tooFewClasses]))
        XCTAssertNil(try f.engine.person(email: "x@example.com"), "nothing stored on refusal")
    }

    func testCT4_withoutPasswordTheContractorIsMailedARegistrationLink() throws {
        let c = try f.contract("new@example.com", password: nil)
        XCTAssertTrue(c.registrationLinkSent)
        XCTAssertFalse(c.contractor.registered)
        XCTAssertThrowsEngineError(try f.signIn("new@example.com", "Himitsu-2026!"), .wrongCredentials)
        let mail = try XCTUnwrap(f.outbox("new@example.com").first)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】利用者登録のご案内")
        let link = try f.lastLink(to: "new@example.com", path: "/lo/register")
        try f.engine.completeRegistration(link, password: "Touroku-2026!", confirmation: "Touroku-2026!", context: f.here)
        XCTAssertNoThrow(try f.signIn("new@example.com", "Touroku-2026!"))
    }

    func testCT2_trialEndsAfterThirtyDaysAndIsCancelled() throws {
        let c = try f.contract(plan: .trial)
        let start = f.clock.now()
        XCTAssertEqual(c.contract.status(at: start), .trial(endsAt: start + 30 * 86_400))
        f.clock.advance(days: 30)
        f.clock.advance(-1)
        XCTAssertNoThrow(try f.signIn(), "day 30, one second before the end")
        f.clock.advance(1)
        XCTAssertThrowsEngineError(try f.signIn(), .contractCancelled)
        // A wrong password on a cancelled contract is still just a wrong password.
        XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong!2026"), .wrongCredentials)
    }

    func testCT2_movesToBasicUpToFifteenDaysAfterTheEnd() throws {
        let c = try f.contract(plan: .trial)
        f.clock.advance(days: 45)
        let converted = try f.engine.convertTrialToBasic(by: c.contractor.id, context: f.here)
        XCTAssertEqual(converted.plan, .basic)
        XCTAssertEqual(converted.status(at: f.clock.now()), .active)
        XCTAssertNoThrow(try f.signIn(), "a basic contract signs in again")
    }

    func testCT2_notAfterDay45() throws {
        let c = try f.contract(plan: .trial)
        f.clock.advance(days: 46)
        XCTAssertThrowsEngineError(try f.engine.convertTrialToBasic(by: c.contractor.id, context: f.here),
                                   .trialConversionWindowClosed)
        XCTAssertThrowsEngineError(try f.signIn(), .contractCancelled)
    }

    func testCT2_onlyTheContractorConvertsAndOnlyATrial() throws {
        let trial = try f.contract(plan: .trial)
        let user = try f.engine.addPerson(to: trial.contract.id, email: "u@example.com", role: .administrator,
                                          password: "Riyou-2026!")
        XCTAssertThrowsEngineError(try f.engine.convertTrialToBasic(by: user.id, context: f.here), .notPermitted)
        let basic = try f.contract("b@example.com", plan: .basic)
        XCTAssertThrowsEngineError(try f.engine.convertTrialToBasic(by: basic.contractor.id, context: f.here), .notATrial)
    }

    func testCT2_trialPolicyBoundaries() {
        let start = Date(timeIntervalSince1970: 0)
        XCTAssertFalse(TrialPolicy.isCancelled(startedAt: start, now: start + 29 * 86_400))
        XCTAssertTrue(TrialPolicy.isCancelled(startedAt: start, now: start + 30 * 86_400))
        XCTAssertTrue(TrialPolicy.canConvert(startedAt: start, now: start + 45 * 86_400))
        XCTAssertFalse(TrialPolicy.canConvert(startedAt: start, now: start + 46 * 86_400))
    }
}
