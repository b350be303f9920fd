import MonbanCore
import MonbanTUI

/// The 受信箱 and one message: what their rows and links do (TK-2).
extension App {
    mutating func activateInbox(_ s: InboxScreen, _ id: ControlID) -> [Effect] {
        switch s {
        case .messages(let messages): return activateMessages(messages, id)
        case .message(let m): return activateMessage(m, id)
        }
    }

    mutating func activateMessages(_ messages: [OutboxMessage], _ id: ControlID) -> [Effect] {
        guard case .message(let messageID) = id else { return common(id) }
        guard let m = messages.first(where: { $0.id == messageID }) else { return [] }
        return [.push(.inbox(.message(m)))]
    }

    mutating func activateMessage(_ m: OutboxMessage, _ id: ControlID) -> [Effect] {
        guard case .link(let i) = id else { return common(id) }
        return m.links.indices.contains(i) ? [.openLink(m.links[i])] : []
    }
}
