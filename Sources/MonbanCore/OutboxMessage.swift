import FoundationEssentials

/// An e-mail or SMS the service sent (TK-3). Every message stays in the outbox
/// with its delivery state; `monban outbox`, `monban deliver` and the 受信箱 read it.
public struct OutboxMessage: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case email
        case sms
    }

    /// Where a message is on its way out (issue 8).
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waiting for its first or next attempt (`nextAttemptAt`); with no SMTP
        /// server or SMS gateway configured, messages stay here.
        case pending
        /// Claimed by one sender, until its lease runs out.
        case sending
        /// Accepted by the mail server or the SMS gateway.
        case sent
        /// Given up: a permanent refusal, too many attempts, or too late to be useful.
        case failed
    }

    public var id: Int64
    public var kind: Kind
    public var to: String
    public var subject: String
    public var body: String
    public var links: [String]
    /// When the service queued it.
    public var sentAt: Date
    public var state: State = .pending
    /// Delivery attempts so far (a claim counts as one).
    public var attempts: Int = 0
    /// Why the last attempt failed (never a secret: the server's reply or the network error).
    public var lastError: String?
    /// When the next attempt may start (pending messages after a failure).
    public var nextAttemptAt: Date?
    /// When the mail server or gateway accepted it.
    public var deliveredAt: Date?
    /// Whether its links or code are still kept, sealed (issue 19 finding 4): until it is
    /// delivered, given up or past its useful life. In a message read without opening them,
    /// `body` has placeholders in their place and `links` is empty.
    public var sealed: Bool = false

    public init(id: Int64, kind: Kind, to: String, subject: String, body: String, links: [String], sentAt: Date,
                state: State = .pending, attempts: Int = 0, lastError: String? = nil, nextAttemptAt: Date? = nil,
                deliveredAt: Date? = nil, sealed: Bool = false) {
        self.id = id
        self.kind = kind
        self.to = to
        self.subject = subject
        self.body = body
        self.links = links
        self.sentAt = sentAt
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.sealed = sealed
    }
}
