import XCTest
@testable import MonbanCore

/// LG-3 (and TF-4, TF-8): when two-step verification is asked, one test per condition.
final class TwoStepPolicyTests: XCTestCase {
    var f: Fixture!
    var contract: Contract!
    var person: Person!

    override func setUpWithError() throws {
        f = try Fixture()
        let c = try f.contract()
        contract = c.contract
        person = c.contractor
    }

    func required(_ terminal: TwoStepPolicy.RememberedTerminal?, entrance: TwoStepPolicy.Entrance = .internet) -> Bool {
        TwoStepPolicy.isRequired(contract: contract, person: person, entrance: entrance, terminal: terminal,
                                 now: f.clock.now())
    }

    func testLG3_askedOnATerminalThatNeverCompletedIt() {
        XCTAssertTrue(contract.twoFactorEnabled, "on by default")
        XCTAssertTrue(required(nil))
    }

    func testLG3_notAskedAgainWithinThirtyDaysOnARememberedTerminal() {
        let remembered = TwoStepPolicy.RememberedTerminal(lastSeen: f.clock.now(), generation: person.twoFactorGeneration)
        XCTAssertFalse(required(remembered))
        f.clock.advance(days: 30)
        f.clock.advance(-1)
        XCTAssertFalse(required(remembered), "one second before 30 days")
        f.clock.advance(1)
        XCTAssertTrue(required(remembered), "30 days without signing in from this terminal")
    }

    func testLG3_notAskedWhenTheContractTurnedItOff() {
        contract.twoFactorEnabled = false
        XCTAssertFalse(required(nil))
    }

    func testLG3_onlyForEmailPasswordPeople() {
        for method in LoginMethod.allCases where method != .emailPassword {
            person.loginMethod = method
            XCTAssertFalse(required(nil), "\(method)")
        }
    }

    func testLG3_lineAuthenticationReplacesIt() {
        XCTAssertFalse(required(nil, entrance: .lineAuthentication))
    }

    func testTF8_aResetVoidsRememberedTerminals() throws {
        let remembered = TwoStepPolicy.RememberedTerminal(lastSeen: f.clock.now(), generation: person.twoFactorGeneration)
        try f.engine.requestPasswordReset(email: person.email, context: f.here)
        let link = try f.lastLink(to: person.email, path: "/lo/reset")
        person = try f.engine.resetPassword(link, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026",
                                            context: f.here)
        XCTAssertTrue(required(remembered), "after a password reset the terminal is asked again (PW-3, TF-8)")
    }
}
