import Foundation
import GRDB
import XCTest
@testable import MonbanCore
import MonbanStore

/// TM-3, issue 19 finding 2: links follow the address. Any change of a person's address
/// voids every outstanding ticket of that person, whatever its purpose; a ticket is bound
/// to the address it was issued for; a registration ticket is refused once the person has
/// registered. Each test performs the attack with the holder of the old mailbox.
final class LinksFollowTheAddressTests: XCTestCase {
    var f: Fixture!
    var contractorID: Int64 = 0
    var contractID: Int64 = 0
    let attackerPassword = "Nottori-2026!"
    let attackerGoogle = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "666",
                                           email: "attacker@gmail.example")

    override func setUpWithError() throws {
        f = try Fixture()
        let created = try f.contract()
        contractorID = created.contractor.id
        contractID = created.contract.id
    }

    override func tearDown() { f = nil }

    func administrator() throws -> Person {
        try f.engine.addPerson(to: contractID, email: "kanri@example.com",
                               name: "管理 花子", role: .administrator, password: Fixture.password)
    }

    /// The attack of the finding: an invitation to a typo address, corrected by the
    /// administrator; the person registers from the corrected address; days later the
    /// holder of the typo address opens the first invitation. It overwrote the password
    /// (or bound the attacker's Google account); now it is refused and changes nothing.
    func testFinding2_theOldInvitationIsRefusedAfterTheAddressIsCorrected() throws {
        let admin = try administrator()
        let typo = "shinjin@exmaple.com", right = "shinjin@example.com"
        let invited = try f.engine.invitePerson(by: admin.id, email: typo, name: "新人 四郎", role: .user, context: f.here)
        let invitation = try f.lastLink(to: typo, path: "/lo/register")
        XCTAssertEqual(try f.engine.sendEmailChange(by: admin.id, personID: invited.id, address: right, authenticatedAt: f.clock.now(), context: f.here),
                       .emailChange(to: right))
        let change = try f.lastLink(to: right, path: "/lo/email")
        let own = "Jibun-no-2026!"
        try f.engine.confirmEmailChange(change, password: own, confirmation: own, context: f.here)
        XCTAssertTrue(try XCTUnwrap(f.engine.person(id: invited.id)).registered)

        f.clock.advance(3 * 86_400)  // days later, well within the invitation's 14 days
        XCTAssertThrowsEngineError(try f.engine.inspect(invitation), .linkUsed)
        XCTAssertThrowsEngineError(
            try f.engine.completeRegistration(invitation, password: attackerPassword, confirmation: attackerPassword,
                                              context: f.here), .linkUsed)
        XCTAssertThrowsEngineError(try f.engine.completeRegistration(invitation, identity: attackerGoogle, context: f.here),
                                   .linkUsed)
        let person = try XCTUnwrap(f.engine.person(id: invited.id))
        XCTAssertEqual(person.email, right)
        XCTAssertEqual(person.loginMethod, .emailPassword)
        XCTAssertNotNil(try f.engine.signIn(email: right, password: own, context: f.here).signedIn)
        XCTAssertThrowsEngineError(try f.signIn(right, attackerPassword), .wrongCredentials)
        XCTAssertThrowsEngineError(try f.engine.signIn(federated: attackerGoogle, context: f.here),
                                   .identityNotRegistered(.google))
        XCTAssertTrue(try f.auditEvents().contains(AuditEvent.linkRefused.rawValue))
    }

    /// A login-method-change link mailed to the old address, opened after the address
    /// changed: it would have replaced a federated login with the attacker's password
    /// (unbinding the person's account) or bound the attacker's account, and reset
    /// two-step. Now refused, with the person's login untouched.
    func testFinding2_aMethodChangeLinkToTheOldAddressIsRefusedAfterAnAddressChange() throws {
        let old = "riyou@example.com", new = "riyou@new.example"
        let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "1098765",
                                       email: "hanako@gmail.example")
        let invited = try f.engine.invitePerson(by: contractorID, email: old, name: "利用 花子", role: .user, context: f.here)
        try f.engine.completeRegistration(try f.lastLink(to: old, path: "/lo/register"), identity: google, context: f.here)

        XCTAssertEqual(try f.engine.sendEmailChange(by: contractorID, personID: invited.id, address: old, authenticatedAt: f.clock.now(), context: f.here),
                       .loginMethodChange(to: old))
        let methodLink = try f.lastLink(to: old, path: "/lo/method")
        _ = try f.engine.sendEmailChange(by: contractorID, personID: invited.id, address: new, authenticatedAt: f.clock.now(), context: f.here)
        try f.engine.confirmEmailChange(try f.lastLink(to: new, path: "/lo/email"), context: f.here)  // EM-3
        XCTAssertEqual(try f.engine.person(id: invited.id)?.email, new)

        f.clock.advance(86_400)
        XCTAssertThrowsEngineError(try f.engine.inspect(methodLink), .linkUsed)
        XCTAssertThrowsEngineError(
            try f.engine.completeRegistration(methodLink, password: attackerPassword, confirmation: attackerPassword,
                                              context: f.here), .linkUsed)
        XCTAssertThrowsEngineError(try f.engine.completeRegistration(methodLink, identity: attackerGoogle, context: f.here),
                                   .linkUsed)
        let person = try XCTUnwrap(f.engine.person(id: invited.id))
        XCTAssertEqual(person.loginMethod, .google)
        XCTAssertEqual(try f.engine.signIn(federated: google, context: f.here).person.id, invited.id)
        XCTAssertThrowsEngineError(try f.signIn(new, attackerPassword), .wrongCredentials)
    }

    /// Every purpose dies with the address, the reset and unlock links of a person who does
    /// not set a password on the way (EM-3) included.
    func testFinding2_anAddressChangeVoidsEveryOutstandingTicket() throws {
        let old = "riyou@example.com", new = "riyou@new.example"
        let user = try f.engine.addPerson(to: contractID, email: old, role: .user,
                                          method: .google, password: nil)
        // A link of each purpose, as earlier mails left them, issued through the engine's own path.
        let links: [Link] = try f.engine.shared.transaction { tx in
            .success(try TicketPurpose.allCases.map { purpose in
                try Link(parsing: try f.engine.shared.issueTicket(tx, purpose, for: user, context: f.here))
            })
        }
        _ = try f.engine.sendEmailChange(by: contractorID, personID: user.id, address: new, authenticatedAt: f.clock.now(), context: f.here)
        try f.engine.confirmEmailChange(try f.lastLink(to: new, path: "/lo/email"), context: f.here)
        for link in links {
            XCTAssertThrowsEngineError(try f.engine.inspect(link), .linkUsed)
        }
    }

    /// The binding itself, whatever voided or did not void a ticket: a ticket whose person's
    /// address is no longer the one it was issued for is refused (here the address is
    /// changed in the store behind the engine's back, as a path that forgot to void would).
    func testFinding2_aTicketIsBoundToTheAddressItWasIssuedFor() throws {
        try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
        let reset = try f.lastLink(to: "keiyaku@example.com", path: "/lo/reset")
        XCTAssertNoThrow(try f.engine.inspect(reset))
        try f.sql("UPDATE person SET email = 'keiyaku@new.example' WHERE id = ?", [.int(contractorID)])
        XCTAssertThrowsEngineError(try f.engine.inspect(reset), .linkInvalid)
        XCTAssertThrowsEngineError(
            try f.engine.resetPassword(reset, newPassword: attackerPassword, confirmation: attackerPassword, context: f.here),
            .linkInvalid)
        // An unlock link, opened (and refused) in one step: audited with its reason.
        for i in 1...10 { _ = try? f.engine.signIn(email: "KEIYAKU@new.example", password: "Chigau-\(i)!", context: f.here) }
        let unlock = try f.lastLink(to: "keiyaku@new.example", path: "/lo/unblock")
        try f.sql("UPDATE person SET email = 'keiyaku@other.example' WHERE id = ?", [.int(contractorID)])
        XCTAssertThrowsEngineError(try f.engine.unlock(unlock, context: f.here), .linkInvalid)
        XCTAssertTrue(try f.engine.auditEntries().contains { $0.detail == "unlock: address changed" })
        // The same address in another case is the same address.
        try f.sql("UPDATE person SET email = 'KEIYAKU@Example.com' WHERE id = ?", [.int(contractorID)])
        XCTAssertNoThrow(try f.engine.inspect(reset))
    }

    /// A ticket with no address recorded (issued before addresses were kept) is refused: fail closed.
    func testFinding2_aTicketWithoutAnAddressIsRefused() throws {
        try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
        let reset = try f.lastLink(to: "keiyaku@example.com", path: "/lo/reset")
        try f.sql("UPDATE ticket SET address_hash = NULL")
        XCTAssertThrowsEngineError(try f.engine.inspect(reset), .linkInvalid)
    }

    /// A registration link is refused once its person has registered, by whatever way.
    func testFinding2_aRegistrationTicketIsRefusedOnceThePersonHasRegistered() throws {
        let invited = try f.engine.invitePerson(by: contractorID, email: "riyou@example.com", role: .user, context: f.here)
        let invitation = try f.lastLink(to: "riyou@example.com", path: "/lo/register")
        try f.sql("UPDATE person SET registered = true, password_hash = 'x' WHERE id = ?", [.int(invited.id)])
        XCTAssertThrowsEngineError(try f.engine.inspect(invitation), .linkUsed)
        XCTAssertThrowsEngineError(
            try f.engine.completeRegistration(invitation, password: attackerPassword, confirmation: attackerPassword,
                                              context: f.here), .linkUsed)
        XCTAssertThrowsEngineError(try f.engine.completeRegistration(invitation, identity: attackerGoogle, context: f.here),
                                   .linkUsed)
        XCTAssertTrue(try f.engine.auditEntries().contains { $0.detail == "registration: already registered" })
    }
}
