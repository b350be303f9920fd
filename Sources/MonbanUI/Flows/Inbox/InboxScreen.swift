import MonbanCore

/// The 受信箱 (F2) and one message (TK-2), answered in Flows/Inbox.
public enum InboxScreen: Equatable, Sendable {
    /// The messages the service sent.
    case messages([OutboxMessage])
    /// One message, its links selectable.
    case message(OutboxMessage)
}
