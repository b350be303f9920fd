import FoundationEssentials
import MonbanStore

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
struct DeliveryFlow: EngineFlow {
    let shared: EngineContext

    /// Claims the oldest due message of `kinds` for `worker`, or nil when none is
    /// due. First settles what is stale: messages too old to be useful fail,
    /// claims whose lease ran out go back to pending (or fail when out of attempts).
    func claimNextMessage(
        kinds: Set<OutboxMessage.Kind>, worker: String, policy: DeliveryPolicy, messageIDDomain: String
    ) throws(EngineError) -> DeliveryJob? {
        guard !kinds.isEmpty else { return nil }
        let random = self.random
        let kindList = kinds.map(\.rawValue).sorted()
        return try transaction { tx in
            let now = clock.now()
            try settleStale(tx, kinds: kindList, now: now, policy: policy)
            try shared.removeExpiredOutboxSecrets(tx, now: now)
            var found: (OutboxRecord, OutboxMessage)?
            while found == nil, let row = try tx.nextDueMessage(kinds: kindList, at: now) {
                // The deliverer opens the sealed body and links (issue 19 finding 4); one that
                // does not open (altered, moved to another row, another key) fails for good.
                do {
                    found = (row, try EngineContext.openedMessage(row, box: try shared.box(toOpen: [row]), now: now))
                } catch SecretBoxError.cannotOpen {
                    let reason = "its sealed content does not open with this database's key file"
                    try tx.failMessage(id: row.id, lastError: reason)
                    try auditDelivery(tx, .messageFailed, try Self.outboxMessage(row), person: row.personID, detail: reason)
                }
            }
            guard let found else { return .success(nil) }
            let row = found.0
            var message = found.1
            let messageID: String
            if let stored = row.messageID {
                messageID = stored
            } else {
                let hex = try random.bytes(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                messageID = "<monban.\(message.id).\(hex)@\(messageIDDomain)>"
            }
            let attempt = message.attempts + 1
            try tx.claimMessage(id: message.id, attempt: attempt, worker: worker, leaseUntil: now + policy.lease,
                                messageID: messageID)
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
    func recordDelivery(_ job: DeliveryJob, _ outcome: DeliveryOutcome, policy: DeliveryPolicy)
        throws(EngineError) -> OutboxMessage.State
    {
        try transaction { tx in
            let now = clock.now()
            guard let row = try tx.outboxMessage(id: job.message.id) else { return .success(.failed) }
            let message = try Self.outboxMessage(row)
            let person = row.personID
            let ours = message.state == .sending && row.claimedBy == job.worker
                && message.attempts == job.attempt
            switch outcome {
            case .sent:
                guard message.state != .sent else { return .success(.sent) }
                try tx.markMessageSent(id: message.id, at: now)
                try auditDelivery(tx, .messageSent, message, person: person, detail: "attempt \(job.attempt)")
                return .success(.sent)
            case .retry(let reason) where ours && job.attempt < policy.maxAttempts:
                let reason = Self.clean(reason)
                let wait = policy.backoff(afterAttempt: job.attempt)
                try tx.deferMessage(id: message.id, nextAttemptAt: now + wait, lastError: reason)
                try auditDelivery(tx, .messageDeferred, message, person: person,
                                  detail: "attempt \(job.attempt) of \(policy.maxAttempts): \(reason); next in \(Int(wait)) s")
                return .success(.pending)
            case .retry(let reason), .permanent(let reason):
                guard ours else { return .success(message.state) }
                let reason = Self.clean(reason)
                try tx.failMessage(id: message.id, lastError: reason)
                let why = if case .permanent = outcome { "refused" } else { "gave up after \(job.attempt) attempts" }
                try auditDelivery(tx, .messageFailed, message, person: person, detail: "\(why): \(reason)")
                return .success(.failed)
            }
        }
    }

    /// When the next message of `kinds` may become due (a retry's time or a
    /// lease's end), for a sender deciding how long to sleep; nil when none waits.
    func nextDeliveryTime(kinds: Set<OutboxMessage.Kind>) throws(EngineError) -> Date? {
        guard !kinds.isEmpty else { return nil }
        return try read { tx in try tx.nextDeliveryTime(kinds: kinds.map(\.rawValue).sorted()) }
    }

    // MARK: Inside the claim's transaction

    /// Fails messages too old to be useful and takes back expired claims.
    func settleStale(_ tx: any StoreTransaction, kinds: [String], now: Date, policy: DeliveryPolicy) throws {
        // Too late: an SMS code dies in 10 minutes, a link in 14 days.
        for kind in OutboxMessage.Kind.allCases where kinds.contains(kind.rawValue) {
            for row in try tx.pendingMessages(kind: kind.rawValue, queuedBefore: now - DeliveryPolicy.usefulLife(of: kind)) {
                let message = try Self.outboxMessage(row)
                let reason = kind == .sms ? "not delivered within 10 minutes: the code has expired"
                    : "not delivered within 14 days: its links have expired"
                try tx.expireMessage(id: message.id, lastError: reason)
                try auditDelivery(tx, .messageFailed, message, person: row.personID, detail: reason)
            }
        }
        // A sender that stopped mid-send: its lease ran out.
        for row in try tx.abandonedClaims(kinds: kinds, at: now) {
            let message = try Self.outboxMessage(row)
            let who = row.claimedBy ?? "?"
            let reason = "the sender (\(who)) stopped before finishing attempt \(message.attempts)"
            if message.attempts >= policy.maxAttempts {
                try tx.failMessage(id: message.id, lastError: reason)
                try auditDelivery(tx, .messageFailed, message, person: row.personID, detail: reason)
            } else {
                try tx.deferMessage(id: message.id, nextAttemptAt: now, lastError: reason)
                try auditDelivery(tx, .messageDeferred, message, person: row.personID, detail: reason)
            }
        }
    }

    /// An audit entry for a message: its kind, number and subject, or for an SMS
    /// the masked number. Never its body, links or code (AU-1).
    func auditDelivery(_ tx: any StoreTransaction, _ event: AuditEvent, _ message: OutboxMessage, person: Int64?, detail: String) throws {
        var contract: Int64?
        if let person {
            contract = try tx.person(id: person)?.contractID
        }
        let what = switch message.kind {
        case .email: "email #\(message.id) \(message.subject)"
        case .sms: "sms #\(message.id) to \(PhoneNumber(message.to)?.masked ?? "****")"
        }
        try audit(tx, event, person: person, contract: contract, context: AccessContext(terminal: "delivery"),
                  detail: "\(what): \(detail)")
    }

    /// A server's reply or a network error as one short line.
    static func clean(_ reason: String) -> String {
        let flat = reason.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
        let trimmed = flat.trimmingWhitespace()
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : (trimmed.isEmpty ? "unknown error" : trimmed)
    }

    /// One outbox row.
    static func outboxMessage(_ row: OutboxRecord) throws -> OutboxMessage {
        guard let kind = OutboxMessage.Kind(rawValue: row.kind), let state = OutboxMessage.State(rawValue: row.state)
        else { throw DamagedRow(table: "outbox") }
        let links = (try? JSONDecoder().decode([String].self, from: Data(row.links.utf8))) ?? []
        return OutboxMessage(
            id: row.id, kind: kind, to: row.recipient, subject: row.subject, body: row.body, links: links,
            sentAt: row.createdAt ?? .distantPast, state: state, attempts: row.attempts, lastError: row.lastError,
            nextAttemptAt: row.nextAttemptAt, deliveredAt: row.deliveredAt)
    }

    /// The messages the service sent, oldest first; optionally only those to one address.
    /// Links and codes are not in them: placeholders stand in the bodies (issue 19 finding 4).
    func outbox(to address: String? = nil) throws(EngineError) -> [OutboxMessage] {
        try read { tx in try tx.outbox(recipient: address).map(EngineContext.shownMessage) }
    }

    /// The messages with their links and codes opened while they are kept: for the 受信箱.
    func openedOutbox(_ rows: (any StoreReader) throws -> [OutboxRecord]) throws(EngineError) -> [OutboxMessage] {
        let rows = try read(rows)
        let box = try shared.box(toOpen: rows)
        let now = clock.now()
        do {
            return try rows.map { try EngineContext.openedMessage($0, box: box, now: now) }
        } catch {
            throw shared.mapped(error)
        }
    }

    /// `monban outbox --reveal`: the messages opened, after an audit entry that says so.
    func revealOutbox(to address: String?, context: AccessContext) throws(EngineError) -> [OutboxMessage] {
        try transaction { tx in
            try shared.removeExpiredOutboxSecrets(tx, now: clock.now())
            try audit(tx, .outboxRevealed, context: context, detail: address.map { "to \($0)" } ?? "all messages")
            return .success(())
        }
        return try openedOutbox { tx in try tx.outbox(recipient: address) }
    }
}
