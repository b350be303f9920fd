import GRDB
import XCTest
@testable import MonbanCore
import MonbanStore

/// AU-1: every security event, tamper-evident, never a secret.
final class AuditTests: XCTestCase {
    var f: Fixture!

    override func setUpWithError() throws {
        f = try Fixture()
        try f.contract()
    }

    func testAU1_eventsCarryTimePersonContractAndTerminal() throws {
        _ = try? f.signIn("keiyaku@example.com", "Wrong!2026")
        _ = try f.signIn()
        let entries = try f.engine.auditEntries()
        let failure = try XCTUnwrap(entries.first { $0.event == AuditEvent.signInFailed.rawValue })
        XCTAssertEqual(failure.personID, 1)
        XCTAssertEqual(failure.contractID, 1)
        XCTAssertEqual(failure.terminal, "test:tty1")
        XCTAssertEqual(failure.at, f.clock.now())
        XCTAssertEqual(entries.map(\.event), [
            "contract.created", "person.created", "sign_in.failed", "sign_in.succeeded",
        ])
    }

    func testAU1_neverASecret() throws {
        for i in 1...10 { _ = try? f.signIn("keiyaku@example.com", "Secret-Guess-\(i)") }
        try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
        let link = try f.lastLink(to: "keiyaku@example.com", path: "/lo/reset")
        try f.engine.resetPassword(link, newPassword: "Brand-New-Pass-1", confirmation: "Brand-New-Pass-1", context: f.here)
        let unlock = try f.lastLink(to: "keiyaku@example.com", path: "/lo/unblock")
        let audit = try f.engine.auditEntries().map { "\($0.event) \($0.detail) \($0.terminal)" }.joined(separator: "\n")
        for secret in ["Secret-Guess", "Brand-New-Pass-1", Fixture.password, link.ticket.token, unlock.ticket.token] {
            XCTAssertFalse(audit.contains(secret), "audit holds \(secret)")
        }
        // The password is stored only as its scrypt hash.
        let stored = try f.allStoredText()
        XCTAssertFalse(stored.contains("Brand-New-Pass-1"))
        XCTAssertTrue(stored.contains("$scrypt$"))
    }

    func testAU1_chainIsIntact() throws {
        _ = try f.signIn()
        let n = try f.engine.auditEntries().count
        XCTAssertEqual(try f.engine.verifyAudit(), .intact(entries: n))
    }

    func testAU1_anEditedEntryBreaksTheChainThere() throws {
        _ = try? f.signIn("keiyaku@example.com", "Wrong!2026")
        _ = try f.signIn()
        try f.sql("UPDATE audit SET detail = 'nothing happened' WHERE id = 3")
        XCTAssertEqual(try f.engine.verifyAudit(), .broken(atEntry: 3, reason: "contents were changed"))
    }

    func testAU1_aRemovedEntryBreaksTheChain() throws {
        _ = try? f.signIn("keiyaku@example.com", "Wrong!2026")
        _ = try f.signIn()
        try f.sql("DELETE FROM audit WHERE id = 2")
        XCTAssertEqual(try f.engine.verifyAudit(), .broken(atEntry: 2, reason: "entry 2 is missing"))
    }

    func testAU1_aRewrittenTailIsCaughtByTheLink() throws {
        _ = try f.signIn()
        // Recompute entry 4's own hash after changing it: its successor no longer follows.
        _ = try? f.signIn("keiyaku@example.com", "Wrong!2026")
        let record = try XCTUnwrap(f.engine.store.read { tx in try tx.auditEntries(after: 2, limit: 1) }.first)
        var e = Engine.auditEntry(record)
        e.detail = "forged"
        try f.sql("UPDATE audit SET detail = ?, hash = ? WHERE id = 3", [.text(e.detail), .bytes(e.expectedHash)])
        // The links are keyed (issue 19 finding 9): a hash recomputed without the key is itself wrong.
        XCTAssertEqual(try f.engine.verifyAudit(), .broken(atEntry: 3, reason: "contents were changed"))
    }
}
