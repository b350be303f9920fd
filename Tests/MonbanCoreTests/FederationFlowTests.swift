import Foundation
import GRDB
import XCTest
@testable import MonbanCore
import MonbanStore

/// A directory that knows a few accounts, standing in for the LDAP bind.
final class FakeDirectory: DirectoryVerifier, @unchecked Sendable {
    var accounts: [String: String] = ["taro@corp.example": "Ad-Pass-2026"]
    var disabled: Set<String> = ["gone@corp.example"]
    var down = false
    private(set) var calls = 0

    func verify(_ settings: DirectorySettings, userPrincipalName: String, password: String) -> DirectoryAnswer {
        calls += 1
        if down { return .unreachable("connection refused") }
        let upn = userPrincipalName.lowercased()
        if disabled.contains(upn) { return .accountDisabled }
        guard let right = accounts[upn] else { return .unknownUser }
        return right == password ? .ok : .wrongPassword
    }
}

/// LG-4, LG-5, US-2, MC-2: binding federated and AD accounts, and signing in with them.
final class FederationFlowTests: XCTestCase {
    let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "1098765",
                                   email: "hanako@gmail.example")

    func invited(_ f: Fixture, _ email: String = "riyou@example.com") throws -> Link {
        let contractor = try XCTUnwrap(f.engine.person(email: "keiyaku@example.com"))
        _ = try f.engine.invitePerson(by: contractor.id, email: email, name: "利用 花子", role: .user, context: f.here)
        return try f.lastLink(to: email, path: "/lo/register")
    }

    // US-1: the invitation mail carries a 14-day registration link.
    func testUS1_invitationMailsARegistrationLink() throws {
        let f = try Fixture()
        try f.contract()
        let link = try invited(f)
        XCTAssertEqual(link.purpose, .registration)
        let mail = try XCTUnwrap(f.outbox("riyou@example.com").last)
        XCTAssertTrue(mail.subject.contains("利用者登録のご案内"), mail.subject)
        let user = try XCTUnwrap(f.engine.person(email: "riyou@example.com"))
        XCTAssertThrowsEngineError(
            try f.engine.invitePerson(by: user.id, email: "x@example.com", role: .user, context: f.here), .notPermitted)
    }

    // US-2, LG-4: registering with a federated account binds it; it then signs in, with no password.
    func testLG4_registeredAccountSignsIn() throws {
        let f = try Fixture()
        try f.contract()
        let link = try invited(f)
        let person = try f.engine.completeRegistration(link, identity: google, context: f.here)
        XCTAssertEqual(person.loginMethod, .google)
        XCTAssertTrue(person.registered)
        let signedIn = try f.engine.signIn(federated: google, context: f.here)
        XCTAssertEqual(signedIn.person.email, "riyou@example.com")
        XCTAssertThrowsEngineError(try f.signIn("riyou@example.com", Fixture.password), .wrongCredentials)
        XCTAssertTrue(try f.auditEvents().contains(AuditEvent.identityBound.rawValue))
        XCTAssertThrowsEngineError(try f.engine.completeRegistration(link, identity: google, context: f.here), .linkUsed)
    }

    // LG-4: an account bound to nobody, or the same subject from another issuer, is refused.
    func testLG4_unknownAccountIsRefused() throws {
        let f = try Fixture()
        try f.contract()
        _ = try f.engine.completeRegistration(try invited(f), identity: google, context: f.here)
        var other = google
        other.issuer = "https://evil.example"
        XCTAssertThrowsEngineError(try f.engine.signIn(federated: other, context: f.here), .identityNotRegistered(.google))
        var stranger = google
        stranger.subject = "555"
        XCTAssertThrowsEngineError(try f.engine.signIn(federated: stranger, context: f.here), .identityNotRegistered(.google))
        // The same account, named as another service, is not that person's method either.
        var asMicrosoft = google
        asMicrosoft.method = .microsoft
        XCTAssertThrowsEngineError(try f.engine.signIn(federated: asMicrosoft, context: f.here),
                                   .identityNotRegistered(.microsoft))
    }

    // US-2: one account cannot be bound to two people.
    func testUS2_sameSubjectCannotBeBoundTwice() throws {
        let f = try Fixture()
        try f.contract()
        _ = try f.engine.completeRegistration(try invited(f, "a@example.com"), identity: google, context: f.here)
        let second = try invited(f, "b@example.com")
        XCTAssertThrowsEngineError(try f.engine.completeRegistration(second, identity: google, context: f.here),
                                   .identityInUse)
        XCTAssertEqual(try f.engine.person(email: "b@example.com")?.registered, false, "nothing changed")
        XCTAssertNoThrow(try f.engine.inspect(second), "the link was not used up by the refusal")
    }

    // MC-2: a Facebook login cannot move straight to another Facebook account.
    func testMC2_facebookToAnotherFacebookIsRefused() throws {
        let f = try Fixture()
        try f.contract()
        let facebook = FederatedIdentity(method: .facebook, issuer: "https://www.facebook.com", subject: "fb-1")
        let person = try f.engine.completeRegistration(try invited(f), identity: facebook, context: f.here)
        var another = facebook
        another.subject = "fb-2"
        let result = try f.engine.store.write { tx in try f.engine.federationFlow.bind(tx, another, to: person, context: f.here) }
        guard case .failure(let e) = result else { return XCTFail("bound a second Facebook account") }
        XCTAssertEqual(e, .facebookToFacebook)
        // Through another method first, it is allowed.
        let viaGoogle = try f.engine.store.write { tx in try f.engine.federationFlow.bind(tx, self.google, to: person, context: f.here) }
        guard case .success = viaGoogle else { return XCTFail("could not move to Google") }
        let moved = try XCTUnwrap(f.engine.person(id: person.id))
        let back = try f.engine.store.write { tx in try f.engine.federationFlow.bind(tx, another, to: moved, context: f.here) }
        guard case .success = back else { return XCTFail("could not move to the other Facebook account via Google") }
    }

    // LG-5: Active Directory設定 makes the connection ID and mails the notice.
    func testLG5_directorySettingMailsTheConnectionID() throws {
        let f = try Fixture()
        let created = try f.contract()
        let s = try f.engine.configureDirectory(by: created.contractor.id, url: "ldaps://dc.corp.example:636",
                                                domain: "Corp.Example", context: f.here)
        XCTAssertTrue(s.connectionID.value.hasPrefix("adfs-"))
        XCTAssertEqual(s.connectionID.value.count, 19)
        XCTAssertEqual(s.domain, "corp.example")
        let mail = try XCTUnwrap(f.outbox("keiyaku@example.com").last)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】Active Directoryアカウントのログイン用URL・接続ID通知")
        XCTAssertTrue(mail.body.contains("・ Active Directoryの接続ID : \(s.connectionID.value)"), mail.body)
        XCTAssertTrue(mail.body.contains("インターネット用 : https://login.monban.example/lo/ad?cid=\(s.connectionID.value)"))
        XCTAssertTrue(mail.body.contains("回線認証用 : https://line.login.monban.example/lo/ad?cid="))
        // A later setting keeps the ID.
        let again = try f.engine.configureDirectory(by: created.contractor.id, url: "ldaps://dc2.corp.example",
                                                    domain: "corp.example", context: f.here)
        XCTAssertEqual(again.connectionID, s.connectionID)
        XCTAssertEqual(try f.engine.directory(connectionID: s.connectionID)?.url, "ldaps://dc2.corp.example")
    }

    func testLG5_directorySettingRefusesBadInputAndOthers() throws {
        let f = try Fixture()
        let created = try f.contract()
        let id = created.contractor.id
        for url in ["http://dc.example", "ldap://", "dc.example", "ldap://dc.example/dc=x?y", String(repeating: "a", count: 600)] {
            XCTAssertThrowsError(try f.engine.configureDirectory(by: id, url: url, domain: "corp.example", context: f.here),
                                 url)
        }
        for domain in ["", "corp..example", "-corp.example", "corp example", "コープ.example"] {
            XCTAssertThrowsError(try f.engine.configureDirectory(by: id, url: "ldap://dc", domain: domain, context: f.here),
                                 domain)
        }
        XCTAssertThrowsEngineError(
            try f.engine.configureDirectory(by: id, url: "ldaps://dc", domain: "corp.example", caCertificatePEM: "garbage",
                                            context: f.here), .invalidDirectorySettings("CA certificate (PEM)"))
        let admin = try f.engine.addPerson(to: created.contract.id, email: "kanri@example.com", role: .administrator,
                                           password: Fixture.password)
        XCTAssertThrowsEngineError(
            try f.engine.configureDirectory(by: admin.id, url: "ldaps://dc", domain: "corp.example", context: f.here),
            .notPermitted)
        XCTAssertTrue(try f.outbox("keiyaku@example.com").filter { $0.subject.contains("接続ID") }.isEmpty)
    }

    func testLG5_connectionIDIsAcceptedAsTyped() {
        XCTAssertEqual(ConnectionID("  ADFS-ABCDEFGHIJ0123 ")?.value, "adfs-abcdefghij0123")
        XCTAssertEqual(ConnectionID("ａｄｆｓ－abcdefghij0123")?.value, "adfs-abcdefghij0123", "typed through an IME")
        XCTAssertEqual(ConnectionID("ａｄｆｓ-ａｂｃｄｅｆｇｈｉｊ０１２３")?.value, "adfs-abcdefghij0123")
        XCTAssertNil(ConnectionID("adfs-abc"))
        XCTAssertNil(ConnectionID("adfs-abcdefghij012!"))
        XCTAssertNil(ConnectionID("xdfs-abcdefghij0123"))
    }

    // LG-5, US-2: registering and signing in with AD.
    func testLG5_directoryRegistrationAndSignIn() throws {
        let directory = FakeDirectory()
        let f = try Fixture(directory: directory)
        let created = try f.contract()
        let s = try f.engine.configureDirectory(by: created.contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: f.here)
        let link = try invited(f)
        XCTAssertThrowsEngineError(
            try f.engine.verifyDirectoryAccount(connectionID: s.connectionID, userPrincipalName: "taro@corp.example",
                                                password: "wrong", for: link, context: f.here),
            .directoryRefused(.wrongCredentials))
        let identity = try f.engine.verifyDirectoryAccount(connectionID: s.connectionID,
                                                           userPrincipalName: "Taro@corp.example", password: "Ad-Pass-2026",
                                                           for: link, context: f.here)
        let person = try f.engine.completeRegistration(link, identity: identity, context: f.here)
        XCTAssertEqual(person.loginMethod, .activeDirectory)

        let signedIn = try f.engine.signIn(connectionID: s.connectionID, userPrincipalName: "taro@CORP.example",
                                           password: "Ad-Pass-2026", context: f.here)
        XCTAssertEqual(signedIn.person.id, person.id)
        XCTAssertEqual(try XCTUnwrap(f.engine.person(id: person.id)).failedAttempts, 0, "the registration's miss is cleared")
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: s.connectionID, userPrincipalName: "gone@corp.example", password: "x",
                                context: f.here), .directoryRefused(.wrongCredentials))
        let calls = directory.calls
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: s.connectionID, userPrincipalName: "taro@other.example",
                                password: "Ad-Pass-2026", context: f.here), .wrongDirectoryDomain(expected: "corp.example"))
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: s.connectionID, userPrincipalName: "taro", password: "Ad-Pass-2026",
                                context: f.here), .wrongDirectoryDomain(expected: "corp.example"))
        XCTAssertEqual(directory.calls, calls, "a wrong domain never reaches the directory")
        directory.down = true
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: s.connectionID, userPrincipalName: "taro@corp.example",
                                password: "Ad-Pass-2026", context: f.here), .directoryRefused(.unreachable("connection refused")))
        XCTAssertEqual(try XCTUnwrap(f.engine.person(id: person.id)).failedAttempts, 0, "an unreachable directory is no guess")
        let unknown = try XCTUnwrap(ConnectionID("adfs-00000000000000"))
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: unknown, userPrincipalName: "taro@corp.example", password: "Ad-Pass-2026",
                                context: f.here), .unknownConnectionID)
        let details = try f.engine.auditEntries().map(\.detail).joined(separator: "\n")
        XCTAssertFalse(details.contains("Ad-Pass-2026"), "no password in the audit log")
        XCTAssertTrue(details.contains("active_directory: wrong password (1)"), details)
    }

    // LG-5, §1-3 (issue 20 item 22): the 接続ID通知 goes to each person whose login method becomes
    // Active Directory — by 利用者ログイン登録 or by the ログイン方法の設定変更 link — not only to the
    // contractor who set the directory up; a federated registration gets none.
    func testLG5_eachPersonWhoseMethodBecomesDirectoryIsMailedTheNotice() throws {
        let directory = FakeDirectory()
        let f = try Fixture(directory: directory)
        let created = try f.contract()
        let s = try f.engine.configureDirectory(by: created.contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: f.here)
        let notice = "【おまかせクラウドストレージ】Active Directoryアカウントのログイン用URL・接続ID通知"
        let link = try invited(f)
        XCTAssertFalse(try f.outbox("riyou@example.com").contains { $0.subject == notice })
        let identity = try f.engine.verifyDirectoryAccount(connectionID: s.connectionID, userPrincipalName: "taro@corp.example",
                                                           password: "Ad-Pass-2026", for: link, context: f.here)
        _ = try f.engine.completeRegistration(link, identity: identity, context: f.here)
        let mail = try XCTUnwrap(f.outbox("riyou@example.com").last { $0.subject == notice })
        XCTAssertTrue(mail.body.hasPrefix("利用 花子 様"), mail.body)
        XCTAssertTrue(mail.body.contains("・ Active Directoryの接続ID : \(s.connectionID.value)"), mail.body)
        XCTAssertTrue(mail.links.contains("https://login.monban.example/lo/ad?cid=\(s.connectionID.value)"), "\(mail.links)")

        // A person who registered with Google, moved to AD by the ログイン方法の設定変更 link.
        let google = try invited(f, "google@example.com")
        _ = try f.engine.completeRegistration(google, identity: self.google, context: f.here)
        XCTAssertFalse(try f.outbox("google@example.com").contains { $0.subject == notice }, "not for a federated account")
        let moved = try XCTUnwrap(f.engine.person(email: "google@example.com"))
        _ = try f.engine.sendEmailChange(by: created.contractor.id, personID: moved.id, address: "google@example.com",
                                         authenticatedAt: f.clock.now(), context: f.here)
        let change = try f.lastLink(to: "google@example.com", path: "/lo/method")
        directory.accounts["jiro@corp.example"] = "Jiro-Pass-2026"
        let jiro = try f.engine.verifyDirectoryAccount(connectionID: s.connectionID, userPrincipalName: "jiro@corp.example",
                                                       password: "Jiro-Pass-2026", for: change, context: f.here)
        _ = try f.engine.completeRegistration(change, identity: jiro, context: f.here)
        XCTAssertEqual(try f.outbox("google@example.com").filter { $0.subject == notice }.count, 1)
    }

    /// A registered AD person and a directory account nobody registered, for the attacks below.
    func directoryWithTaro(_ directory: FakeDirectory) throws -> (Fixture, ConnectionID, Person) {
        let f = try Fixture(directory: directory)
        let created = try f.contract()
        let s = try f.engine.configureDirectory(by: created.contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: f.here)
        let link = try invited(f)
        let identity = try f.engine.verifyDirectoryAccount(connectionID: s.connectionID, userPrincipalName: "taro@corp.example",
                                                           password: "Ad-Pass-2026", for: link, context: f.here)
        let person = try f.engine.completeRegistration(link, identity: identity, context: f.here)
        directory.accounts["jiro@corp.example"] = "Jiro-Pass-2026"  // in the directory, not in the service
        return (f, s.connectionID, person)
    }

    // Issue 19 finding 11, LK-1: guessing an AD password through the sign-in screen locks
    // the person after ten wrong passwords, as a password sign-in does; the locked person's
    // password is never sent to the directory again, the right one included, until unlocked.
    func testLK1_directoryGuessesLockThePerson() throws {
        let directory = FakeDirectory()
        let (f, cid, person) = try directoryWithTaro(directory)
        for n in 1...9 {
            XCTAssertThrowsEngineError(
                try f.engine.signIn(connectionID: cid, userPrincipalName: "taro@corp.example", password: "guess-\(n)",
                                    context: f.here), .directoryRefused(.wrongCredentials))
        }
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: cid, userPrincipalName: "taro@corp.example", password: "guess-10",
                                context: f.here), .locked(.wrongPasswords))
        XCTAssertTrue(try XCTUnwrap(f.engine.person(id: person.id)).isLocked)
        let unlock = try f.lastLink(to: "riyou@example.com", path: "/lo/unblock")
        let calls = directory.calls
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: cid, userPrincipalName: "taro@corp.example", password: "Ad-Pass-2026",
                                context: f.here), .locked(.wrongPasswords))
        XCTAssertEqual(directory.calls, calls, "a locked person's password does not reach the directory")
        try f.engine.unlock(unlock, context: f.here)
        XCTAssertEqual(try f.engine.signIn(connectionID: cid, userPrincipalName: "taro@corp.example",
                                           password: "Ad-Pass-2026", context: f.here).person.id, person.id)
    }

    // Issue 19 finding 11: the same count across processes — two engines on one database
    // (two terminals) guessing at once lock after exactly ten wrong passwords in total.
    func testLK1_directoryGuessesCountAcrossEngines() throws {
        let directory = FakeDirectory()
        let (f, cid, person) = try directoryWithTaro(directory)
        let second = Engine(store: try f.testStore.reopen(), clock: f.clock, random: SeededRandom(seed: 7), passwordCost: .testing,
                            settings: ServiceSettings(), directory: directory)
        for n in 1...5 {
            for engine in [f.engine, second] {
                _ = try? engine.signIn(connectionID: cid, userPrincipalName: "taro@corp.example", password: "guess-\(n)",
                                       context: f.here)
            }
        }
        XCTAssertTrue(try XCTUnwrap(f.engine.person(id: person.id)).isLocked)
        XCTAssertEqual(try f.outbox("riyou@example.com").filter { $0.links.contains { $0.contains("/lo/unblock") } }.count, 1)
    }

    // Issue 19 finding 11: spraying — one password tried for many names. A name the
    // service does not know, the right password of a directory account nobody registered,
    // and a wrong password all get the one answer, and only a registered person's
    // password ever reaches the directory.
    func testLG5_directoryTellsNoOneWhichNamesOrPasswordsAreRight() throws {
        let directory = FakeDirectory()
        let (f, cid, _) = try directoryWithTaro(directory)
        let calls = directory.calls
        for (user, password) in [("nobody@corp.example", "Spring-2026"), ("jiro@corp.example", "Jiro-Pass-2026"),
                                 ("jiro@corp.example", "Spring-2026"), ("gone@corp.example", "Spring-2026")] {
            XCTAssertThrowsEngineError(
                try f.engine.signIn(connectionID: cid, userPrincipalName: user, password: password, context: f.here),
                .directoryRefused(.wrongCredentials))
        }
        XCTAssertEqual(directory.calls, calls, "no bind for a name nobody signs in with")
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: cid, userPrincipalName: "taro@corp.example", password: "Spring-2026",
                                context: f.here), .directoryRefused(.wrongCredentials))
        XCTAssertEqual(directory.calls, calls + 1)
    }

    // Issue 19 finding 11: a directory reached in clear text must be this machine; the
    // password never goes over ldap:// anywhere else, even from a setting stored before.
    func testLG5_clearTextDirectoryOnlyOnThisMachine() throws {
        let directory = FakeDirectory()
        let (f, cid, person) = try directoryWithTaro(directory)
        let contractor = try XCTUnwrap(f.engine.person(email: "keiyaku@example.com"))
        for url in ["ldap://dc.corp.example", "ldap://127.0.0.1.attacker.example", "ldap://10.0.0.5:389", "ldap://[::2]"] {
            XCTAssertThrowsError(try f.engine.configureDirectory(by: contractor.id, url: url, domain: "corp.example",
                                                                 context: f.here), url)
        }
        for url in ["ldap://127.0.0.1", "ldap://127.9.8.7:3389", "ldap://localhost", "ldap://[::1]", "ldaps://dc.corp.example"] {
            XCTAssertNoThrow(try f.engine.configureDirectory(by: contractor.id, url: url, domain: "corp.example",
                                                             context: f.here), url)
        }
        // A row written before the rule (or by hand): refused at sign-in, not sent.
        try f.sql("UPDATE directory SET url = 'ldap://dc.corp.example'")
        let calls = directory.calls
        XCTAssertThrowsEngineError(
            try f.engine.signIn(connectionID: cid, userPrincipalName: "taro@corp.example", password: "Ad-Pass-2026",
                                context: f.here), .directoryRefused(.failed(FederationFlow.clearTextReason)))
        XCTAssertEqual(directory.calls, calls)
        XCTAssertEqual(try XCTUnwrap(f.engine.person(id: person.id)).failedAttempts, 0)
    }

    // LG-1: the contractor cannot use AD; an AD account of another contract's directory cannot be bound.
    func testLG1_contractorCannotUseDirectory() throws {
        let directory = FakeDirectory()
        let f = try Fixture(directory: directory)
        let created = try f.contract()
        let s = try f.engine.configureDirectory(by: created.contractor.id, url: "ldap://127.0.0.1", domain: "corp.example",
                                                context: f.here)
        let identity = FederatedIdentity.directory(connectionID: s.connectionID, userPrincipalName: "taro@corp.example")
        let result = try f.engine.store.write { tx in
            try f.engine.federationFlow.bind(tx, identity, to: created.contractor, context: f.here)
        }
        guard case .failure(let e) = result else { return XCTFail("a contractor was bound to AD") }
        XCTAssertEqual(e, .notPermitted)

        let other = try f.contract("other@example.com")
        let foreign = try f.engine.configureDirectory(by: other.contractor.id, url: "ldap://127.0.0.1",
                                                      domain: "corp.example", context: f.here)
        let link = try invited(f)
        let theirs = FederatedIdentity.directory(connectionID: foreign.connectionID, userPrincipalName: "taro@corp.example")
        XCTAssertThrowsEngineError(try f.engine.completeRegistration(link, identity: theirs, context: f.here),
                                   .unknownConnectionID)
    }
}
