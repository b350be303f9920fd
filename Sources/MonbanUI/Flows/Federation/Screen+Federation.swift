import FoundationEssentials
import MonbanCore
import MonbanFederation
import MonbanTUI

/// Federated and Active Directory sign-in, 利用者ログイン登録 (§1-2, §1-3, §1-5).
extension Screen {
    static let registerMethods: [LoginMethod] = [.google, .facebook, .microsoft, .dAccount]

    func federationItems(_ l: Language, now: Date) -> [ScreenItem] {
        switch route {
        case .federation(.deviceFlow(let s)):
            var items: [ScreenItem] = [
                .title(Texts.withService(s.method)(l)),
                .text(Texts.deviceIntro(l)),
                .gap,
                .text("\(Texts.deviceURL(l)): \(s.authorization.verificationURI)"),
                .text("\(Texts.deviceCode(l)): \(s.authorization.userCode)", .title),
                .text("\(Texts.deviceValidUntil(l)): \(Self.clock(s.authorization.expiresAt))", .muted),
                .gap,
                .text(Texts.deviceWaiting(l), .muted),
            ]
            if s.demo != nil { items.append(.link(id: .demo, label: Texts.demoOpen(l))) }
            items.append(.link(id: .showQR, label: Texts.showQR(l)))
            if s.purpose != .signIn { items += [.gap, .text(Texts.signOutFirst(l), .muted)] }
            items += [.gap, .button(id: .back, label: Texts.cancel(l))]
            return items
        case .federation(.demoApproval(let s)):
            return [
                .title(Texts.demoTitle(l)),
                .text(Texts.demoIntro(l)),
                .text("\(Texts.deviceCode(l)): \(s.authorization.userCode)", .muted),
                .gap,
                .radio(id: .who, options: DemoProviderIdentities.labels),
                .gap,
                .buttons([(id: .allow, label: Texts.demoAllow(l)), (id: .deny, label: Texts.demoDeny(l))]),
            ]
        case .federation(.connectionIDEntry):
            return [
                .title(Texts.connectionIDTitle(l)),
                .text(Texts.connectionIDIntro(l)),
                .gap,
                .field(id: .connectionID, label: Texts.connectionID(l)),
                .button(id: .next, label: Texts.next(l)),
                .gap,
                .text(Texts.connectionIDKeep(l), .muted),
            ]
        case .federation(.connectionIDConfirm(let id, _)):
            return [
                .title(Texts.connectionIDConfirmTitle(l)),
                .text(Texts.connectionIDConfirmIntro(l)),
                .gap,
                .text("\(Texts.connectionID(l)): \(id.value)", .title),
                .gap,
                .text(Texts.connectionIDKeep(l), .muted),
                .buttons([(id: .confirm, label: Texts.confirm(l)), (id: .back, label: Texts.back(l))]),
            ]
        case .federation(.directorySignIn(let id, let domain, _)):
            return [
                .title(Texts.directoryTitle(l)),
                .text(Texts.directoryIntro(l)),
                .text("\(Texts.connectionID(l)): \(id.value)   @\(domain)", .muted),
                .gap,
                .field(id: .userPrincipalName, label: Texts.directoryUser(l)),
                .field(id: .password, label: Texts.password(l)),
                .button(id: .signIn, label: Texts.signInButton(l)),
                .gap,
                .text(Texts.directoryDomainHint(l), .muted),
                .link(id: .changeConnectionID, label: Texts.changeConnectionID(l)),
            ]
        case .registration(.entry(let r)):
            var items: [ScreenItem] = [
                .title(Texts.registrationTitle(l)),
                .text(r.info.email, .muted),
                .text(Texts.policy(l)),
                .gap,
                .field(id: .password, label: Texts.password(l)),
                .field(id: .again, label: Texts.passwordAgain(l)),
                .button(id: .register, label: Texts.register(l)),
                .gap,
                .text(Texts.orFederated(l), .muted),
            ]
            for m in Self.registerMethods { items.append(.button(id: .registerWith(m), label: Texts.registerWith(m)(l))) }
            // Only where the contractor set up the Active Directory (§1-5 (2) ※).
            if r.directory != nil {
                items.append(.button(id: .registerWith(.activeDirectory), label: Texts.registerWith(.activeDirectory)(l)))
            }
            items += [.gap, .note(heading: Texts.smsNoteHeading(l), lines: [Texts.signOutFirst(l)])]
            return items
        case .registration(.confirm(let r, let method)):
            // §1-5 (3): for a password and, before the service's or the AD's sign-in, for those (issue 20 item 19).
            let how = method == .emailPassword ? Texts.byPassword(l) : Texts.registerWith(method)(l)
            var items: [ScreenItem] = [
                .title(Texts.confirmTitle(l)),
                .text(Texts.confirmIntro(l)),
                .gap,
                .text("\(Texts.registrationMethod(l)) : \(how)"),
                .text("\(Texts.adminEmail(l)) : \(r.info.email)"),
            ]
            if method == .emailPassword { items.append(.text("\(Texts.password(l)) : \(Texts.hidden(l))")) }
            return items + [.gap, .buttons([(id: .back, label: Texts.cancel(l)), (id: .confirm, label: Texts.confirm(l))])]
        case .registration(.methodChoice(let r)):
            // §2-2 ① ログイン方法の設定, from the ログイン方法の設定変更 link (issue 20 item 18).
            var items: [ScreenItem] = [
                .title(Texts.methodTitle(l)),
                .text(Texts.methodHeading(l)),
                .text(Texts.methodIntro(l)),
                .text("\(Texts.methodCurrent(l)): \(Texts.methodName(r.info.loginMethod)(l))", .title),
                .gap,
            ]
            let methods = Self.contractorMethods + (r.directory != nil ? [.activeDirectory] : [])
            for method in methods { items.append(.button(id: .method(method), label: Texts.methodName(method)(l))) }
            return items + [
                .gap,
                .text(Texts.methodFacebookNote(l), .muted),
                .note(heading: Texts.smsNoteHeading(l), lines: [Texts.signOutFirst(l)]),
                .gap,
                .button(id: .back, label: Texts.back(l)),
            ]
        case .registration(.methodPassword(let r)):
            // §2-2 ① メールアドレス・パスワード認証の設定: the link stands for the sign-in, so no
            // current password is asked (the person may have none).
            return Self.methodPasswordItems(email: r.info.email, askCurrent: false, l)
        case .registration(.done):
            return [
                .title(Texts.doneTitle(l)),
                .text(Texts.doneBody(l)),
                .gap,
                .button(id: .login, label: Texts.ok(l)),
            ]
        default:
            return []
        }
    }
}

/// The demo provider's visitors as radio labels.
enum DemoProviderIdentities {
    static var labels: [String] {
        DemoProvider.identities.map { "\($0.name) <\($0.email)>" }
    }
}
