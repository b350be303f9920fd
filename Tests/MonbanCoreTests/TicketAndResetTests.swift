import XCTest
@testable import MonbanCore

/// TK-1, PW-1, PW-2, PW-3: links and the forgotten password.
final class TicketAndResetTests: XCTestCase {
    var f: Fixture!
    let email = "keiyaku@example.com"

    override func setUpWithError() throws {
        f = try Fixture()
        try f.contract()
    }

    func resetLink() throws -> Link {
        try f.engine.requestPasswordReset(email: email, context: f.here)
        return try f.lastLink(to: email, path: "/lo/reset")
    }

    func testPW1_resetMailForAPasswordAccount() throws {
        let link = try resetLink()
        let mail = try XCTUnwrap(f.outbox(email).last)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】パスワードリセット")
        XCTAssertTrue(mail.body.contains("パスワードリセットについて承りました。"))
        XCTAssertTrue(mail.body.contains("本メール受領後、14日間以内に新しいパスワードの登録が完了しない場合は"))
        XCTAssertTrue(mail.links[0].hasPrefix("https://login.monban.example/lo/reset?ticket="))
        XCTAssertEqual(link.purpose, .passwordReset)
    }

    func testPW1_sameAnswerWhetherOrNotTheAddressExists() throws {
        XCTAssertNoThrow(try f.engine.requestPasswordReset(email: "nobody@example.com", context: f.here))
        XCTAssertEqual(try f.outbox("nobody@example.com").count, 0)
        // Only the format of an address can be refused, which tells nothing about accounts.
        XCTAssertThrowsEngineError(try f.engine.requestPasswordReset(email: "nobody", context: f.here), .invalidEmail)
    }

    func testPW1_onlyForEmailPasswordPeople() throws {
        let c = try f.contract("other@example.com")
        try f.engine.addPerson(to: c.contract.id, email: "fb@example.com", role: .user, method: .facebook, password: nil)
        XCTAssertNoThrow(try f.engine.requestPasswordReset(email: "fb@example.com", context: f.here))
        XCTAssertEqual(try f.outbox("fb@example.com").count, 0)
    }

    func testPW2_policyAndConfirmationAreCheckedAndTheLinkSurvivesARefusal() throws {
        let link = try resetLink()
        XCTAssertThrowsEngineError(
            try f.engine.resetPassword(link, newPassword: "password", confirmation: "password", context: f.here),
            .passwordRejected([.tooFewClasses, .common]))  // PP-1, and the most common password of all (PP-2)
        XCTAssertThrowsEngineError(
            try f.engine.resetPassword(link, newPassword: "Atarashii-2026", confirmation: "Atarashii-2027", context: f.here),
            .passwordsDoNotMatch)
        XCTAssertNoThrow(
            try f.engine.resetPassword(link, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026", context: f.here))
    }

    func testPW3_resetChangesPasswordReleasesLockAndResetsTwoStep() throws {
        for _ in 1...10 { _ = try? f.signIn(email, "Wrong!2026") }
        let before = try XCTUnwrap(f.engine.person(email: email))
        XCTAssertTrue(before.isLocked)
        let link = try resetLink()
        let after = try f.engine.resetPassword(link, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026",
                                               context: f.here)
        XCTAssertFalse(after.isLocked)
        XCTAssertEqual(after.failedAttempts, 0)
        XCTAssertEqual(after.twoFactorGeneration, before.twoFactorGeneration + 1, "two-step registration reset (TF-8)")
        XCTAssertThrowsEngineError(try f.signIn(email, Fixture.password), .wrongCredentials)
        XCTAssertNoThrow(try f.signIn(email, "Atarashii-2026"))
        let events = try f.auditEvents()
        XCTAssertTrue(events.contains(AuditEvent.passwordChanged.rawValue))
        XCTAssertTrue(events.contains(AuditEvent.twoFactorReset.rawValue))
        XCTAssertTrue(events.contains(AuditEvent.accountUnlocked.rawValue))
    }

    func testTK1_singleUse() throws {
        let link = try resetLink()
        try f.engine.resetPassword(link, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026", context: f.here)
        XCTAssertThrowsEngineError(
            try f.engine.resetPassword(link, newPassword: "Mata-Atarashii-1", confirmation: "Mata-Atarashii-1",
                                       context: f.here), .linkUsed)
    }

    func testTK1_validFourteenDaysThenExpired() throws {
        let link = try resetLink()
        f.clock.advance(days: 14)
        XCTAssertNoThrow(try f.engine.inspect(link), "still valid at exactly 14 days")
        f.clock.advance(1)
        XCTAssertThrowsEngineError(try f.engine.inspect(link), .linkExpired(.passwordReset))
        XCTAssertThrowsEngineError(
            try f.engine.resetPassword(link, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026", context: f.here),
            .linkExpired(.passwordReset))
        XCTAssertNoThrow(try f.signIn(), "nothing changed")
    }

    func testTK1_boundToPurposeAndPerson() throws {
        let reset = try resetLink()
        // The same ticket presented as another purpose is not valid.
        let asUnlock = try Link(parsing: "https://login.monban.example/lo/unblock?ticket=\(reset.ticket.token)")
        XCTAssertThrowsEngineError(try f.engine.unlock(asUnlock, context: f.here), .linkInvalid)
        XCTAssertThrowsEngineError(
            try f.engine.resetPassword(asUnlock, newPassword: "Atarashii-2026", confirmation: "Atarashii-2026",
                                       context: f.here), .linkNotForThis)
        // The link names its person.
        XCTAssertEqual(try f.engine.inspect(reset).email, email)
        // A made-up ticket of the right shape is unknown.
        let forged = try Link(parsing: "https://x.example/lo/reset?ticket=" + String(repeating: "A", count: 43))
        XCTAssertThrowsEngineError(try f.engine.inspect(forged), .linkInvalid)
    }

    func testTK1_atLeast128RandomBitsStoredOnlyAsAHash() throws {
        let link = try resetLink()
        XCTAssertEqual(link.ticket.token.count, 43, "256 bits in URL-safe base64")
        let other = try resetLink()
        XCTAssertNotEqual(link.ticket, other.ticket)
        let hashes = try f.testStore.blobs("SELECT hash FROM ticket")
        XCTAssertTrue(hashes.contains(link.ticket.storedHash))
        // Only the mail itself (the outbox) holds the token; no other table does.
        let stored = try f.allStoredText(excluding: ["outbox"])
        XCTAssertFalse(stored.isEmpty)
        XCTAssertFalse(stored.contains(link.ticket.token))
        XCTAssertFalse(stored.contains(other.ticket.token))
    }

    func testTK1_malformedLinksAreRefusedBeforeAnyLookup() {
        for bad in ["", "not a url", "https://x.example/lo/reset", "https://x.example/lo/reset?ticket=short",
                    "https://x.example/lo/nothing?ticket=" + String(repeating: "A", count: 43),
                    "https://x.example/lo/reset?ticket=" + String(repeating: "!", count: 43)] {
            XCTAssertThrowsError(try Link(parsing: bad), bad)
        }
    }

    func testTK3_serviceNameComesFromSettings() throws {
        let g = try Fixture(settings: ServiceSettings(serviceName: "門番ストレージ", linkBase: "https://id.example.jp/"))
        try g.contract()
        try g.engine.requestPasswordReset(email: email, context: g.here)
        let mail = try XCTUnwrap(g.outbox(email).last)
        XCTAssertEqual(mail.subject, "【門番ストレージ】パスワードリセット")
        XCTAssertTrue(mail.body.contains("平素より、門番ストレージサービスをご利用いただき誠にありがとうございます。"))
        XCTAssertTrue(mail.links[0].hasPrefix("https://id.example.jp/lo/reset?ticket="), mail.links[0])
    }
}
