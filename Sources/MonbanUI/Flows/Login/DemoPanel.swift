import MonbanCore
import MonbanTUI

/// On a database `monban demo` made, the login screen shows the demo's accounts, their role
/// and whether two-step verification is on, the one password, and where codes and mails
/// arrive (issue 20 item 5): a visitor at a kiosk never sees what `monban demo` printed.
/// Drawn to the right of the form; at 80×24 the two share the screen with nothing cut.
enum DemoPanel {
    /// The panel's columns: the longest demo address is 30.
    static let width = 30
    /// The narrowest window with room for the form beside it.
    static let minimumWindowWidth = 80

    static let title = Text("デモ用アカウント", "Demo accounts")
    static let passwordLabel = Text("パスワード（全アカウント共通）", "Password (every account)")
    static let twoStepOn = Text("2段階認証: 有効", "two-step on")
    static let twoStepOff = Text("2段階認証: 無効", "two-step off")
    static let inbox = Text("SMSのコードとメールは\n受信箱（F2）に届きます。", "SMS codes and e-mails arrive\nin the Inbox (F2).")

    static func lines(_ l: Language) -> [(String, Style)] {
        var out: [(String, Style)] = [(title(l), Style(.title, bold: true)), (String(repeating: "-", count: 20), .muted)]
        out += TextWrap.lines(passwordLabel(l), width: width).map { ($0, .muted) }
        out.append(("  " + DemoAccounts.password, Style(.normal, bold: true)))
        for a in DemoAccounts.accounts {
            let role = switch a.role {
            case .contractor: Texts.contractor(l)
            case .administrator: Texts.administrator(l)
            case .user: Texts.user(l)
            }
            out.append((a.email, .normal))
            out.append(("  " + role + (l == .ja ? "・" : ", ") + (a.twoStep ? twoStepOn : twoStepOff)(l), .muted))
        }
        out.append(("", .normal))
        out += TextWrap.lines(inbox(l), width: width).map { ($0, .note) }
        return out
    }

    /// Draws the panel from (x, y), at most `height` lines of `width` columns.
    static func draw(into canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int, _ l: Language) {
        for (i, line) in lines(l).prefix(max(0, height)).enumerated() {
            canvas.put(line.0, x: x, y: y + i, style: line.1, limit: width)
        }
    }
}
