import FoundationEssentials
import MonbanCore
import MonbanTUI

/// The 受信箱's delivery states (issue 8).
extension Texts {
    public static let statePending = Text("送信待ち", "pending")
    public static let stateSending = Text("送信中", "sending")
    public static let stateSent = Text("送信済", "sent")
    public static let stateFailed = Text("送信失敗", "failed")
    public static let stateLabel = Text("状態", "State")
    public static let attemptsSoFar = Text("{n}回試行", "{n} attempts")
    public static let nextAttempt = Text("次回 {t}", "next at {t}")

    static func state(_ s: OutboxMessage.State) -> Text {
        switch s {
        case .pending: statePending
        case .sending: stateSending
        case .sent: stateSent
        case .failed: stateFailed
        }
    }
}

extension Screen {
    /// "[送信済]" for an inbox row.
    static func stateTag(_ m: OutboxMessage, _ l: Language) -> String {
        let tag = "[\(Texts.state(m.state)(l))]"
        let widest = OutboxMessage.State.allCases.map { DisplayWidth.of("[\(Texts.state($0)(l))]") }.max() ?? 0
        return tag + String(repeating: " ", count: max(0, widest - DisplayWidth.of(tag)))
    }

    /// The message view's state, beside the recipient: "状態: 送信済（11-18 20:07）".
    static func stateText(_ m: OutboxMessage, _ l: Language) -> String {
        var text = "\(Texts.stateLabel(l)): \(Texts.state(m.state)(l))"
        if m.state == .sent, let at = m.deliveredAt { text += l == .ja ? "（\(jst(at, "MM-dd HH:mm"))）" : " (\(jst(at, "MM-dd HH:mm")))" }
        return text
    }

    /// After a failed attempt: the attempts, the next attempt's time while it
    /// waits, and the last error; nil before any failure.
    static func deliveryDetail(_ m: OutboxMessage, _ l: Language) -> String? {
        guard m.state != .sent, let error = m.lastError else { return nil }
        var parts = [Texts.attemptsSoFar(l).replacingEvery("{n}", with: "\(m.attempts)")]
        if m.state == .pending, let next = m.nextAttemptAt {
            parts.append(Texts.nextAttempt(l).replacingEvery("{t}", with: jst(next, "HH:mm:ss")))
        }
        parts.append(error)
        return parts.joined(separator: l == .ja ? "、" : ", ")
    }
}
