import MonbanTUI

/// The footer's key list (UI-2), fitted to the window (issue 20 item 10): the full words when
/// they fit, else the short ones, else the least needed keys left out — never a key name cut.
enum FooterKeys {
    /// One key of the footer: its long and short forms, in the order shown.
    struct Key {
        var full: Text
        var short: Text
        /// Lower goes first when the line is too long.
        var keep: Int
    }

    static let tab = Key(full: Text("Tab:次", "Tab/Down:next"), short: Text("Tab:次", "Tab:next"), keep: 3)
    static let shiftTab = Key(full: Text("Shift-Tab:前", "Shift-Tab/Up:prev"), short: Text("S-Tab:前", "S-Tab:prev"), keep: 1)
    static let enter = Key(full: Text("Enter:決定", "Enter:select"), short: Text("Enter:決定", "Enter:select"), keep: 2)
    static let space = Key(full: Text("Space:選択", "Space:toggle"), short: Text("Space:選択", "Space:tick"), keep: 0)
    static let escape = Key(full: Text("Esc:戻る", "Esc:back"), short: Text("Esc:戻る", "Esc:back"), keep: 5)
    static let inbox = Key(full: Text("F2:受信箱", "F2:inbox"), short: Text("F2:受信箱", "F2:inbox"), keep: 4)
    static let quit = Key(full: Text("F10:終了", "F10:quit"), short: Text("F10:終了", "F10:quit"), keep: 6)

    /// The keys this client offers: F2 only with the 受信箱, F10 only outside a kiosk.
    static func keys(inbox hasInbox: Bool, kiosk: Bool) -> [Key] {
        [tab, shiftTab, enter, space, escape] + (hasInbox ? [inbox] : []) + (kiosk ? [] : [quit])
    }

    /// The line for `width` columns.
    static func line(_ keys: [Key], language: Language, width: Int) -> String {
        func joined(_ forms: [String]) -> String { forms.joined(separator: " ") }
        let full = joined(keys.map { $0.full(language) })
        if DisplayWidth.of(full) <= width { return full }
        var kept = keys
        while !kept.isEmpty {
            let short = joined(kept.map { $0.short(language) })
            if DisplayWidth.of(short) <= width { return short }
            guard let least = kept.indices.min(by: { kept[$0].keep < kept[$1].keep }) else { break }
            kept.remove(at: least)
        }
        return ""
    }
}
