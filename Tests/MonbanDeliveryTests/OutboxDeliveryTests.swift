import Foundation
import GRDB
import XCTest
import MonbanCore
import MonbanDelivery
import MonbanStore

/// The outbox's delivery states (issue 8 part 4): atomic claims, leases, backoff,
/// permanent failures, and what the audit log records (AU-1).
final class OutboxDeliveryTests: XCTestCase {
    let policy = DeliveryPolicy(maxAttempts: 4, retryInitial: 30, retryMax: 100, lease: 60)

    func testNewMessagesArePendingAndNothingIsClaimedWithoutATransport() throws {
        let f = try DeliveryFixture()
        let messages = try f.queueResets(1)
        XCTAssertEqual(messages.map(\.state), [.pending])
        XCTAssertNil(try f.engine.claimNextMessage(kinds: [], worker: "a", policy: policy, messageIDDomain: "x"))
        XCTAssertEqual(try f.engine.outbox().map(\.state), [.pending])
    }

    func testAClaimIsExclusiveAndASentMessageIsNeverClaimedAgain() throws {
        let f = try DeliveryFixture()
        try f.queueResets(2)
        let a = try XCTUnwrap(f.engine.claimNextMessage(kinds: [.email], worker: "a", policy: policy, messageIDDomain: "example.jp"))
        let b = try XCTUnwrap(f.engine.claimNextMessage(kinds: [.email], worker: "b", policy: policy, messageIDDomain: "example.jp"))
        XCTAssertNotEqual(a.message.id, b.message.id)
        XCTAssertNil(try f.engine.claimNextMessage(kinds: [.email], worker: "c", policy: policy, messageIDDomain: "example.jp"))
        XCTAssertEqual(try f.message(a.message.id).state, .sending)
        XCTAssertTrue(a.messageID.hasPrefix("<monban.\(a.message.id)."), a.messageID)
        XCTAssertTrue(a.messageID.hasSuffix("@example.jp>"), a.messageID)
        XCTAssertEqual(try f.engine.recordDelivery(a, .sent, policy: policy), .sent)
        XCTAssertEqual(try f.engine.recordDelivery(b, .sent, policy: policy), .sent)
        let sent = try f.engine.outbox()
        XCTAssertEqual(sent.map(\.state), [.sent, .sent])
        XCTAssertEqual(sent.map(\.deliveredAt), [f.clock.now(), f.clock.now()])
        f.clock.advance(days: 1)
        XCTAssertNil(try f.engine.claimNextMessage(kinds: [.email], worker: "a", policy: policy, messageIDDomain: "example.jp"))
    }

    func testFailuresRetryWithExponentialBackoffUpToTheCapThenFailForGood() throws {
        let f = try DeliveryFixture()
        try f.engine.database.queue.write { try $0.execute(sql: "DELETE FROM outbox") }
        try f.queueResets(1)
        var waits: [TimeInterval] = []
        for attempt in 1...4 {
            let job = try XCTUnwrap(f.engine.claimNextMessage(kinds: [.email], worker: "a", policy: policy, messageIDDomain: "x"),
                                    "attempt \(attempt)")
            XCTAssertEqual(job.attempt, attempt)
            let state = try f.engine.recordDelivery(job, .retry("SMTP: connection refused"), policy: policy)
            let m = try f.message(job.message.id)
            XCTAssertEqual(m.attempts, attempt)
            XCTAssertEqual(m.lastError, "SMTP: connection refused")
            if attempt < 4 {
                XCTAssertEqual(state, .pending)
                let wait = try XCTUnwrap(m.nextAttemptAt).timeIntervalSince(f.clock.now())
                waits.append(wait)
                // Not due before its time.
                XCTAssertNil(try f.engine.claimNextMessage(kinds: [.email], worker: "a", policy: policy, messageIDDomain: "x"))
                f.clock.advance(wait)
            } else {
                XCTAssertEqual(state, .failed, "the fourth failure is the last (maxAttempts 4)")
            }
        }
        XCTAssertEqual(waits, [30, 60, 100], "30 s, doubled, capped at 100 s")
        XCTAssertEqual(policy.backoff(afterAttempt: 1), 30)
        XCTAssertEqual(DeliveryPolicy().backoff(afterAttempt: 50), 3600)
        f.clock.advance(days: 1)
        XCTAssertNil(try f.engine.claimNextMessage(kinds: [.email], worker: "a", policy: policy, messageIDDomain: "x"))
        let events = try f.auditDetails().map(\.event)
        XCTAssertEqual(events.filter { $0 == "message.deferred" }.count, 3)
        XCTAssertEqual(events.filter { $0 == "message.failed" }.count, 1)
    }

    func testAPermanentRefusalFailsAtOnce() throws {
        let f = try DeliveryFixture()
        try f.queueResets(1)
        let job = try XCTUnwrap(f.engine.claimNextMessage(kinds: [.email], worker: "a", policy: policy, messageIDDomain: "x"))
        XCTAssertEqual(try f.engine.recordDelivery(job, .permanent("SMTP: RCPT failed: 550 (reply 550)"), policy: policy), .failed)
        let m = try f.message(job.message.id)
        XCTAssertEqual(m.state, .failed)
        XCTAssertEqual(m.attempts, 1)
        XCTAssertEqual(m.lastError, "SMTP: RCPT failed: 550 (reply 550)")
    }

    /// A sender that dies mid-send: the message stays `sending` until the lease
    /// runs out, then another sender retries it with the same Message-ID.
    func testAnExpiredLeaseMakesTheMessageRetryableWithTheSameMessageID() throws {
        let f = try DeliveryFixture()
        try f.engine.database.queue.write { try $0.execute(sql: "DELETE FROM outbox") }
        try f.queueResets(1)
        let crashed = try XCTUnwrap(f.engine.claimNextMessage(kinds: [.email], worker: "a", policy: policy, messageIDDomain: "x"))
        f.clock.advance(59)
        XCTAssertNil(try f.engine.claimNextMessage(kinds: [.email], worker: "b", policy: policy, messageIDDomain: "x"),
                     "the lease still holds")
        f.clock.advance(2)
        let retry = try XCTUnwrap(f.engine.claimNextMessage(kinds: [.email], worker: "b", policy: policy, messageIDDomain: "x"))
        XCTAssertEqual(retry.message.id, crashed.message.id)
        XCTAssertEqual(retry.attempt, 2)
        XCTAssertEqual(retry.messageID, crashed.messageID)
        // The first sender's late failure report no longer counts…
        XCTAssertEqual(try f.engine.recordDelivery(crashed, .retry("timeout"), policy: policy), .sending)
        // …the second's success does.
        XCTAssertEqual(try f.engine.recordDelivery(retry, .sent, policy: policy), .sent)
        XCTAssertTrue(try f.auditDetails().contains { $0.event == "message.deferred" && $0.detail.contains("stopped before finishing") })
    }

    func testAnSMSCodeNotDeliveredWithinTenMinutesFails() throws {
        let f = try DeliveryFixture()
        try f.queueSMS()
        f.clock.advance(10 * 60 + 1)
        XCTAssertNil(try f.engine.claimNextMessage(kinds: [.sms], worker: "a", policy: policy, messageIDDomain: "x"))
        let sms = try XCTUnwrap(f.engine.outbox().first { $0.kind == .sms })
        XCTAssertEqual(sms.state, .failed)
        XCTAssertEqual(sms.lastError, "not delivered within 10 minutes: the code has expired")
        // E-mails are another kind: untouched by an SMS-only deliverer.
        XCTAssertTrue(try f.engine.outbox().filter { $0.kind == .email }.allSatisfy { $0.state == .pending })
    }

    /// AU-1: delivery outcomes are audited with the subject or a masked number,
    /// never a body, link, ticket or code.
    func testTheAuditLogNamesTheMessageButNeverItsSecrets() throws {
        let f = try DeliveryFixture()
        try f.queueResets(1)
        try f.queueSMS("おまかせクラウドストレージ 認証コード: 864209")
        // The links as mailed, opened before delivery: afterwards only placeholders are kept.
        let links = try f.engine.inbox().flatMap(\.links)
        let transport = ScriptedTransport([.retry("SMTP: Failed to connect"), .sent, .sent])
        let d = Deliverer(engine: f.engine, email: transport, sms: transport, policy: policy, domain: "example.jp")
        XCTAssertEqual(try d.deliverDue(), 2)
        f.clock.advance(31)
        XCTAssertEqual(try d.deliverDue(), 1)
        XCTAssertEqual(try f.engine.outbox().map(\.state), [.sent, .sent])
        let audit = try f.auditDetails().filter { $0.event.hasPrefix("message.") && $0.event != "message.queued" }
        XCTAssertEqual(audit.map(\.event), ["message.deferred", "message.sent", "message.sent"])
        XCTAssertTrue(audit[2].detail.contains("【おまかせクラウドストレージ】パスワードリセット"), audit[1].detail)
        XCTAssertTrue(audit.contains { $0.detail.contains("sms #") && $0.detail.contains("****") }, "\(audit)")
        XCTAssertFalse(links.isEmpty)
        XCTAssertTrue(try f.engine.outbox().allSatisfy { $0.links.isEmpty && !$0.sealed }, "delivered: no link kept")
        for entry in try f.auditDetails() {
            for link in links {
                let ticket = String(link.split(separator: "=").last ?? "")
                XCTAssertFalse(entry.detail.contains(ticket), entry.detail)
            }
            XCTAssertFalse(entry.detail.contains("864209"), entry.detail)
            XCTAssertFalse(entry.detail.contains("9012345678"), entry.detail)
            XCTAssertFalse(entry.detail.contains("下記URLへアクセス"), entry.detail)
        }
        XCTAssertEqual(try f.engine.verifyAudit(), .intact(entries: try f.engine.auditEntries().count))
    }

    /// Several senders on one database file (separate connections, as separate
    /// processes have): each message goes to exactly one of them.
    func testConcurrentSendersOnOneDatabaseNeverSendAMessageTwice() throws {
        let f = try DeliveryFixture()
        try f.queueResets(20)
        let total = try f.engine.outbox().count
        let transport = ScriptedTransport()
        let group = DispatchGroup()
        for i in 0..<4 {
            let db = try MonbanDatabase.open(path: f.path, create: false)
            let engine = Engine(database: db, clock: f.clock, random: SeededRandom(seed: UInt64(100 + i)), passwordCost: .testing)
            let d = Deliverer(engine: engine, email: transport, sms: nil, policy: policy, domain: "x", worker: "w\(i)")
            DispatchQueue.global().async(group: group) { _ = try? d.deliverDue() }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        let ids = transport.delivered.map(\.message.id)
        XCTAssertEqual(ids.count, total)
        XCTAssertEqual(Set(ids).count, total, "no message delivered twice")
        XCTAssertTrue(try f.engine.outbox().allSatisfy { $0.state == .sent })
    }
}
