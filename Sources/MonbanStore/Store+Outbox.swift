import Foundation

/// One row of `outbox` (TK-3, issue 8): `kind` is "email" or "sms", `state` one of
/// "pending", "sending", "sent", "failed", `links` a JSON array of strings.
public struct OutboxRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var recipient: String
    public var subject: String
    public var body: String
    public var links: String
    public var createdAt: Date?
    public var state: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var claimedBy: String?
    public var leaseUntil: Date?
    public var lastError: String?
    public var deliveredAt: Date?
    public var messageID: String?
    public var personID: Int64?
    /// The message's body and links sealed by the engine (issue 19 finding 4); nil once removed.
    public var sealed: [UInt8]? = nil
    /// "sealed", "removed" or "legacy" (in clear, queued before sealing): see `Schema` v8.
    public var secrets: String = "removed"
}

/// A message to queue; it starts pending.
public struct NewOutboxMessage: Sendable, Equatable {
    public var kind: String
    public var recipient: String
    public var subject: String
    public var body: String
    public var links: String
    public var createdAt: Date
    public var personID: Int64?

    public init(kind: String, recipient: String, subject: String, body: String, links: String, createdAt: Date,
                personID: Int64?) {
        self.kind = kind
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.links = links
        self.createdAt = createdAt
        self.personID = personID
    }
}

public protocol OutboxReads {
    /// Every message oldest first, or those to one address (whatever its case).
    func outbox(recipient: String?) throws -> [OutboxRecord]
    /// Every message for one person (whatever the address or number it went to), oldest first.
    func outbox(personID: Int64) throws -> [OutboxRecord]
    func outboxMessage(id: Int64) throws -> OutboxRecord?
    /// The oldest pending message of `kinds` due at `now`.
    func nextDueMessage(kinds: [String], at now: Date) throws -> OutboxRecord?
    /// Pending messages of `kind` queued before `before`.
    func pendingMessages(kind: String, queuedBefore before: Date) throws -> [OutboxRecord]
    /// Messages queued before sealing (issue 19 finding 4) whose body and links are in clear.
    func legacyOutboxMessages() throws -> [OutboxRecord]
    /// Claims of `kinds` whose lease ended by `now`.
    func abandonedClaims(kinds: [String], at now: Date) throws -> [OutboxRecord]
    /// The earliest moment a message of `kinds` may become due: a retry's time
    /// (0 for one due now) or a lease's end; nil when none waits.
    func nextDeliveryTime(kinds: [String]) throws -> Date?
}

public protocol OutboxWrites {
    /// Queues a message; returns its id. `body` and `links` are stored as given: the engine
    /// gives the text with placeholders and seals the rest (`sealOutboxMessage`).
    @discardableResult
    func insertOutboxMessage(_ message: NewOutboxMessage) throws -> Int64
    /// Keeps `sealed` (the body and links, AES-GCM) and `body` (with placeholders) in clear,
    /// the links column emptied (issue 19 finding 4).
    func sealOutboxMessage(id: Int64, body: String, sealed: [UInt8]) throws
    /// Drops a message's secrets for good: `sealed` gone, links emptied, `body` replaced
    /// when given (a message that was in clear).
    func removeOutboxSecrets(id: Int64, body: String?) throws
    /// Drops the sealed secrets of every message of `kind` queued before `before` (past its
    /// useful life); returns how many.
    @discardableResult
    func removeOutboxSecrets(kind: String, queuedBefore before: Date) throws -> Int
    /// The message is `sending`, claimed by `worker` until `leaseUntil`, as attempt `attempt`.
    func claimMessage(id: Int64, attempt: Int, worker: String, leaseUntil: Date, messageID: String) throws
    /// Sent: its sealed secrets are dropped in the same statement (issue 19 finding 4).
    func markMessageSent(id: Int64, at: Date) throws
    /// Back to pending until `nextAttemptAt`, the claim released.
    func deferMessage(id: Int64, nextAttemptAt: Date, lastError: String) throws
    /// Failed for good, the claim released, its sealed secrets dropped.
    func failMessage(id: Int64, lastError: String) throws
    /// A pending message too late to be useful: failed for good, its sealed secrets dropped.
    func expireMessage(id: Int64, lastError: String) throws
}
