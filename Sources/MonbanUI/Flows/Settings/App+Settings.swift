import FoundationEssentials
import MonbanCore
import MonbanTUI

/// 認証・契約情報変更ログイン and メニュー (MC-1, CT-2, CT-3) and its items: what
/// their buttons do, and the engine work behind them.
extension App {
    // MARK: Arriving after a sign-in

    /// Where a completed sign-in leads: the メイン画面, or the menu when it began
    /// at 認証・契約情報変更ログイン (MC-1).
    mutating func arrive(_ s: SignedIn, engine: Engine) throws(EngineError) -> [Effect] {
        signedInAt = engine.clock.now()
        authenticatedAt = signedInAt
        signedInPersonID = s.person.id
        switch signInPurpose {
        case .service:
            if let line = s.lineNotice {
                // LG-7: the first sign-in from a West-Japan line asks first.
                var notice = Screen(route: .main(.lineNotice(s, line)))
                notice.form.focus = .option(.notify, 0)
                return [.restart([notice])]
            }
            return [.restart([Screen(route: .main(.top(s)))])]
        case .settings:
            let menu = try engine.settingsMenu(for: s.person.id)
            // Entered from the メイン画面 of the same person: トップ画面へ goes back to it.
            return [.menuAfterSignIn(personID: s.person.id, Screen(route: .settings(.menu(menu))))]
        }
    }

    // MARK: Buttons and links

    mutating func activateSettings(_ route: SettingsRoute, _ id: ControlID) -> [Effect] {
        let form = screen.form
        // One case per screen, no default: a new settings screen that forgets its controls does not compile.
        switch route {
        case .login:
            return activateSettingsLogin(id)
        case .menu(let m):
            return activateMenu(m, id)
        case .loginMethod(let m):
            guard case .method(let method) = id else { return settingsCommon(id) }
            if method == .emailPassword { return [.push(.settings(.methodPassword(m)))] }
            return [.startFederation(method, .changeMethod(personID: m.person.id))]
        case .methodPassword(let m):
            guard id == .register else { return settingsCommon(id) }
            let password = form[field: .password], again = form[field: .again]
            let current = form.fields[.current].map(\.text)
            guard !password.isEmpty, !again.isEmpty, current?.isEmpty != true else { return emptyPassword() }
            return [.settings(.methodPassword(personID: m.person.id, current: current, password: password, again: again))]

        case .emailChange(let m):
            guard id == .send else { return settingsCommon(id) }
            let new = form[field: .email], again = form[field: .again]
            guard !new.isEmpty, !again.isEmpty else {
                screen.message = (Texts.invalidEmail(language), .error)
                return []
            }
            return [.settings(.requestEmailChange(personID: m.person.id, new: new, again: again))]
        case .emailConfirm(let link, _):
            guard id == .register else { return settingsCommon(id) }
            let password = form[field: .password], again = form[field: .again]
            guard !password.isEmpty, !again.isEmpty else { return emptyPassword() }
            return [.settings(.confirmEmailChange(link, password: password, again: again))]
        case .emailConfirmed, .emailApproved:
            return id == .close ? [.home(.login(.entry))] : settingsCommon(id)

        case .passwordChange(let m):
            guard id == .change else { return settingsCommon(id) }
            let current = form[field: .current], new = form[field: .new], again = form[field: .again]
            guard !current.isEmpty, !new.isEmpty, !again.isEmpty else { return emptyPassword() }
            return [.settings(.changePassword(personID: m.person.id, current: current, new: new, again: again))]

        case .twoStep(let m):
            guard id == .set else { return settingsCommon(id) }
            var next = Screen(route: .settings(.twoStepConfirm(m, enabled: (form.radios[.twoStep] ?? 0) == 0)))
            next.form.focus = .understood
            return [.open(next)]
        case .twoStepConfirm(let m, let enabled):
            guard id == .set else { return settingsCommon(id) }
            guard form.checks[.understood] == true else {
                screen.message = (Texts.tickUnderstoodFirst(language), .error)
                screen.form.focus = .understood
                return []
            }
            return [.settings(.setTwoStep(personID: m.person.id, enabled: enabled))]

        case .accessRoute(let m):
            guard id == .set else { return settingsCommon(id) }
            let route: Contract.AccessRoute = (form.radios[.route] ?? 0) == 0 ? .lineAndInternet : .lineOnly
            var next = Screen(route: .settings(.accessRouteConfirm(m, route)))
            next.form.focus = .change
            return [.open(next)]
        case .accessRouteConfirm(let m, let route):
            return id == .change ? [.settings(.setAccessRoute(personID: m.person.id, route))] : settingsCommon(id)

        case .directory(let m, _):
            guard id == .set else { return settingsCommon(id) }
            let url = form[field: .url], domain = form[field: .domain]
            guard !url.trimmingWhitespace().isEmpty, !domain.trimmingWhitespace().isEmpty
            else {
                screen.message = (Texts.enterBoth(language), .error)
                return []
            }
            return [.settings(.configureDirectory(personID: m.person.id, url: url, domain: domain, caFile: form[field: .caFile]))]

        case .planChange(let m):
            return id == .change ? [.settings(.convertTrial(personID: m.person.id))] : settingsCommon(id)

        case .emailChangeSent(let m, _), .passwordChanged(let m), .accessRouteDone(let m), .directoryDone(let m, _):
            return id == .menu ? [.settings(.openMenu(personID: m.person.id))] : settingsCommon(id)
        }
    }

    /// 認証・契約情報変更ログイン: the sign-in again before the menu (MC-1).
    mutating func activateSettingsLogin(_ id: ControlID) -> [Effect] {
        let form = screen.form
        switch id {
        case .login:
            return signIn(purpose: .settings)
        case .forgot:
            var next = Screen(route: .recovery(.forgot))
            next.form.fields[.email]?.set(form[field: .email])
            return [.open(next)]
        case .google, .facebook, .microsoft, .dAccount:
            signInPurpose = .settings
            let method: LoginMethod = switch id {
            case .google: .google
            case .facebook: .facebook
            case .microsoft: .microsoft
            default: .dAccount
            }
            return [.startFederation(method, .signIn)]
        case .activeDirectory:
            signInPurpose = .settings
            return startDirectory(.signIn)
        default:
            return settingsCommon(id)
        }
    }

    /// 戻る on a settings screen; anything else is no control of it.
    func settingsCommon(_ id: ControlID) -> [Effect] {
        id == .back ? [.back] : []
    }

    /// The menu's buttons: the items the table allows (CT-3), the plan (CT-2), トップ画面へ.
    mutating func activateMenu(_ m: SettingsMenu, _ id: ControlID) -> [Effect] {
        if id == .top {
            // Back to the メイン画面 when the menu was opened from it, else the login screen.
            return [.toMain]
        }
        if id == .toBasic, m.convertibleUntil != nil {
            var next = Screen(route: .settings(.planChange(m)))
            next.form.focus = .change
            return [.open(next)]
        }
        guard case .menuItem(let item) = id, m.items.contains(item) else { return [] }
        switch item {
        case .loginMethod: return [.push(.settings(.loginMethod(m)))]
        case .emailChange: return [.push(.settings(.emailChange(m)))]
        case .passwordChange: return [.push(.settings(.passwordChange(m)))]
        case .twoStepSetting:
            var next = Screen(route: .settings(.twoStep(m)))
            next.form.focus = m.contract.twoFactorEnabled ? .option(.twoStep, 0) : .option(.twoStep, 1)
            return [.open(next)]
        case .accessRoute:
            var next = Screen(route: .settings(.accessRoute(m)))
            next.form.focus = m.contract.accessRoute == .lineAndInternet ? .option(.route, 0) : .option(.route, 1)
            return [.open(next)]
        case .activeDirectory: return [.settings(.openDirectory(personID: m.person.id))]
        }
    }

    mutating func emptyPassword() -> [Effect] {
        screen.message = (Texts.emptyPasswords(language), .error)
        return []
    }

    // MARK: Engine work

    mutating func performSettings(_ effect: SettingsEffect, engine: Engine) throws(EngineError) -> [Effect] {
        switch effect {
        case .openMenu(let id):
            return showMenu(try engine.settingsMenu(for: id))
        case .changePassword(let id, let current, let new, let again):
            try engine.changePassword(by: id, current: current, new: new, confirmation: again, context: context)
            return replaceTop(.passwordChanged(try engine.settingsMenu(for: id)))
        case .requestEmailChange(let id, let new, let again):
            let address = try engine.requestEmailChange(by: id, newEmail: new, confirmation: again, context: context)
            return replaceTop(.emailChangeSent(try engine.settingsMenu(for: id), address: address))
        case .confirmEmailChange(let link, let password, let again):
            let person = try engine.confirmEmailChange(link, password: password, confirmation: again, context: context)
            return backToLogin(email: person.email, message: Texts.emailChangedSignIn(language))
        case .methodPassword(let id, let current, let password, let again):
            let person = try engine.changeLoginMethodToPassword(by: id, current: current, password: password,
                                                                confirmation: again, context: context)
            return backToLogin(email: person.email, message: Texts.methodChanged(language))
        case .setTwoStep(let id, let enabled):
            _ = try engine.setTwoStep(enabled: enabled, by: id, context: context)
            let state = (enabled ? Texts.enabled : Texts.disabled)(language)
            return showMenu(try engine.settingsMenu(for: id))
                + [.say(Texts.twoStepSetDone(language).replacingEvery("{s}", with: state), .success)]
        case .setAccessRoute(let id, let route):
            try engine.setAccessRoute(route, by: id, context: context)
            // The confirmation and the choice make way for the completion screen.
            return [.pop] + replaceTop(.accessRouteDone(try engine.settingsMenu(for: id)))
        case .openDirectory(let id):
            let menu = try engine.settingsMenu(for: id)
            return [.push(.settings(.directory(menu, try engine.directory(contractID: menu.contract.id))))]
        case .configureDirectory(let id, let url, let domain, let caFile):
            let pem: String?
            switch DirectoryCAFile(field: caFile) {
            case .none: pem = nil
            case .certificates(let certificates): pem = certificates
            case .unreadable:
                screen.message = (Texts.caFileUnreadable(language), .error)
                return []
            }
            let settings = try engine.configureDirectory(by: id, url: url, domain: domain, caCertificatePEM: pem,
                                                         context: context)
            return replaceTop(.directoryDone(try engine.settingsMenu(for: id), settings))
        case .convertTrial(let id):
            _ = try engine.convertTrialToBasic(by: id, context: context)
            return showMenu(try engine.settingsMenu(for: id)) + [.say(Texts.planChanged(language), .success)]
        }
    }

    /// Shows `menu` in place of the closest menu below (and every screen above it).
    func showMenu(_ menu: SettingsMenu) -> [Effect] {
        [.showMenu(Screen(route: .settings(.menu(menu))))]
    }

    /// The settings screen on top gives way to `route`.
    func replaceTop(_ route: SettingsRoute) -> [Effect] {
        [.replace(Screen(route: .settings(route)))]
    }

    /// The login screen with the address filled in and a message (MC-2, EM-4: sign in anew).
    func backToLogin(email: String, message: String) -> [Effect] {
        var login = Screen(route: .login(.entry))
        login.form.fields[.email]?.set(email)
        login.form.focus = .password
        login.message = (message, .success)
        return [.restart([login])]
    }

    /// A settings refusal on its screen, the fields it concerns cleared.
    mutating func showSettings(_ error: EngineError, for effect: SettingsEffect) -> [Effect] {
        switch error {
        case .locked(let reason):
            // A tenth wrong current password (LK-1): the session ends on the lock screen.
            return [.restart([Screen(route: .login(.entry)), Screen(route: .login(.locked(reason)))])]
        case .linkExpired, .linkUsed, .linkInvalid, .linkNotForThis:
            return show(error, for: .settings(effect))
        default:
            break
        }
        screen.message = (ErrorText.describe(error, language), .error)
        switch (effect, error) {
        case (.changePassword, .wrongCurrentPassword):
            screen.form.clear([.current, .new, .again])
            screen.form.focus = .current
        case (.changePassword, _):
            screen.form.clear([.new, .again])
            screen.form.focus = .new
        case (.methodPassword, .wrongCurrentPassword):
            screen.form.clear([.current, .password, .again])
            screen.form.focus = .current
        case (.methodPassword, _), (.confirmEmailChange, _):
            screen.form.clear([.password, .again])
            screen.form.focus = .password
        case (.requestEmailChange, _):
            screen.form.focus = error == .emailsDoNotMatch ? .again : .email
        default:
            break
        }
        return []
    }
}
