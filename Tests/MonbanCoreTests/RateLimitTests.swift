import Foundation
import GRDB
import XCTest
@testable import MonbanCore
@testable import MonbanStore

/// RL-1, issue 19 finding 13: the caps on SMS and on reset and unlock mails, performed
/// as a script at the login screen would: send after send until the cap, then an hour
/// later again. The clock is the fixture's; nothing sleeps.
final class RateLimitTests: XCTestCase {
    /// A contract with two-step on and `count` password users besides the contractor.
    func fixture(users: Int = 0, settings: ServiceSettings = ServiceSettings()) throws -> (Fixture, [String]) {
        let f = try Fixture(settings: settings)
        let created = try f.contract(twoStep: true)
        var emails = ["keiyaku@example.com"]
        for i in 0..<users {
            let email = "riyou\(i)@example.com"
            _ = try f.engine.addPerson(to: created.contract.id, email: email, role: .user, password: Fixture.password)
            emails.append(email)
        }
        return (f, emails)
    }

    /// The login screen's password step, then one SMS to `phone` — what a pumping script repeats.
    func send(_ f: Fixture, _ email: String, _ phone: String, context: AccessContext? = nil) throws {
        let step = try f.passwordStep(email, context: context)
        _ = try f.engine.sendSMSCode(step, phone: phone, context: context ?? f.here)
    }

    func smsCount(_ f: Fixture) throws -> Int { try f.outbox().filter { $0.kind == .sms }.count }

    func capAudits(_ f: Fixture) throws -> [String] {
        try f.engine.auditEntries().filter { $0.event == AuditEvent.rateLimited.rawValue }.map(\.detail)
    }

    // A script signs in again and again (each sign-in a fresh pending second step, so the
    // 60-second resend wait never applies) and sends a code each time: the person's cap.
    func testRL1_smsPumpingStopsAtThePersonsCapAndAnHourLaterWorksAgain() throws {
        let (f, _) = try fixture()
        for n in 0..<RateCap.smsPerPersonPerHour {
            try send(f, "keiyaku@example.com", "090-1111-000\(n)")
            f.clock.advance(61)
        }
        XCTAssertThrowsEngineError(try send(f, "keiyaku@example.com", "090-1111-0009"), .rateLimited(.smsPerPerson))
        XCTAssertEqual(try smsCount(f), RateCap.smsPerPersonPerHour, "the capped send sent nothing")
        let audits = try capAudits(f)
        XCTAssertEqual(audits.count, 1)
        XCTAssertTrue(audits.first?.contains("sms.person") == true, "\(audits)")
        // Within the hour of the first send, still refused; an hour after it, one more.
        f.clock.advance(RateCap.window - 61 * Double(RateCap.smsPerPersonPerHour) - 10)
        XCTAssertThrowsEngineError(try send(f, "keiyaku@example.com", "090-1111-0009"), .rateLimited(.smsPerPerson))
        f.clock.advance(20)
        XCTAssertNoThrow(try send(f, "keiyaku@example.com", "090-1111-0009"))
        XCTAssertEqual(try smsCount(f), RateCap.smsPerPersonPerHour + 1)
    }

    // Many accounts (a script's own, say) pumping one number: the number's cap.
    func testRL1_oneNumberGetsAtMostItsCap() throws {
        let (f, emails) = try fixture(users: RateCap.smsPerNumberPerHour)
        let terminals = emails.indices.map { AccessContext(terminal: "test:tty\($0)") }
        for i in 0..<RateCap.smsPerNumberPerHour {
            try send(f, emails[i], "090-2222-3333", context: terminals[i])
        }
        XCTAssertThrowsEngineError(try send(f, emails[RateCap.smsPerNumberPerHour], "090-2222-3333",
                                            context: terminals[RateCap.smsPerNumberPerHour]), .rateLimited(.smsPerNumber))
        XCTAssertEqual(try smsCount(f), RateCap.smsPerNumberPerHour)
        f.clock.advance(RateCap.window)
        XCTAssertNoThrow(try send(f, emails[RateCap.smsPerNumberPerHour], "090-2222-3333",
                                  context: terminals[RateCap.smsPerNumberPerHour]))
    }

    // One terminal sending for many accounts to many numbers: the terminal's cap.
    func testRL1_oneTerminalSendsAtMostItsCap() throws {
        let (f, emails) = try fixture(users: RateCap.smsPerTerminalPerHour)
        for i in 0..<RateCap.smsPerTerminalPerHour {
            try send(f, emails[i], String(format: "090-3333-%04d", i))
        }
        XCTAssertThrowsEngineError(try send(f, emails[RateCap.smsPerTerminalPerHour], "090-3333-9999"),
                                   .rateLimited(.smsPerTerminal))
        XCTAssertNoThrow(try send(f, emails[RateCap.smsPerTerminalPerHour], "090-3333-9999",
                                  context: AccessContext(terminal: "test:tty9")), "another terminal is not held up")
    }

    // Toll fraud: international numbers are refused unless the operator turns them on.
    func testRL1_internationalNumbersOnlyWhenTheOperatorAllows() throws {
        let (f, _) = try fixture()
        for number in ["+1 202 555 0100", "+44 20 7946 0958", "+882 1234 5678"] {
            XCTAssertThrowsEngineError(try send(f, "keiyaku@example.com", number), .internationalSMSOff)
        }
        XCTAssertEqual(try smsCount(f), 0)
        XCTAssertNoThrow(try send(f, "keiyaku@example.com", "+81 90 1234 5678"))
        XCTAssertNoThrow(try send(f, "keiyaku@example.com", "090-1234-5678"))
        XCTAssertEqual(try capAudits(f).count, 3)

        let (open, _) = try fixture(settings: ServiceSettings(internationalSMS: true))
        XCTAssertNoThrow(try send(open, "keiyaku@example.com", "+1 202 555 0100"))
        XCTAssertEqual(try smsCount(open), 1)
    }

    // The caps hold across processes: two engines on one database (two terminals' clients)
    // alternate their sends and together reach the person's cap, no more.
    func testRL1_theCapsAreCountedInTheStoreAcrossEngines() throws {
        let (f, _) = try fixture()
        let second = Engine(store: try f.testStore.reopen(), clock: f.clock, random: SeededRandom(seed: 9), passwordCost: .testing)
        var sent = 0, refused = 0
        for n in 0..<8 {
            let engine = n % 2 == 0 ? f.engine : second
            let step = try XCTUnwrap({ () throws -> SecondStep? in
                if case .secondStep(let s) = try engine.signIn(email: "keiyaku@example.com", password: Fixture.password,
                                                               context: f.here) { return s }
                return nil
            }())
            do {
                _ = try engine.sendSMSCode(step, phone: "090-4444-000\(n)", context: f.here)
                sent += 1
            } catch .rateLimited(.smsPerPerson) {
                refused += 1
            }
        }
        XCTAssertEqual(sent, RateCap.smsPerPersonPerHour)
        XCTAssertEqual(refused, 8 - RateCap.smsPerPersonPerHour)
        XCTAssertEqual(try smsCount(f), RateCap.smsPerPersonPerHour)
    }

    // Flooding a mailbox with パスワードを忘れた方: three mails an hour to an address, then the
    // cap, the same for an address nobody has (the cap tells nothing); an hour later again.
    func testRL1_resetMailFloodStopsAtTheAddressCap() throws {
        let (f, _) = try fixture()
        for _ in 0..<RateCap.mailsPerAddressPerHour {
            try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
            try f.engine.requestPasswordReset(email: "nobody@example.com", context: f.here)
        }
        XCTAssertThrowsEngineError(try f.engine.requestPasswordReset(email: "KEIYAKU@example.com", context: f.here),
                                   .rateLimited(.mailPerAddress))
        XCTAssertThrowsEngineError(try f.engine.requestPasswordReset(email: "nobody@example.com", context: f.here),
                                   .rateLimited(.mailPerAddress))
        XCTAssertEqual(try f.outbox("keiyaku@example.com").filter { $0.subject.contains("パスワード") }.count,
                       RateCap.mailsPerAddressPerHour)
        XCTAssertEqual(try capAudits(f).count, 2)
        f.clock.advance(RateCap.window)
        XCTAssertNoThrow(try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here))
        XCTAssertEqual(try f.outbox("keiyaku@example.com").filter { $0.subject.contains("パスワード") }.count,
                       RateCap.mailsPerAddressPerHour + 1)
    }

    // The unlock mail of a lock is always sent (the owner's way back in; one per lock) and
    // counts toward the address's cap: after it, two resets, then the cap.
    func testRL1_unlockMailsCountTowardTheAddressCap() throws {
        let (f, _) = try fixture()
        for _ in 0..<RateCap.mailsPerAddressPerHour {
            try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
        }
        for _ in 0..<LockoutPolicy.threshold {
            _ = try? f.engine.signIn(email: "keiyaku@example.com", password: "wrong", context: f.here)
        }
        XCTAssertTrue(try XCTUnwrap(f.engine.person(email: "keiyaku@example.com")).isLocked)
        XCTAssertNoThrow(try f.lastLink(to: "keiyaku@example.com", path: "/lo/unblock"), "the lock still mails its link")

        let (g, _) = try fixture()
        for _ in 0..<LockoutPolicy.threshold {
            _ = try? g.engine.signIn(email: "keiyaku@example.com", password: "wrong", context: g.here)
        }
        for _ in 1..<RateCap.mailsPerAddressPerHour {
            try g.engine.requestPasswordReset(email: "keiyaku@example.com", context: g.here)
        }
        XCTAssertThrowsEngineError(try g.engine.requestPasswordReset(email: "keiyaku@example.com", context: g.here),
                                   .rateLimited(.mailPerAddress))
    }

    // The table holds digests, not numbers or addresses.
    func testRL1_theCountsHoldNoNumberOrAddress() throws {
        let (f, _) = try fixture()
        try send(f, "keiyaku@example.com", "090-5555-6666")
        try f.engine.requestPasswordReset(email: "keiyaku@example.com", context: f.here)
        let hex = f.testStore.isPostgres ? "encode(subject, 'hex')" : "hex(subject)"
        let dump = try f.testStore.rows("SELECT counter, \(hex) AS s FROM rate_event").map { "\($0)" }.joined()
        XCTAssertFalse(dump.contains("5555") || dump.contains("keiyaku"), dump)
        XCTAssertTrue(dump.contains("sms.number"), dump)
    }
}
