import FoundationEssentials
import MonbanCore
import MonbanTUI

/// The 受信箱 and one message (TK-2).
extension Screen {
    /// The messages the service sent, and one of them with its links.
    func inboxItems(_ s: InboxScreen, _ l: Language) -> [ScreenItem] {
        var items: [ScreenItem]
        switch s {
        case .messages(let messages):
            items = [.title(Texts.inboxTitle(l))]
            if messages.isEmpty {
                items.append(.text(Texts.inboxEmpty(l), .muted))
            } else {
                items.append(.text(Texts.inboxHint(l), .muted))
                for m in messages.reversed() {
                    // What tells the messages apart: the subject after the service's name, which
                    // every mail's begins with (【…】), on a line of its own where the row is too
                    // narrow for both (issue 20 item 3).
                    let what = m.kind == .sms ? "SMS: " + m.body.split(whereSeparator: \.isNewline).joined(separator: " ")
                        : Self.subjectAfterService(m.subject)
                    items.append(.row(id: .message(m.id), text: "\(Self.shortDate(m.sentAt)) \(Self.stateTag(m, l)) \(m.to)\n\(what)"))
                }
            }
            items += [.gap, .button(id: .back, label: Texts.back(l))]
        case .message(let m):
            // The ticket in a link is a secret: the screen shows its first characters
            // only; Enter on the link opens the real one.
            var body = m.body
            for link in m.links { body = body.replacingEvery(link, with: Self.masked(link)) }
            items = [
                .title(m.subject.isEmpty ? Texts.messageTitle(l) : m.subject),
                .text("\(Texts.to(l)): \(m.to)   \(Self.shortDate(m.sentAt))   \(Self.stateText(m, l))", .muted),
            ]
            if let detail = Self.deliveryDetail(m, l) { items.append(.text(detail, m.state == .failed ? .error : .note)) }
            items += [
                .gap,
                .text(body),
            ]
            if !m.links.isEmpty {
                items.append(.text(Texts.openLinkHint(l), .muted))
                for (i, link) in m.links.enumerated() { items.append(.link(id: .link(i), label: Self.masked(link))) }
            }
            items += [.gap, .button(id: .back, label: Texts.back(l))]
        }
        return items
    }

    /// "【おまかせクラウドストレージ】パスワードリセット" → "パスワードリセット"; a subject without the
    /// service's brackets as it is.
    static func subjectAfterService(_ subject: String) -> String {
        guard subject.hasPrefix("【"), let end = subject.firstIndex(of: "】") else { return subject }
        let rest = subject[subject.index(after: end)...]
        return rest.isEmpty ? subject : String(rest)
    }
}
