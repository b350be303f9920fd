import FoundationEssentials
import MonbanStore

/// The demo mark and the 受信箱 (issue 19 finding 1): the client opens the inbox to every
/// screen only on a database `monban demo` created; elsewhere a signed-in person reads
/// only their own messages, and only where the operator turned the inbox on.
extension Engine {
    /// Whether `monban demo` created this database.
    public func isDemoDatabase() throws(EngineError) -> Bool {
        try read { tx in try tx.isDemoDatabase() }
    }

    /// Records that `monban demo` created this database. Called by the demo command's
    /// creation path only; nothing a person at the screen does reaches it.
    public func markDemoDatabase() throws(EngineError) {
        let now = clock.now()
        try transaction { tx in
            try tx.markDemoDatabase(at: now)
            return .success(())
        }
    }

    /// The messages sent to one person (to whatever address or number), oldest first (TK-3).
    public func outbox(of personID: Int64) throws(EngineError) -> [OutboxMessage] {
        try read { tx in try tx.outbox(personID: personID).map(DeliveryFlow.outboxMessage) }
    }
}
