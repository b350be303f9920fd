import MonbanCore
import MonbanTUI

/// The 受信箱 and one message: what their rows and links do (TK-2).
extension App {
    mutating func activateInbox(_ messages: [OutboxMessage], _ id: ControlID) -> [Effect] {
        guard case .message(let messageID) = id else { return common(id) }
        guard let m = messages.first(where: { $0.id == messageID }) else { return [] }
        return [.push(.message(m))]
    }

    mutating func activateMessage(_ m: OutboxMessage, _ id: ControlID) -> [Effect] {
        guard case .link(let i) = id else { return common(id) }
        return m.links.indices.contains(i) ? [.openLink(m.links[i])] : []
    }
}
