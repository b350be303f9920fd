import MonbanCore
import MonbanTUI

/// The 受信箱 (F2): the outbox as the engine reads it (TK-2).
extension App {
    /// Whether F2 opens the 受信箱 now: on a demo database always; elsewhere, where the operator
    /// turned it on, only after a completed sign-in (issue 19 finding 1).
    var inboxAvailable: Bool {
        inboxEnabled && (inboxShowsEveryone || signedInPersonID != nil)
    }

    mutating func performOpenInbox(engine: Engine) throws -> [Effect] {
        if inboxShowsEveryone { return [.push(.inbox(.messages(try engine.inbox())))] }
        // Never before a sign-in, and only the signed-in person's own messages.
        guard inboxEnabled, let person = signedInPersonID else { return [] }
        return [.push(.inbox(.messages(try engine.inbox(of: person))))]
    }
}
