import Foundation
import XCTest
@testable import MonbanCore
import MonbanStore

/// The sign-in flow on its own, over the engine's shared context, with the second
/// step replaced by a stand-in that records what it was given (LG-2, LG-3, LK-1).
final class SignInFlowTests: XCTestCase {
    private var f: Fixture!

    override func setUpWithError() throws { f = try Fixture() }
    override func tearDown() { f = nil }

    /// Records each call and answers "signed in".
    private final class SecondStepStandIn: SecondStepGate, @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [AccessContext] = []
        var calls: [AccessContext] { lock.lock(); defer { lock.unlock() }; return seen }

        func afterPassword(_ tx: any StoreTransaction, _ person: Person, _ contract: Contract, context: AccessContext) throws
            -> SignInResult
        {
            lock.lock()
            seen.append(context)
            lock.unlock()
            return .signedIn(SignedIn(person: person, contract: contract))
        }
    }

    func testLG3_aRightPasswordHandsOverToTheSecondStepOnce() throws {
        try f.contract()
        let gate = SecondStepStandIn()
        let flow = SignInFlow(shared: f.engine.shared, secondStep: gate)
        let result = try flow.signIn(email: "keiyaku@example.com", password: Fixture.password, purpose: .service,
                                     context: f.here)
        XCTAssertEqual(result.signedIn?.person.email, "keiyaku@example.com")
        XCTAssertEqual(gate.calls, [f.here])
    }

    func testLK1_aWrongPasswordNeverReachesTheSecondStep() throws {
        try f.contract()
        let gate = SecondStepStandIn()
        let flow = SignInFlow(shared: f.engine.shared, secondStep: gate)
        XCTAssertThrowsEngineError(
            try flow.signIn(email: "keiyaku@example.com", password: "Wrong!2026", purpose: .service, context: f.here),
            .wrongCredentials)
        XCTAssertEqual(gate.calls, [])
        XCTAssertEqual(PasswordLock(try XCTUnwrap(f.engine.person(email: "keiyaku@example.com"))), .open(failures: 1))
    }

    func testLK1_theLockIsReadFromTheRowAsOneState() throws {
        try f.contract()
        for _ in 0..<LockoutPolicy.threshold {
            _ = try? f.engine.signIn(email: "keiyaku@example.com", password: "Wrong!2026", context: f.here)
        }
        let person = try XCTUnwrap(f.engine.person(email: "keiyaku@example.com"))
        XCTAssertEqual(PasswordLock(person), .locked(since: f.clock.now()))
        let flow = SignInFlow(shared: f.engine.shared, secondStep: SecondStepStandIn())
        XCTAssertThrowsEngineError(
            try flow.signIn(email: "keiyaku@example.com", password: Fixture.password, purpose: .service, context: f.here),
            .locked(.wrongPasswords))
    }

    func testMC1_theSettingsEntranceTakesTheSecondStepAsOnTheInternet() {
        var line = f.here
        line.entrance = .lineAuthentication
        XCTAssertEqual(SignInFlow.effective(line, purpose: .settings).entrance, .internet)
        XCTAssertEqual(SignInFlow.effective(line, purpose: .service).entrance, .lineAuthentication)
    }
}
