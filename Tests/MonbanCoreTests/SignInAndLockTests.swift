import XCTest
@testable import MonbanCore

/// LG-2, LK-1, LK-2, LK-3: sign-in, the lock after ten wrong passwords, the unlock link.
final class SignInAndLockTests: XCTestCase {
    var f: Fixture!

    override func setUpWithError() throws {
        f = try Fixture()
        try f.contract()
    }

    func testLG2_rightPasswordSignsIn() throws {
        let s = try f.signIn()
        XCTAssertEqual(s.person.email, "keiyaku@example.com")
        XCTAssertEqual(s.person.role, .contractor)
        XCTAssertEqual(s.person.lastSignInAt, f.clock.now())
        XCTAssertEqual(try f.auditEvents().last, AuditEvent.signInSucceeded.rawValue)
    }

    func testLG2_addressIsCaseInsensitive() throws {
        XCTAssertNoThrow(try f.signIn("KEIYAKU@Example.COM"))
    }

    func testLG2_wrongAddressAndWrongPasswordGiveOneMessage() throws {
        XCTAssertThrowsEngineError(try f.signIn("nobody@example.com"), .wrongCredentials)
        XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong-2026!"), .wrongCredentials)
        XCTAssertThrowsEngineError(try f.signIn("not an address", "x"), .wrongCredentials)
    }

    func testLG2_aPersonWithoutPasswordSignInCannotUseOne() throws {
        let c = try f.contract("other@example.com")
        try f.engine.addPerson(to: c.contract.id, email: "g@example.com", role: .user, method: .google, password: nil)
        XCTAssertThrowsEngineError(try f.signIn("g@example.com", ""), .wrongCredentials)
        XCTAssertThrowsEngineError(try f.signIn("g@example.com", "Anything-1"), .wrongCredentials)
    }

    func testLK1_tenConsecutiveWrongPasswordsLock() throws {
        for i in 1...9 {
            XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong-\(i)"), .wrongCredentials)
        }
        XCTAssertFalse(try XCTUnwrap(f.engine.person(email: "keiyaku@example.com")).isLocked)
        // The tenth locks, and says so.
        XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong-10"), .locked(.wrongPasswords))
        let p = try XCTUnwrap(f.engine.person(email: "keiyaku@example.com"))
        XCTAssertTrue(p.isLocked)
        XCTAssertEqual(p.failedAttempts, 10)
        // The right password no longer signs in.
        XCTAssertThrowsEngineError(try f.signIn(), .locked(.wrongPasswords))
    }

    func testLK1_aSuccessResetsTheCount() throws {
        for _ in 1...9 { _ = try? f.signIn("keiyaku@example.com", "Wrong!2026") }
        XCTAssertNoThrow(try f.signIn())
        XCTAssertEqual(try f.engine.person(email: "keiyaku@example.com")?.failedAttempts, 0)
        for _ in 1...9 { _ = try? f.signIn("keiyaku@example.com", "Wrong!2026") }
        XCTAssertNoThrow(try f.signIn(), "nine after a success do not lock")
    }

    func lockAccount() throws {
        for _ in 1...10 { _ = try? f.signIn("keiyaku@example.com", "Wrong!2026") }
    }

    func testLK2_lockMailsOneUnlockLinkValidFourteenDays() throws {
        try lockAccount()
        _ = try? f.signIn("keiyaku@example.com", "Wrong!2026")  // an 11th attempt: no second mail
        let mails = try f.outbox("keiyaku@example.com")
        XCTAssertEqual(mails.count, 1)
        let mail = try XCTUnwrap(mails.first)
        XCTAssertEqual(mail.kind, .email)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】アカウントロック")
        XCTAssertTrue(mail.body.contains("門番 太郎 様"))
        XCTAssertTrue(mail.body.contains("サービスへのログインが規定回数以上失敗したため、アカウントをロックしま"))
        XCTAssertTrue(mail.body.contains("※有効期限 : 本メール受領後14日間"))
        XCTAssertEqual(mail.links.count, 1)
        XCTAssertTrue(mail.links[0].hasPrefix("https://login.monban.example/lo/unblock?ticket="), mail.links[0])
        XCTAssertTrue(mail.body.contains(mail.links[0]))

        f.clock.advance(days: 14)
        f.clock.advance(-1)
        let link = try f.lastLink(to: "keiyaku@example.com", path: "/lo/unblock")
        let person = try f.engine.unlock(link, context: f.here)
        XCTAssertFalse(person.isLocked)
        XCTAssertEqual(person.failedAttempts, 0)
        XCTAssertNoThrow(try f.signIn())
        // Single use.
        XCTAssertThrowsEngineError(try f.engine.unlock(link, context: f.here), .linkUsed)
    }

    func testLK3_anExpiredUnlockLinkSaysSoAndTheResetStillUnlocks() throws {
        try lockAccount()
        let link = try f.lastLink(to: "keiyaku@example.com", path: "/lo/unblock")
        f.clock.advance(days: 14)
        f.clock.advance(1)
        XCTAssertThrowsEngineError(try f.engine.unlock(link, context: f.here), .linkExpired(.unlock))
        XCTAssertTrue(try XCTUnwrap(f.engine.person(email: "keiyaku@example.com")).isLocked)
        // The way out the message points to: パスワードを忘れた方 (PW-3).
        try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
        let reset = try f.lastLink(to: "keiyaku@example.com", path: "/lo/reset")
        try f.engine.resetPassword(reset, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026", context: f.here)
        XCTAssertNoThrow(try f.signIn("keiyaku@example.com", "Atarashii-2026"))
    }

    func testLK1_lockingCannotBeUsedToKeepTheOwnerOut() throws {
        // An attacker locks the account; the owner of the address still gets back in (SPEC §12).
        try lockAccount()
        try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
        let reset = try f.lastLink(to: "keiyaku@example.com", path: "/lo/reset")
        try f.engine.resetPassword(reset, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026", context: f.here)
        XCTAssertFalse(try XCTUnwrap(f.engine.person(email: "keiyaku@example.com")).isLocked)
    }

    func testLK1_concurrentWrongPasswordsLockAfterExactlyTenInTotal() throws {
        // Several threads, each with its own connection to the same database (ST-1 on PostgreSQL).
        let testStore = f.testStore
        let group = DispatchGroup()
        let errors = ErrorBox()
        let clock = f.clock
        for t in 0..<6 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let engine = Engine(store: try testStore.reopen(), clock: clock, random: SeededRandom(seed: UInt64(t + 100)),
                                        passwordCost: .testing)
                    for i in 0..<5 {
                        _ = try? engine.signIn(email: "keiyaku@example.com", password: "Wrong-\(t)-\(i)!",
                                               context: AccessContext(terminal: "t\(t)"))
                    }
                } catch { errors.add(error) }
            }
        }
        group.wait()
        XCTAssertTrue(errors.all.isEmpty, "\(errors.all)")
        let p = try XCTUnwrap(f.engine.person(email: "keiyaku@example.com"))
        XCTAssertTrue(p.isLocked)
        XCTAssertEqual(p.failedAttempts, 10)
        XCTAssertEqual(try f.outbox("keiyaku@example.com").count, 1, "exactly one lock e-mail")
        let counted = try f.engine.auditEntries().filter { $0.detail.hasPrefix("wrong password") }
        XCTAssertEqual(counted.count, 10)
        XCTAssertEqual(try f.engine.verifyAudit(), .intact(entries: try f.engine.auditEntries().count))
    }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ e: any Error) { lock.lock(); errors.append(e); lock.unlock() }
    var all: [any Error] { lock.lock(); defer { lock.unlock() }; return errors }
}

