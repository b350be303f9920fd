import FoundationEssentials
import GRDB

/// Delivery of the outbox (issue 8): the engine decides which message goes out,
/// records what happened and when to try again; the sending itself (SMTP, the
/// SMS gateway) lives outside the engine (MonbanDelivery).
///
/// Guarantees. Every message stays in the outbox whatever happens to it. A
/// claim is one IMMEDIATE transaction, so of several senders sharing the
/// database (terminals, `monban deliver` processes) exactly one gets a message.
/// A claim is a lease: a sender that dies mid-send leaves the message
/// `sending` until the lease runs out, then it is retried. What SMTP cannot
/// give is exactly-once across a crash *after* the server accepted the message
/// and *before* the outcome is committed (or when the server's final "250" is
/// lost): the message then goes out again, with the same Message-ID. Delivery
/// is at-least-once in that window and exactly-once everywhere else.
extension Engine {
    /// Claims the oldest due message of `kinds` for `worker`, or nil when none is
    /// due. First settles what is stale: messages too old to be useful fail,
    /// claims whose lease ran out go back to pending (or fail when out of attempts).
    public func claimNextMessage(
        kinds: Set<OutboxMessage.Kind>, worker: String, policy: DeliveryPolicy, messageIDDomain: String
    ) throws(EngineError) -> DeliveryJob? {
        guard !kinds.isEmpty else { return nil }
        let random = self.random
        return try transaction { db in
            let now = clock.now().timeIntervalSince1970
            let kindList = kinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
            try settleStale(db, kindList: kindList, now: now, policy: policy)
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM outbox WHERE state = 'pending' AND kind IN (\(kindList))
                        AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                    ORDER BY id LIMIT 1
                    """,
                arguments: [now])
            else { return .success(nil) }
            var message = try Self.outboxMessage(row)
            let messageID: String
            if let stored: String = row["message_id"] {
                messageID = stored
            } else {
                let hex = try random.bytes(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                messageID = "<monban.\(message.id).\(hex)@\(messageIDDomain)>"
            }
            let attempt = message.attempts + 1
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'sending', attempts = ?, claimed_by = ?, lease_until = ?, message_id = ?
                    WHERE id = ?
                    """,
                arguments: [attempt, worker, now + policy.lease, messageID, message.id])
            message.state = .sending
            message.attempts = attempt
            return .success(DeliveryJob(message: message, attempt: attempt, messageID: messageID, worker: worker))
        }
    }

    /// Records the outcome of `job`'s attempt and returns the message's new state.
    /// An outcome arriving after the claim was lost (the lease ran out and another
    /// sender took the message) changes nothing, except a `sent`, which is true
    /// whoever reports it.
    @discardableResult
    public func recordDelivery(_ job: DeliveryJob, _ outcome: DeliveryOutcome, policy: DeliveryPolicy)
        throws(EngineError) -> OutboxMessage.State
    {
        try transaction { db in
            let now = clock.now().timeIntervalSince1970
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [job.message.id])
            else { return .success(.failed) }
            let message = try Self.outboxMessage(row)
            let person: Int64? = row["person_id"]
            let ours = message.state == .sending && (row["claimed_by"] as String?) == job.worker
                && message.attempts == job.attempt
            switch outcome {
            case .sent:
                guard message.state != .sent else { return .success(.sent) }
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'sent', delivered_at = ?, lease_until = NULL, next_attempt_at = NULL,
                            last_error = NULL WHERE id = ?
                        """,
                    arguments: [now, message.id])
                try auditDelivery(db, .messageSent, message, person: person, detail: "attempt \(job.attempt)")
                return .success(.sent)
            case .retry(let reason) where ours && job.attempt < policy.maxAttempts:
                let reason = Self.clean(reason)
                let wait = policy.backoff(afterAttempt: job.attempt)
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ?
                        WHERE id = ?
                        """,
                    arguments: [now + wait, reason, message.id])
                try auditDelivery(db, .messageDeferred, message, person: person,
                                  detail: "attempt \(job.attempt) of \(policy.maxAttempts): \(reason); next in \(Int(wait)) s")
                return .success(.pending)
            case .retry(let reason), .permanent(let reason):
                guard ours else { return .success(message.state) }
                let reason = Self.clean(reason)
                try db.execute(
                    sql: "UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ? WHERE id = ?",
                    arguments: [reason, message.id])
                let why = if case .permanent = outcome { "refused" } else { "gave up after \(job.attempt) attempts" }
                try auditDelivery(db, .messageFailed, message, person: person, detail: "\(why): \(reason)")
                return .success(.failed)
            }
        }
    }

    /// When the next message of `kinds` may become due (a retry's time or a
    /// lease's end), for a sender deciding how long to sleep; nil when none waits.
    public func nextDeliveryTime(kinds: Set<OutboxMessage.Kind>) throws(EngineError) -> Date? {
        guard !kinds.isEmpty else { return nil }
        let kindList = kinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        return try read { db in
            let t = try Double.fetchOne(
                db,
                sql: """
                    SELECT min(CASE state WHEN 'pending' THEN coalesce(next_attempt_at, 0) ELSE lease_until END)
                    FROM outbox WHERE kind IN (\(kindList)) AND state IN ('pending', 'sending')
                    """)
            return t.map { Date(timeIntervalSince1970: $0) }
        }
    }

    // MARK: Inside the claim's transaction

    /// Fails messages too old to be useful and takes back expired claims.
    func settleStale(_ db: Database, kindList: String, now: Double, policy: DeliveryPolicy) throws {
        // Too late: an SMS code dies in 10 minutes, a link in 14 days.
        for kind in OutboxMessage.Kind.allCases where kindList.contains("'\(kind.rawValue)'") {
            let limit = now - DeliveryPolicy.usefulLife(of: kind)
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM outbox WHERE kind = ? AND state = 'pending' AND created_at < ?",
                arguments: [kind.rawValue, limit])
            for row in rows {
                let message = try Self.outboxMessage(row)
                let reason = kind == .sms ? "not delivered within 10 minutes: the code has expired"
                    : "not delivered within 14 days: its links have expired"
                try db.execute(sql: "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?",
                               arguments: [reason, message.id])
                try auditDelivery(db, .messageFailed, message, person: row["person_id"], detail: reason)
            }
        }
        // A sender that stopped mid-send: its lease ran out.
        let abandoned = try Row.fetchAll(
            db, sql: "SELECT * FROM outbox WHERE state = 'sending' AND lease_until <= ? AND kind IN (\(kindList))",
            arguments: [now])
        for row in abandoned {
            let message = try Self.outboxMessage(row)
            let who: String = row["claimed_by"] ?? "?"
            let reason = "the sender (\(who)) stopped before finishing attempt \(message.attempts)"
            if message.attempts >= policy.maxAttempts {
                try db.execute(sql: "UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ? WHERE id = ?",
                               arguments: [reason, message.id])
                try auditDelivery(db, .messageFailed, message, person: row["person_id"], detail: reason)
            } else {
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'pending', lease_until = NULL, next_attempt_at = ?, last_error = ?
                        WHERE id = ?
                        """,
                    arguments: [now, reason, message.id])
                try auditDelivery(db, .messageDeferred, message, person: row["person_id"], detail: reason)
            }
        }
    }

    /// An audit entry for a message: its kind, number and subject, or for an SMS
    /// the masked number. Never its body, links or code (AU-1).
    func auditDelivery(_ db: Database, _ event: AuditEvent, _ message: OutboxMessage, person: Int64?, detail: String) throws {
        var contract: Int64?
        if let person {
            contract = try Int64.fetchOne(db, sql: "SELECT contract_id FROM person WHERE id = ?", arguments: [person])
        }
        let what = switch message.kind {
        case .email: "email #\(message.id) \(message.subject)"
        case .sms: "sms #\(message.id) to \(PhoneNumber(message.to)?.masked ?? "****")"
        }
        try audit(db, event, person: person, contract: contract, context: AccessContext(terminal: "delivery"),
                  detail: "\(what): \(detail)")
    }

    /// A server's reply or a network error as one short line.
    static func clean(_ reason: String) -> String {
        let flat = reason.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
        let trimmed = flat.trimmingWhitespace()
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : (trimmed.isEmpty ? "unknown error" : trimmed)
    }

    /// One outbox row.
    static func outboxMessage(_ row: Row) throws -> OutboxMessage {
        guard let kind = OutboxMessage.Kind(rawValue: row["kind"] ?? ""),
              let state = OutboxMessage.State(rawValue: row["state"] ?? "")
        else { throw DamagedRow(table: "outbox") }
        let linksText: String = row["links"] ?? "[]"
        let links = (try? JSONDecoder().decode([String].self, from: Data(linksText.utf8))) ?? []
        return OutboxMessage(
            id: row["id"], kind: kind, to: row["recipient"] ?? "", subject: row["subject"] ?? "", body: row["body"] ?? "",
            links: links, sentAt: Rows.date(row, "created_at") ?? .distantPast, state: state,
            attempts: row["attempts"] ?? 0, lastError: row["last_error"], nextAttemptAt: Rows.date(row, "next_attempt_at"),
            deliveredAt: Rows.date(row, "delivered_at"))
    }
}
