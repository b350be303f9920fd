import FoundationEssentials
import MonbanCrypto
import MonbanStore

/// The caps on what a person at a screen can make monban send (RL-1, issue 19 finding 13):
/// a script at the login screen must not be able to pump SMS to paid numbers (toll fraud)
/// or flood a mailbox with reset links. Each cap counts sends in the last hour, in the
/// store, checked and recorded in the caller's write transaction, so processes at once
/// never pass it together. The limits are constants, not settings.
public enum RateCap: String, Sendable, Equatable, CaseIterable {
    /// SMS codes to one person (their sign-ins and enrolments together).
    case smsPerPerson = "sms.person"
    /// SMS codes to one number, whoever asks.
    case smsPerNumber = "sms.number"
    /// SMS codes asked from one terminal, for anyone.
    case smsPerTerminal = "sms.terminal"
    /// Reset mails to one address (whether or not it is registered); unlock mails count too.
    case mailPerAddress = "mail.address"

    public static let smsPerPersonPerHour = 5
    public static let smsPerNumberPerHour = 5
    public static let smsPerTerminalPerHour = 10
    public static let mailsPerAddressPerHour = 3
    /// The window every cap counts over.
    public static let window: TimeInterval = 60 * 60

    /// How many sends the cap lets through in one window.
    public var limit: Int {
        switch self {
        case .smsPerPerson: Self.smsPerPersonPerHour
        case .smsPerNumber: Self.smsPerNumberPerHour
        case .smsPerTerminal: Self.smsPerTerminalPerHour
        case .mailPerAddress: Self.mailsPerAddressPerHour
        }
    }

    /// Whether this cap is about SMS (the screens word them differently).
    public var isSMS: Bool { self != .mailPerAddress }
}

/// Counting against the caps, inside a write transaction.
struct RateLimiter: Sendable {
    let clock: any EngineClock

    /// Checks every `(cap, key)` and, when none is reached, records one send for each and
    /// returns nil; otherwise records nothing and returns the first cap reached. Old
    /// events are removed on the way.
    func admit(_ tx: any StoreTransaction, _ counts: [(RateCap, String)]) throws -> RateCap? {
        let now = clock.now()
        let since = now - RateCap.window
        try tx.forgetRateEvents(before: since)
        for (cap, key) in counts where try tx.rateEventCount(counter: cap.rawValue, subject: Self.subject(cap, key), since: since) >= cap.limit {
            return cap
        }
        for (cap, key) in counts {
            try tx.recordRateEvent(counter: cap.rawValue, subject: Self.subject(cap, key), at: now)
        }
        return nil
    }

    /// Records one send of `cap` for `key` that is made whatever the count: the unlock mail
    /// of a lock, the owner's way back in (at most one per lock, and the account must be
    /// unlocked before it can lock again), counts toward the address's cap for later resets.
    func count(_ tx: any StoreTransaction, _ cap: RateCap, _ key: String) throws {
        try tx.recordRateEvent(counter: cap.rawValue, subject: Self.subject(cap, key), at: clock.now())
    }

    /// What is stored for `key`: a digest, so the table holds no number or address. Keys
    /// are compared in lower case (an address typed in capitals is the same mailbox).
    static func subject(_ cap: RateCap, _ key: String) -> [UInt8] {
        Digest.sha256(Array("monban rate \(cap.rawValue)\n\(key.lowercased())".utf8))
    }
}
