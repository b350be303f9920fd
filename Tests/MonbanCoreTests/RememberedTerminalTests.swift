import Foundation
import XCTest
@testable import MonbanCore

/// Issue 19 finding 3 (TF-4, LG-3): a remembered terminal is bound to the terminal as well as
/// the account, is never offered where the terminal is not one person's own, and lasts at most
/// `TwoStepPolicy.rememberAtMost` from the tick, however often it is used.
final class RememberedTerminalTests: XCTestCase {
    var f: Fixture!
    let email = "keiyaku@example.com"

    override func setUpWithError() throws {
        f = try Fixture()
        _ = try f.contract(email, twoStep: true)
    }

    func facts(state: String = "/home/a/.local/state/monban", tty: String = "/dev/pts/3") -> TerminalBinding.Facts {
        var facts = TerminalBinding.Facts()
        facts.uid = 1000
        facts.machine = "0123456789abcdef"
        facts.stateDirectory = state
        facts.tty = tty
        return facts
    }

    func binding(_ facts: TerminalBinding.Facts) throws -> TerminalBinding {
        try TerminalBinding.decide(facts).get()
    }

    func context(_ device: DeviceToken?) -> AccessContext { AccessContext(terminal: f.here.terminal, device: device) }

    /// Signs in with the password and enrols an authenticator on `device`, ticking "remember".
    func rememberOn(_ device: DeviceToken) throws {
        let step = try f.passwordStep(context: context(device))
        let setup = try f.engine.authenticatorSetup(step, context: context(device))
        let secret = try XCTUnwrap(Base32.decode(setup.secret))
        let result = try f.engine.verifySecondStep(step, method: .authenticator,
                                                   code: TOTP.code(secret: secret, at: f.clock.now()),
                                                   remember: true, context: context(device))
        XCTAssertTrue(result.remembered)
    }

    func asksSecondStep(_ device: DeviceToken?) throws -> Bool {
        try f.engine.signIn(email: email, password: Fixture.password, context: context(device)).signedIn == nil
    }

    // MARK: The attack: the token file copied elsewhere

    func testTF4_aCopiedTokenUsedFromAnotherHomeIsAskedTheSecondStep() throws {
        let token = try DeviceToken.ephemeral(using: f.engine.random)
        let mine = token.bound(to: try binding(facts()))
        try rememberOn(mine)
        f.clock.advance(60)
        XCTAssertFalse(try asksSecondStep(mine), "the remembered terminal itself")
        // The same 32 bytes from another home (another state folder), another account, another
        // machine, another console, or another SSH key: not the remembered terminal.
        var otherAccount = facts(); otherAccount.uid = 1001
        var otherMachine = facts(); otherMachine.machine = "fedcba9876543210"
        var otherKey = facts(); otherKey.sshConnection = "192.0.2.1 50000 192.0.2.2 22"
        otherKey.sshUserAuth = "publickey ssh-ed25519 AAAAattacker\n"
        for other in [facts(state: "/home/b/.local/state/monban"), otherAccount, otherMachine,
                      facts(tty: "/dev/tty1"), otherKey] {
            XCTAssertTrue(try asksSecondStep(token.bound(to: binding(other))), "\(other)")
        }
        XCTAssertTrue(try asksSecondStep(token), "the token without its binding")
    }

    func testTF4_underSSHTheKeyIsTheTerminal() throws {
        var a = facts(tty: "/dev/pts/7")
        a.sshConnection = "192.0.2.1 50000 192.0.2.2 22"
        a.sshUserAuth = "publickey ssh-ed25519 AAAAalice alice@laptop\n"
        let token = try DeviceToken.ephemeral(using: f.engine.random)
        try rememberOn(token.bound(to: try binding(a)))
        // A later connection with the same key gets another pseudo-terminal: still remembered.
        var again = a
        again.tty = "/dev/pts/12"
        again.sshConnection = "192.0.2.1 50123 192.0.2.2 22"
        XCTAssertFalse(try asksSecondStep(token.bound(to: binding(again))))
    }

    // MARK: Where remembering is off

    func testTF4_notOfferedWhereTheTerminalIsNotOnePersonsOwn() {
        var kiosk = facts(); kiosk.kiosk = true
        XCTAssertEqual(TerminalBinding.decide(kiosk), .failure(.kiosk))
        var shared = facts(); shared.rememberSetting = false
        XCTAssertEqual(TerminalBinding.decide(shared), .failure(.operatorSetting))
        var forced = facts(); forced.sshOriginalCommand = "monban"
        forced.sshConnection = "192.0.2.1 50000 192.0.2.2 22"
        forced.sshUserAuth = "publickey ssh-ed25519 AAAAalice\n"
        XCTAssertEqual(TerminalBinding.decide(forced), .failure(.forcedCommand))
        var forceCommand = facts(); forceCommand.startedBySSHD = true
        XCTAssertEqual(TerminalBinding.decide(forceCommand), .failure(.forcedCommand))
        var declared = forced; declared.rememberSetting = true
        XCTAssertEqual(TerminalBinding.decide(declared), .failure(.forcedCommand), "the setting does not override it")
        var sshNoKey = facts(); sshNoKey.sshConnection = "192.0.2.1 50000 192.0.2.2 22"
        sshNoKey.sshUserAuth = "password\n"
        XCTAssertEqual(TerminalBinding.decide(sshNoKey), .failure(.sshWithoutKey))
        var empty = facts(); empty.sshOriginalCommand = ""; empty.sshConnection = ""
        XCTAssertNoThrow(try binding(empty), "empty variables count as unset")
        XCTAssertNoThrow(try binding(facts()))
    }

    // MARK: The overall cap

    func testTF4_askedAgainAtTheCapHoweverOftenUsed() throws {
        let device = try DeviceToken.ephemeral(using: f.engine.random).bound(to: try binding(facts()))
        try rememberOn(device)
        var elapsed: TimeInterval = 0
        while elapsed + 86_400 < TwoStepPolicy.rememberAtMost {
            f.clock.advance(86_400)
            elapsed += 86_400
            XCTAssertFalse(try asksSecondStep(device), "day \(Int(elapsed / 86_400)): used every day")
        }
        f.clock.advance(TwoStepPolicy.rememberAtMost - elapsed)
        XCTAssertTrue(try asksSecondStep(device), "at the cap two-step is asked again")
    }

    func testTF4_rememberingAgainAfterTheCapStartsAFreshLifetime() throws {
        let device = try DeviceToken.ephemeral(using: f.engine.random).bound(to: try binding(facts()))
        try rememberOn(device)
        f.clock.advance(TwoStepPolicy.rememberAtMost)
        let step = try f.passwordStep(context: context(device))
        XCTAssertEqual(step.stage, .authenticator)
    }
}
