import FoundationEssentials

/// How the outbox is delivered (issue 8): retries with exponential backoff, a
/// lease on each claim, and when to give up.
public struct DeliveryPolicy: Sendable, Equatable {
    /// Attempts before a message fails for good.
    public var maxAttempts: Int
    /// The wait after the first failed attempt; doubled after each further one…
    public var retryInitial: TimeInterval
    /// …up to this.
    public var retryMax: TimeInterval
    /// How long a claim is exclusive. A sender that dies mid-send (a crash, a
    /// power cut) leaves its message `sending`; once the lease has run out the
    /// message is claimable again. Must exceed the transport's whole timeout,
    /// or a slow but live sender could see its message claimed by another.
    public var lease: TimeInterval

    public init(maxAttempts: Int = 10, retryInitial: TimeInterval = 30, retryMax: TimeInterval = 3600,
                lease: TimeInterval = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.retryInitial = max(0, retryInitial)
        self.retryMax = max(self.retryInitial, retryMax)
        self.lease = max(1, lease)
    }

    /// The wait after failed attempt number `attempt` (1 for the first):
    /// `retryInitial × 2^(attempt−1)`, at most `retryMax`.
    public func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = min(max(0, attempt - 1), 40)
        return min(retryMax, retryInitial * Double(1 << exponent))
    }

    /// After this long in the outbox a message is no longer worth sending: an SMS
    /// code is dead after 10 minutes (TF-2), an e-mailed link after 14 days (TK-1).
    public static func usefulLife(of kind: OutboxMessage.Kind) -> TimeInterval {
        switch kind {
        case .sms: SMSPolicy.lifetime
        case .email: Ticket.lifetime
        }
    }
}

/// One claimed message, for the sender that claimed it.
public struct DeliveryJob: Sendable, Equatable {
    public var message: OutboxMessage
    /// This attempt's number (1 for the first).
    public var attempt: Int
    /// The e-mail's Message-ID ("<…@domain>"), the same on every attempt.
    public var messageID: String
    /// Who claimed it (host and process), as stored in the outbox.
    public var worker: String

    public init(message: OutboxMessage, attempt: Int, messageID: String, worker: String) {
        self.message = message
        self.attempt = attempt
        self.messageID = messageID
        self.worker = worker
    }
}

/// What a transport reports about one attempt.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The server or gateway accepted the message.
    case sent
    /// A temporary failure (no connection, a timeout, a 4xx reply): try again later.
    case retry(String)
    /// A permanent refusal (a 5xx reply, a bad address): never again.
    case permanent(String)
}
