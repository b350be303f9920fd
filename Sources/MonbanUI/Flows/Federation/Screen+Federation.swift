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
        case .registration(.entry(let link, let info, let directory)):
            var items: [ScreenItem] = [
                .title((link.purpose == .loginMethodChange ? Texts.methodChangeTitle : Texts.registrationTitle)(l)),
                .text(info.email, .muted),
                .text(Texts.policy(l)),
                .gap,
                .field(id: .password, label: Texts.password(l)),
                .field(id: .again, label: Texts.passwordAgain(l)),
                .button(id: .register, label: Texts.register(l)),
                .gap,
                .text(Texts.orFederated(l), .muted),
            ]
            for m in Self.registerMethods { items.append(.button(id: .registerWith(m), label: Texts.registerWith(m)(l))) }
            if directory { items.append(.button(id: .registerWith(.activeDirectory), label: Texts.registerWith(.activeDirectory)(l))) }
            items += [.gap, .note(heading: Texts.smsNoteHeading(l), lines: [Texts.signOutFirst(l)])]
            return items
        case .registration(.confirm(_, let info)):
            return [
                .title(Texts.confirmTitle(l)),
                .text(Texts.confirmIntro(l)),
                .gap,
                .text("\(Texts.registrationMethod(l)) : \(Texts.byPassword(l))"),
                .text("\(Texts.adminEmail(l)) : \(info.email)"),
                .text("\(Texts.password(l)) : \(Texts.hidden(l))"),
                .gap,
                .buttons([(id: .back, label: Texts.cancel(l)), (id: .confirm, label: Texts.confirm(l))]),
            ]
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
