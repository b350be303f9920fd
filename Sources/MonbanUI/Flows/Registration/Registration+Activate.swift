import MonbanCore
import MonbanTUI

/// 利用者ログイン登録, 申込確認 and the login-method change link's screens: what their
/// controls do (US-2, EM-5, PP-1).
extension App {
    /// One case per screen of the flow, no default.
    mutating func activateRegistration(_ s: RegistrationScreen, _ id: ControlID) -> [Effect] {
        switch s {
        case .entry(let r): activateRegistrationEntry(r, id)
        case .confirm(let r, let method): activateRegistrationConfirm(r, method, id)
        // ログイン画面へ: the login screen below, which carries the address (issue 20 item 15).
        case .done: id == .login ? [.back] : common(id)
        case .methodChoice(let r): activateMethodChoice(r, id)
        case .methodPassword(let r): activateMethodPassword(r, id)
        }
    }

    mutating func activateRegistrationEntry(_ r: RegistrationLink, _ id: ControlID) -> [Effect] {
        switch id {
        case .register:
            guard checkNewPassword(email: r.info.email) else { return [] }
            return [.push(.registration(.confirm(r, .emailPassword)))]
        case .registerWith(let method):
            // A service this terminal has no provider for is said here, before 申込確認.
            if method != .activeDirectory, providers[method] == nil {
                screen.message = (Texts.notConfigured(language), .error)
                return []
            }
            // 申込確認 first, as for a password (§1-5 (3); issue 20 item 19).
            return [.push(.registration(.confirm(r, method)))]
        default: return common(id)
        }
    }

    mutating func activateRegistrationConfirm(_ r: RegistrationLink, _ method: LoginMethod, _ id: ControlID) -> [Effect] {
        guard id == .confirm else { return common(id) }
        switch method {
        case .emailPassword:
            guard let entry = screenBelow?.form else { return [] }
            return [.register(r.link, password: entry[field: .password], confirmation: entry[field: .again])]
        case .activeDirectory:
            return startRegistrationDirectory(r)
        case .google, .facebook, .microsoft, .dAccount:
            return [.startFederation(method, .register(r.link))]
        }
    }

    /// ログイン方法の設定: a password opens its screen; a service or the AD starts at once.
    mutating func activateMethodChoice(_ r: RegistrationLink, _ id: ControlID) -> [Effect] {
        switch id {
        case .method(.emailPassword): [.push(.registration(.methodPassword(r)))]
        case .method(.activeDirectory): startRegistrationDirectory(r)
        case .method(let method): [.startFederation(method, .register(r.link))]
        default: common(id)
        }
    }

    mutating func activateMethodPassword(_ r: RegistrationLink, _ id: ControlID) -> [Effect] {
        guard id == .register else { return common(id) }
        guard checkNewPassword(email: r.info.email) else { return [] }
        return [.register(r.link, password: screen.form[field: .password], confirmation: screen.form[field: .again])]
    }

    /// The Active Directory from a link: 接続ID確認 with the contract's connection ID, which the
    /// link's person is to check against the one the contractor told them (§1-5 (4)②,
    /// §2-2 ③; issue 20 item 22). 接続ID入力 is for a person without a link.
    mutating func startRegistrationDirectory(_ r: RegistrationLink) -> [Effect] {
        guard let cid = r.directory else {
            screen.message = (Texts.notPermitted(language), .error)
            return []
        }
        return [.push(.federation(.connectionIDConfirm(cid, .register(r.link))))]
    }

    /// The new password twice, checked here against the policy and each other before anything
    /// is sent (PP-1); the engine checks again. False, with the reason shown, when refused.
    mutating func checkNewPassword(email: String) -> Bool {
        let form = screen.form
        if form[field: .password].isEmpty || form[field: .again].isEmpty {
            screen.message = (Texts.emptyPasswords(language), .error)
            screen.form.focus = form[field: .password].isEmpty ? .password : .again
            return false
        }
        let password = form[field: .password]
        var refusal: EngineError?
        do { try PasswordPolicy.check(password, email: email) } catch { refusal = error }
        if refusal == nil, password != form[field: .again] { refusal = .passwordsDoNotMatch }
        guard let refusal else { return true }
        screen.message = (ErrorText.describe(refusal, language), .error)
        screen.form.clear([.password, .again])
        screen.form.focus = .password
        return false
    }
}
