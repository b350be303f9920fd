import Foundation
import XCTest
@testable import MonbanCore
import MonbanStore

/// Issue 19 finding 7: an administrator could take over any non-contractor — another
/// administrator, a federated or AD user — with two console e-mail changes and the
/// login-method-change link, and the old address was never told. Now administrators act
/// on users only; their change of a registered person's address waits for the person's
/// approval from the current address; the contractor's change tells the current address;
/// and every action on another account asks the password again once the last one is
/// older than `ConsolePolicy.stepUpWindow` (ASVS 7.5.3).
final class ConsoleTakeoverTests: XCTestCase {
    var f: Fixture!
    var contractorID: Int64 = 0
    var contractID: Int64 = 0
    let attacker = "attacker@evil.example"
    let attackerPassword = "Nottori-2026!"
    let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "1098765",
                                   email: "hanako@gmail.example")

    override func setUpWithError() throws {
        f = try Fixture()
        let created = try f.contract()
        contractorID = created.contractor.id
        contractID = created.contract.id
    }

    override func tearDown() { f = nil }

    var now: Date { f.clock.now() }

    func administrator(_ email: String = "kanri@example.com") throws -> Person {
        try f.engine.addPerson(to: contractID, email: email, name: "管理 花子", role: .administrator,
                               password: Fixture.password)
    }

    /// A user who registered with Google through their invitation.
    func federatedUser(_ email: String = "riyou@example.com") throws -> Person {
        _ = try f.engine.invitePerson(by: contractorID, email: email, name: "利用 花子", role: .user, context: f.here)
        return try f.engine.completeRegistration(try f.lastLink(to: email, path: "/lo/register"), identity: google,
                                                 context: f.here)
    }

    /// The attack, as the administrator `actor` plays it against `victim`: a console e-mail
    /// change to a mailbox the administrator holds, the link from it opened (with a new
    /// password when the victim uses one), then the address "unchanged" to mail a
    /// login-method-change link there, whose password makes the account the attacker's.
    /// Each step that the engine refuses or that mails nothing to the attacker ends it.
    func attack(by actor: Int64, on victim: Int64) {
        guard (try? f.engine.sendEmailChange(by: actor, personID: victim, address: attacker, authenticatedAt: now,
                                             context: f.here)) != nil,
              let change = attackersLink("/lo/email")
        else { return }
        _ = try? f.engine.confirmEmailChange(change, password: attackerPassword, confirmation: attackerPassword,
                                             context: f.here)
        _ = try? f.engine.confirmEmailChange(change, context: f.here)
        guard (try? f.engine.sendEmailChange(by: actor, personID: victim, address: attacker, authenticatedAt: now,
                                             context: f.here)) != nil,
              let method = attackersLink("/lo/method")
        else { return }
        _ = try? f.engine.completeRegistration(method, password: attackerPassword, confirmation: attackerPassword,
                                               context: f.here)
    }

    /// A link of `path` in the attacker's mailbox, if one arrived.
    func attackersLink(_ path: String) -> Link? {
        guard let text = (try? f.outbox(attacker))?.flatMap(\.links).last(where: { $0.contains(path + "?") }) else {
            return nil
        }
        return try? Link(parsing: text)
    }

    func assertNotTaken(_ victim: Int64, email: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let person = try XCTUnwrap(f.engine.person(id: victim), file: file, line: line)
        XCTAssertEqual(person.email, email, "the address moved to the attacker", file: file, line: line)
        XCTAssertThrowsError(try f.engine.signIn(email: attacker, password: attackerPassword, context: f.here),
                             "the attacker signs in", file: file, line: line)
        XCTAssertTrue(try f.outbox(attacker).flatMap(\.links).isEmpty, "a link reached the attacker", file: file, line: line)
    }

    // MARK: The attack

    func testFinding7_anAdministratorCannotTakeOverAnotherAdministrator() throws {
        let attackerAdmin = try administrator()
        let victim = try administrator("jouhou@example.com")
        attack(by: attackerAdmin.id, on: victim.id)
        try assertNotTaken(victim.id, email: "jouhou@example.com")
        XCTAssertNotNil(try f.engine.signIn(email: "jouhou@example.com", password: Fixture.password, context: f.here).signedIn)
        // Nor anything else on another administrator or the contractor: only the contractor acts on administrators.
        for target in [victim.id, contractorID] {
            XCTAssertThrowsEngineError(
                try f.engine.unlockUser(by: attackerAdmin.id, personID: target, authenticatedAt: now, context: f.here),
                .notPermitted)
            XCTAssertThrowsEngineError(
                try f.engine.resetTwoStep(by: attackerAdmin.id, personID: target, authenticatedAt: now, context: f.here),
                .notPermitted)
        }
        XCTAssertNoThrow(try f.engine.resetTwoStep(by: contractorID, personID: victim.id, authenticatedAt: now,
                                                   context: f.here))
    }

    func testFinding7_anAdministratorCannotTakeOverAFederatedUser() throws {
        let attackerAdmin = try administrator()
        let victim = try federatedUser()
        attack(by: attackerAdmin.id, on: victim.id)
        try assertNotTaken(victim.id, email: "riyou@example.com")
        let person = try XCTUnwrap(f.engine.person(id: victim.id))
        XCTAssertEqual(person.loginMethod, .google)
        XCTAssertEqual(try f.engine.signIn(federated: google, context: f.here).person.id, victim.id)
        // The victim's own address was asked, and is the only one that can let the change go on.
        let asked = try XCTUnwrap(f.outbox("riyou@example.com").last { $0.subject.contains("メールアドレス変更の確認") })
        XCTAssertTrue(asked.body.contains(attacker), asked.body)
        XCTAssertEqual(asked.links.count, 1)
    }

    // MARK: The approval from the current address

    func testFinding7_theCurrentAddressApprovesAnAdministratorsChange() throws {
        let admin = try administrator()
        let user = try f.engine.addPerson(to: contractID, email: "riyou@example.com", role: .user,
                                          password: Fixture.password)
        XCTAssertEqual(
            try f.engine.sendEmailChange(by: admin.id, personID: user.id, address: "riyou@new.example", authenticatedAt: now,
                                         context: f.here),
            .approvalRequested(from: "riyou@example.com", to: "riyou@new.example"))
        XCTAssertTrue(try f.outbox("riyou@new.example").isEmpty, "nothing to the new address before the approval")
        let approval = try f.lastLink(to: "riyou@example.com", path: "/lo/email-approve")
        XCTAssertEqual(LinkRouter.destination(of: try XCTUnwrap(f.outbox("riyou@example.com").last?.links.first)),
                       .emailChangeApproval(approval))
        XCTAssertEqual(try f.engine.approveEmailChange(approval, context: f.here), "riyou@new.example")
        XCTAssertThrowsEngineError(try f.engine.approveEmailChange(approval, context: f.here), .linkUsed)
        let change = try f.lastLink(to: "riyou@new.example", path: "/lo/email")
        let fresh = "Atarashii-2026!"
        try f.engine.confirmEmailChange(change, password: fresh, confirmation: fresh, context: f.here)
        XCTAssertEqual(try f.engine.person(id: user.id)?.email, "riyou@new.example")
        XCTAssertTrue(try f.auditEvents().contains(AuditEvent.emailChangeApproved.rawValue))
    }

    /// Someone never registered has no account to take: an administrator corrects a typo
    /// in an invitation at once (issue 19 finding 2's case).
    func testFinding7_anInvitationIsCorrectedWithoutApproval() throws {
        let admin = try administrator()
        let invited = try f.engine.invitePerson(by: admin.id, email: "shinjin@exmaple.com", role: .user, context: f.here)
        XCTAssertEqual(
            try f.engine.sendEmailChange(by: admin.id, personID: invited.id, address: "shinjin@example.com",
                                         authenticatedAt: now, context: f.here),
            .emailChange(to: "shinjin@example.com"))
    }

    /// The contractor's change goes ahead, and the current address is told, with no link.
    func testFinding7_theContractorsChangeTellsTheCurrentAddress() throws {
        let user = try federatedUser()
        XCTAssertEqual(
            try f.engine.sendEmailChange(by: contractorID, personID: user.id, address: "riyou@new.example",
                                         authenticatedAt: now, context: f.here),
            .emailChange(to: "riyou@new.example"))
        let told = try XCTUnwrap(f.outbox("riyou@example.com").last)
        XCTAssertEqual(told.subject, "【おまかせクラウドストレージ】メールアドレス変更受付のお知らせ")
        XCTAssertTrue(told.links.isEmpty)
        XCTAssertFalse(told.body.contains("ticket="), told.body)
        XCTAssertTrue(told.body.contains("riyou@new.example"), told.body)
    }

    // MARK: The password again (step-up)

    func testFinding7_theConsoleAsksThePasswordAgainAfterTheWindow() throws {
        let user = try f.engine.addPerson(to: contractID, email: "riyou@example.com", role: .user,
                                          password: Fixture.password)
        let signedIn = now
        f.clock.advance(ConsolePolicy.stepUpWindow)
        XCTAssertNoThrow(try f.engine.resetTwoStep(by: contractorID, personID: user.id, authenticatedAt: signedIn,
                                                   context: f.here), "at the window's edge")
        f.clock.advance(1)
        XCTAssertThrowsEngineError(
            try f.engine.unlockUser(by: contractorID, personID: user.id, authenticatedAt: signedIn, context: f.here),
            .reauthenticationRequired)
        XCTAssertThrowsEngineError(
            try f.engine.sendEmailChange(by: contractorID, personID: user.id, address: "x@example.com",
                                         authenticatedAt: signedIn, context: f.here),
            .reauthenticationRequired)
        XCTAssertTrue(try f.outbox("x@example.com").isEmpty)
        XCTAssertThrowsEngineError(
            try f.engine.unlockUser(by: contractorID, personID: user.id, authenticatedAt: now + 60, context: f.here),
            .reauthenticationRequired)  // a time to come is no proof
        // A wrong password counts toward the lock (LK-1); the right one opens a new window.
        XCTAssertThrowsEngineError(try f.engine.confirmPassword(by: contractorID, password: "Chigau-2026!", context: f.here),
                                   .wrongCurrentPassword)
        XCTAssertEqual(try f.engine.person(id: contractorID).map { PasswordLock($0) }, .open(failures: 1))
        let again = try f.engine.confirmPassword(by: contractorID, password: Fixture.password, context: f.here)
        XCTAssertEqual(again, now)
        XCTAssertNoThrow(try f.engine.unlockUser(by: contractorID, personID: user.id, authenticatedAt: again,
                                                 context: f.here))
        XCTAssertTrue(try f.auditEvents().contains(AuditEvent.passwordConfirmed.rawValue))
        // Who signs in without a password signs in again instead.
        let admin = try f.engine.addPerson(to: contractID, email: "kanri@example.com", role: .administrator,
                                           method: .google, password: nil)
        XCTAssertThrowsEngineError(try f.engine.confirmPassword(by: admin.id, password: "", context: f.here), .notPermitted)
    }

    func testFinding7_theWindowIsFiveMinutes() {
        XCTAssertEqual(ConsolePolicy.stepUpWindow, 300)
        XCTAssertTrue(ConsolePolicy.mayAct(.contractor, on: .administrator))
        XCTAssertTrue(ConsolePolicy.mayAct(.administrator, on: .user))
        XCTAssertFalse(ConsolePolicy.mayAct(.administrator, on: .administrator))
        XCTAssertFalse(ConsolePolicy.mayAct(.administrator, on: .contractor))
        XCTAssertFalse(ConsolePolicy.mayAct(.contractor, on: .contractor))
    }
}
