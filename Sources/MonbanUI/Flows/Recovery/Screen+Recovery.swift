import FoundationEssentials
import MonbanCore
import MonbanTUI

/// §6-2 パスワードを忘れた方, リセットパスワード, the unlock link and links that cannot be used (PW-1..PW-3, LK-2, LK-3).
extension Screen {
    /// The screens of a forgotten password and of e-mailed links.
    func recoveryItems(_ s: RecoveryScreen, _ l: Language) -> [ScreenItem] {
        var items: [ScreenItem]
        switch s {
        case .forgot:
            items = [
                .title(Texts.forgotTitle(l)),
                .text(Texts.forgotBody(l)),
                .gap,
                .field(id: .email, label: Texts.email(l)),
                .gap,
                .buttons([(id: .send, label: Texts.send(l)), (id: .back, label: Texts.back(l))]),
            ]
        case .forgotSent:
            items = [
                .title(Texts.forgotSentTitle(l)),
                .text(Texts.forgotSent(l)),
                .gap,
                .button(id: .login, label: Texts.toLogin(l)),
            ]
        case .reset(_, let email):
            items = [
                .title(Texts.resetTitle(l)),
                .text(email, .muted),
                .text(Texts.policy(l)),
                .gap,
                .field(id: .new, label: Texts.newPassword(l)),
                .field(id: .again, label: Texts.newPasswordAgain(l)),
                .gap,
                .button(id: .send, label: Texts.send(l)),
                .gap,
                .text(Texts.resetNote(l), .muted),
            ]
        case .resetDone:
            items = [
                .title(Texts.resetDoneTitle(l)),
                .text(Texts.resetDone(l)),
                .gap,
                .button(id: .login, label: Texts.toLogin(l)),
            ]
        case .unlocked(let email):
            items = [
                .title(Texts.unlockTitle(l)),
                .text(Texts.unlocked(l)),
                .text(email, .muted),
                .gap,
                .button(id: .login, label: Texts.toLogin(l)),
            ]
        case .linkProblem(let title, let message, let offerReset):
            items = [.title(title(l)), .text(message(l)), .gap]
            if offerReset { items.append(.link(id: .forgot, before: Texts.forgotBefore(l), label: Texts.here(l))) }
            items += [.gap, .button(id: .login, label: Texts.toLogin(l))]
        }
        return items
    }
}
