import FoundationEssentials
import MonbanCore
import MonbanTUI

/// §1-1 ログイン and §6-1 アカウントロック (LG-1..LG-5, LK-1).
extension Screen {
    /// The screens of the sign-in itself.
    func loginItems(_ s: LoginScreen, _ l: Language) -> [ScreenItem] {
        switch s {
        case .entry:
            return [
                .title(Texts.loginTitle(l)),
                .field(id: .email, label: Texts.email(l)),
                .field(id: .password, label: Texts.password(l)),
                .gap,
                .button(id: .login, label: Texts.loginButton(l)),
                .gap,
                .link(id: .forgot, before: Texts.forgotBefore(l), label: Texts.here(l)),
                .link(id: .change, before: Texts.changeBefore(l), label: Texts.here(l)),
                .gap,
                .text(Texts.orFederated(l), .muted),
                .buttons([(id: .google, label: Texts.google(l)), (id: .facebook, label: Texts.facebook(l))]),
                .buttons([(id: .microsoft, label: Texts.microsoft(l)), (id: .dAccount, label: Texts.dAccount(l))]),
                .link(id: .activeDirectory, label: Texts.directoryLogin(l)),
            ]
        case .locked(let reason):
            return [
                .title(Texts.lockedTitle(l)),
                .text(Self.lockedBody(reason)(l)),
                .gap,
                .text(Texts.lockedReset(l)),
                .link(id: .forgot, before: Texts.forgotBefore(l), label: Texts.here(l)),
                .gap,
                .button(id: .login, label: Texts.toLogin(l)),
            ]
        }
    }
}

extension Screen {
    /// What locked the account, as it happened (LK-1, TF-2, TF-3, issue 20 item 20): the
    /// manual's text for ten wrong passwords, the same sentence for ten wrong codes.
    static func lockedBody(_ reason: LockReason) -> Text {
        switch reason {
        case .wrongPasswords: Texts.lockedBody
        case .wrongCodes: Texts.lockedBodyCodes
        }
    }
}
