import FoundationEssentials
import MonbanCore
import MonbanTUI

/// The メイン画面 (LG-8).
extension Screen {
    /// The メイン画面: who is signed in, the menu and the console.
    func mainItems(_ screen: MainScreen, _ l: Language, now: Date) -> [ScreenItem] {
        var items: [ScreenItem]
        switch screen {
        case .top(let s):
            items = [.title(Texts.mainTitle(l))] + Self.summary(s, l, now: now) + [
                .gap,
                .link(id: .settings, label: Texts.settingsMenu(l)),
            ]
            if s.person.role != .user { items.append(.link(id: .console, label: Texts.adminConsole(l))) }
            items += [.gap, .button(id: .logout, label: Texts.logout(l))]
        case .confirmSignOut(let s):
            items = [
                .title(Texts.logout(l)),
                .text("\(Texts.signedInAs(l)): \(s.person.email)", .muted),
                .text(Texts.confirmSignOut(l)),
                .gap,
                .buttons([(id: .logout, label: Texts.logout(l)), (id: .back, label: Texts.cancel(l))]),
            ]
        case .lineAuthError, .lineNotice:
            items = lineItems(screen, l)
        }
        return items
    }
}
