import Foundation

// rate_event (RL-1, issue 19 finding 13): one row per message sent under a cap, so that
// the caps hold across processes — counted and recorded in the same write transaction.
// `subject` is a digest of what is counted (a person, a number, a terminal, an address),
// never the number or address itself.

public protocol RateEventReads {
    /// How many events of `counter` for `subject` happened after `since`.
    func rateEventCount(counter: String, subject: [UInt8], since: Date) throws -> Int
}

public protocol RateEventWrites {
    func recordRateEvent(counter: String, subject: [UInt8], at: Date) throws
    /// Removes the events at or before `before`: they count toward no cap any more.
    func forgetRateEvents(before: Date) throws
}
