import FoundationEssentials
import MonbanCore
import MonbanTUI

/// 認証・契約情報変更ログイン, the menu and its items (manual §0, §2-1, §3, §4-1, §5-1).
extension Screen {
    /// The fields of a settings screen.
    mutating func addSettingsFields(_ route: SettingsRoute) {
        switch route {
        case .login:
            form.addField(.email, maxLength: 254)
            form.addField(.password, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .methodPassword(let m):
            if m.person.loginMethod == .emailPassword {
                form.addField(.current, maxLength: PasswordPolicy.maximumLength, secure: true)
            }
            form.addField(.password, maxLength: PasswordPolicy.maximumLength, secure: true)
            form.addField(.again, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .emailConfirm:
            form.addField(.password, maxLength: PasswordPolicy.maximumLength, secure: true)
            form.addField(.again, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .emailChange:
            form.addField(.email, maxLength: 254)
            form.addField(.again, maxLength: 254)
        case .passwordChange:
            form.addField(.current, maxLength: PasswordPolicy.maximumLength, secure: true)
            form.addField(.new, maxLength: PasswordPolicy.maximumLength, secure: true)
            form.addField(.again, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .twoStep(let m):
            form.radios[.twoStep] = m.contract.twoFactorEnabled ? 0 : 1
        case .accessRoute(let m):
            form.radios[.route] = m.contract.accessRoute == .lineAndInternet ? 0 : 1
        case .directory(_, let existing):
            form.addField(.url, maxLength: 512, text: existing?.url ?? "")
            form.addField(.domain, maxLength: 253, text: existing?.domain ?? "")
            form.addField(.caFile, maxLength: 1024)
        default:
            break
        }
    }

    /// The button Enter in a field (or on a radio button) submits.
    static func settingsPrimary(_ route: SettingsRoute) -> ControlID? {
        switch route {
        case .login: .login
        case .methodPassword, .emailConfirm: .register
        case .emailChange: .send
        case .passwordChange: .change
        case .twoStep, .twoStepConfirm, .accessRoute, .directory: .set
        default: nil
        }
    }

    func settingsItems(_ route: SettingsRoute, _ l: Language, now: Date) -> [ScreenItem] {
        switch route {
        case .login:
            return [
                .title(Texts.settingsLoginTitle(l)),
                .text(Texts.settingsLoginIntro(l)),
                .field(id: .email, label: Texts.email(l)),
                .field(id: .password, label: Texts.password(l)),
                .gap,
                .buttons([(id: .login, label: Texts.loginButton(l)), (id: .back, label: Texts.back(l))]),
                .link(id: .forgot, before: Texts.forgotBefore(l), label: Texts.here(l)),
                .gap,
                .text(Texts.orFederated(l), .muted),
                .buttons([(id: .google, label: Texts.google(l)), (id: .facebook, label: Texts.facebook(l))]),
                .buttons([(id: .microsoft, label: Texts.microsoft(l)), (id: .dAccount, label: Texts.dAccount(l))]),
                .link(id: .activeDirectory, label: Texts.directoryLogin(l)),
            ]
        case .menu(let m):
            return Self.menuItems(m, l)
        case .loginMethod(let m):
            var items: [ScreenItem] = [
                .title(Texts.methodTitle(l)),
                .text(Texts.methodHeading(l)),
                .text(Texts.methodIntro(l)),
                .text("\(Texts.methodCurrent(l)): \(Texts.methodName(m.person.loginMethod)(l))", .title),
                .gap,
            ]
            for method in Self.contractorMethods {
                items.append(.button(id: .method(method), label: Texts.methodName(method)(l)))
            }
            items += [
                .gap,
                .text(Texts.methodEmailNote(l), .muted),
                .text(Texts.methodFacebookNote(l), .muted),
                .note(heading: Texts.smsNoteHeading(l), lines: [Texts.methodNoAD(l), Texts.methodSignOutFirst(l)]),
                .gap,
                .button(id: .back, label: Texts.back(l)),
            ]
            return items
        case .methodPassword(let m):
            // Already signing in with a password: the current one first (ASVS 6.2.3).
            return Self.methodPasswordItems(email: m.person.email, askCurrent: m.person.loginMethod == .emailPassword, l)
        case .emailChange(let m):
            return [
                .title(Texts.emailChangeTitle(l)),
                .text(Texts.emailChangeIntro(l)),
                .text("\(Texts.currentEmail(l)): \(m.person.email)", .muted),
                .gap,
                .field(id: .email, label: Texts.newEmail(l)),
                .field(id: .again, label: Texts.newEmailAgain(l)),
                .gap,
                .buttons([(id: .send, label: Texts.sendMail(l)), (id: .back, label: Texts.back(l))]),
                .gap,
                .text(Texts.emailChangeNote(l), .muted),
            ]
        case .emailChangeSent(_, let address):
            return [
                .title(Texts.emailChangeSentTitle(l)),
                .text(Texts.emailChangeSent(l).replacingEvery("{a}", with: address)),
                .gap,
                .button(id: .menu, label: Texts.toMenu(l)),
            ]
        case .emailConfirm(_, let info):
            return [
                .title(Texts.emailConfirmTitle(l)),
                .text("\(Texts.emailChangedTo(l)): \(info.payload)", .title),
                .gap,
                .text(Texts.passwordHeading(l)),
                .text(Texts.passwordIntro(l)),
                .text(Texts.policy(l), .muted),
                .field(id: .password, label: Texts.password(l)),
                .field(id: .again, label: Texts.passwordConfirmLabel(l)),
                .button(id: .register, label: Texts.register(l)),
                .gap,
                .text(Texts.emailConfirmAfter(l), .muted),
            ]
        case .emailApproved(let address):
            return [
                .title(Texts.emailApprovedTitle(l)),
                .text(Texts.emailApproved(l)),
                .gap,
                .text(address, .title),
                .gap,
                .button(id: .close, label: Texts.close(l)),
            ]
        case .emailConfirmed(let address):
            return [
                .title(Texts.emailConfirmTitle(l)),
                .text(Texts.emailChangeDone(l)),
                .gap,
                .text(address, .title),
                .gap,
                .text(Texts.closeToLogin(l)),  // §2-1 (3), issue 20 item 26
                .button(id: .close, label: Texts.close(l)),
            ]
        case .passwordChange:
            return [
                .title(Texts.passwordChangeTitle(l)),
                .text(Texts.policy(l)),
                .gap,
                .field(id: .current, label: Texts.currentPassword(l)),
                .field(id: .new, label: Texts.newPassword(l)),
                .field(id: .again, label: Texts.newPasswordAgain(l)),
                .gap,
                .buttons([(id: .change, label: Texts.changePasswordButton(l)), (id: .back, label: Texts.back(l))]),
            ]
        case .passwordChanged:
            return [
                .title(Texts.passwordChangedTitle(l)),
                .text(Texts.passwordChanged(l)),
                .gap,
                .button(id: .menu, label: Texts.toMenu(l)),
            ]
        case .twoStep(let m):
            return [
                .title(Texts.twoStepSettingTitle(l)),
                .text(Texts.twoStepSettingIntro(l)),
                .text("\(Texts.currentSetting(l)): \((m.contract.twoFactorEnabled ? Texts.enabled : Texts.disabled)(l))",
                      .muted),
                .gap,
                .radio(id: .twoStep, options: [Texts.enableTwoStep(l), Texts.disableTwoStep(l)]),
                .gap,
                .buttons([(id: .set, label: Texts.set(l)), (id: .back, label: Texts.back(l))]),
                .gap,
                .note(heading: Texts.smsNoteHeading(l), lines: Texts.twoStepNotes.map { $0(l) }),
            ]
        case .twoStepConfirm(_, let enabled):
            return [
                .title(Texts.twoStepConfirmTitle(l)),
                .text(Texts.twoStepConfirmIntro(l)),  // §5-1 (5), issue 20 item 26
                .text("\(Texts.routeNext(l)): \((enabled ? Texts.enableTwoStep : Texts.disableTwoStep)(l))", .title),
                .gap,
                .text((enabled ? Texts.twoStepConfirmEnable : Texts.twoStepConfirmDisable)(l)),
                .gap,
                .checkbox(id: .understood, label: Texts.understood(l)),
                .gap,
                .buttons([(id: .set, label: Texts.set(l)), (id: .back, label: Texts.back(l))]),
            ]
        case .accessRoute(let m):
            return [
                .title(Texts.accessRouteTitle(l)),
                .text(Texts.accessRouteIntro(l)),
                .text("\(Texts.currentSetting(l)): \(Texts.route(m.contract.accessRoute)(l))", .muted),
                .gap,
                .radio(id: .route, options: [Texts.route(.lineAndInternet)(l), Texts.route(.lineOnly)(l)]),
                .text(Texts.routeDescriptions(l), .muted),
                .gap,
                .buttons([(id: .set, label: Texts.set(l)), (id: .back, label: Texts.back(l))]),
                .gap,
                .note(heading: Texts.smsNoteHeading(l), lines: Texts.lineNotes.map { $0(l) }),
            ]
        case .accessRouteConfirm(let m, let route):
            var items: [ScreenItem] = [
                .title(Texts.accessRouteConfirmTitle(l)),
                .text(Texts.accessRouteConfirmIntro(l)),
                .gap,
                .text("\(Texts.routeNow(l)): \(Texts.route(m.contract.accessRoute)(l))"),
                .text("\(Texts.routeNext(l)): \(Texts.route(route)(l))", .title),
                .gap,
            ]
            if route == .lineOnly { items += [.text(Texts.lineOnlyWarning(l), .error), .gap] }
            items += [.buttons([(id: .change, label: Texts.change(l)), (id: .back, label: Texts.back(l))])]
            return items
        case .accessRouteDone(let m):
            return [
                .title(Texts.accessRouteDoneTitle(l)),
                .text(Texts.accessRouteDone(l)),
                .text("\(Texts.currentSetting(l)): \(Texts.route(m.contract.accessRoute)(l))", .title),
                .gap,
                .button(id: .menu, label: Texts.toMenu(l)),
                .gap,
                .text(Texts.lineRecovery(l), .muted),
                .note(heading: Texts.smsNoteHeading(l), lines: Texts.lineNotes.map { $0(l) }),
            ]
        case .directory(_, let existing):
            var items: [ScreenItem] = [.title(Texts.directorySettingTitle(l)), .text(Texts.directorySettingIntro(l))]
            if let existing { items.append(.text("\(Texts.connectionID(l)): \(existing.connectionID.value)", .title)) }
            items += [
                .field(id: .url, label: Texts.directoryURL(l)),
                .field(id: .domain, label: Texts.directoryDomain(l)),
                .field(id: .caFile, label: Texts.directoryCAFile(l)),
                .gap,
                .buttons([(id: .set, label: Texts.set(l)), (id: .back, label: Texts.back(l))]),
                .gap,
            ]
            items += Texts.directoryNotes.map { .text($0(l), .muted) }
            return items
        case .directoryDone(_, let settings):
            return [
                .title(Texts.directoryDoneTitle(l)),
                .text(Texts.directoryDone(l)),
                .gap,
                .text("\(Texts.connectionID(l)): \(settings.connectionID.value)", .title),
                .text("\(Texts.directoryURL(l)): \(settings.url)", .muted),
                .text("\(Texts.directoryDomain(l)): \(settings.domain)", .muted),
                .gap,
                .button(id: .menu, label: Texts.toMenu(l)),
            ]
        case .planChange(let m):
            var items: [ScreenItem] = [.title(Texts.planChangeTitle(l)), .text(Texts.planChangeIntro(l)), .gap]
            if let until = m.convertibleUntil {
                items.append(.text(Texts.trialConvertUntil(l).replacingEvery("{d}", with: Self.longDate(until))))
            }
            items += [.gap, .buttons([(id: .change, label: Texts.change(l)), (id: .back, label: Texts.back(l))])]
            return items
        }
    }

    /// The login methods the contractor may choose (MC-2: not AD).
    /// §2-1 ① / §2-2 ① メールアドレス・パスワード認証の設定: the address, the new password twice
    /// (and the current one first when `askCurrent`), 「変更後、ログイン画面が表示されます。」.
    static func methodPasswordItems(email: String, askCurrent: Bool, _ l: Language) -> [ScreenItem] {
        var items: [ScreenItem] = [
            .title(Texts.methodPasswordTitle(l)),
            .text(Texts.passwordHeading(l)),
            .text(Texts.passwordIntro(l)),
            .text(Texts.policy(l), .muted),
            .gap,
            .text(Texts.registrationEmail(l)),
            .text(email, .title),
        ]
        if askCurrent { items.append(.field(id: .current, label: Texts.currentPassword(l))) }
        return items + [
            .field(id: .password, label: Texts.password(l)),
            .field(id: .again, label: Texts.passwordConfirmLabel(l)),
            .gap,
            .buttons([(id: .register, label: Texts.register(l)), (id: .back, label: Texts.back(l))]),
            .gap,
            .text(Texts.afterChangeLogin(l), .muted),
        ]
    }

    static let contractorMethods: [LoginMethod] = [.emailPassword, .google, .facebook, .microsoft, .dAccount]

    /// §3 (5) the menu: only the items the table allows (CT-3), the plan (CT-2).
    static func menuItems(_ m: SettingsMenu, _ l: Language) -> [ScreenItem] {
        var items: [ScreenItem] = [.title(Texts.menuTitle(l)), .text(Texts.menuIntro(l))]
        if let end = m.trialEndsAt {
            let date = longDate(end)
            items.append(m.cancelled
                ? .text(Texts.trialCancelled(l).replacingEvery("{d}", with: date), .error)
                : .text("\(Texts.plan(l)): " + Texts.trialUntil(l).replacingEvery("{d}", with: date), .title))
        }
        let credentials = SettingsItem.credentials.filter(m.items.contains)
        let settings = SettingsItem.contractSettings.filter(m.items.contains)
        if !credentials.isEmpty {
            items += [
                .gap, .text(Texts.menuCredentials(l), .title), .text(Texts.menuCredentialsIntro(l), .muted),
                .buttons(credentials.map { (id: .menuItem($0), label: Texts.item($0)(l)) }),
            ]
        }
        if !settings.isEmpty {
            items += [
                .gap, .text(Texts.menuSettings(l), .title), .text(Texts.menuSettingsIntro(l), .muted),
                .buttons(settings.map { (id: .menuItem($0), label: Texts.item($0)(l)) }),
            ]
        }
        if credentials.isEmpty && settings.isEmpty && m.convertibleUntil == nil {
            items += [.gap, .text(Texts.menuNothing(l), .muted)]
        }
        if m.trialEndsAt != nil {
            items += [.gap, .text(Texts.menuPlan(l), .title)]
            if let until = m.convertibleUntil {
                items.append(.text(Texts.trialConvertUntil(l).replacingEvery("{d}", with: longDate(until))))
                items.append(.button(id: .toBasic, label: Texts.toBasic(l)))
            }
            items.append(.text(Texts.trialNotes(l), .muted))
        }
        items += [.gap, .button(id: .top, label: Texts.toTop(l))]
        return items
    }
}
