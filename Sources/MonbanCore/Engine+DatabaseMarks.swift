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

    /// The messages sent to one person (to whatever address or number), oldest first (TK-3),
    /// their links and codes opened while kept: for the 受信箱 (issue 19 finding 4).
    public func inbox(of personID: Int64) throws(EngineError) -> [OutboxMessage] {
        try deliveryFlow.openedOutbox { tx in try tx.outbox(personID: personID) }
    }

    /// Every message, or those to one address, opened: for the demo's 受信箱 (issue 19 finding 4).
    public func inbox(to address: String? = nil) throws(EngineError) -> [OutboxMessage] {
        try deliveryFlow.openedOutbox { tx in try tx.outbox(recipient: address) }
    }

    /// The messages opened for an operator who asked (`monban outbox --reveal`), with an
    /// `outbox.revealed` audit entry first (issue 19 finding 4).
    public func revealOutbox(to address: String? = nil, context: AccessContext) throws(EngineError) -> [OutboxMessage] {
        try deliveryFlow.revealOutbox(to: address, context: context)
    }

    /// Seals what an older monban left in clear in the outbox, and drops the secrets of
    /// messages done or past their useful life; run by every command that opens the
    /// database (issue 19 finding 4). Returns how many messages changed.
    @discardableResult
    public func sealLegacyOutbox() throws(EngineError) -> Int {
        try shared.sealLegacyOutbox()
    }
}

/// The demo's first state (issue 20 item 4, UI-6): a kiosk on a demo database copies it when
/// it starts, and puts it back when idle, so that no visitor sees or inherits the last one's
/// changes, messages or codes. Nothing but a database `monban demo` made is ever put back.
extension Engine {
    /// The whole database as it is now, or nil when it is not the demo's.
    public func demoFirstState() throws(EngineError) -> DatabaseSnapshot? {
        guard try isDemoDatabase() else { return nil }
        let file = try database
        do { return try file.snapshot() } catch { throw .store(error) }
    }

    /// Puts `state` back in place of the demo database; refused (false) on any other.
    @discardableResult
    public func restoreDemoState(_ state: DatabaseSnapshot) throws(EngineError) -> Bool {
        guard try isDemoDatabase() else { return false }
        let file = try database
        do { try file.restore(state) } catch { throw .store(error) }
        return true
    }
}
