import MonbanCore
import MonbanTUI

/// 利用者ログイン登録 and 申込確認: what their controls do (US-2, PP-1).
extension App {
    /// One case per screen of the flow, no default.
    mutating func activateRegistration(_ s: RegistrationScreen, _ id: ControlID) -> [Effect] {
        switch s {
        case .entry(let link, let info, _): activateRegistrationEntry(link, info, id)
        case .confirm(let link, _): activateRegistrationConfirm(link, id)
        // ログイン画面へ: the login screen below, which carries the address (issue 20 item 15).
        case .done: id == .login ? [.back] : common(id)
        }
    }

    mutating func activateRegistrationEntry(_ link: Link, _ info: LinkInfo, _ id: ControlID) -> [Effect] {
        let form = screen.form
        switch id {
        case .register:
            if form[field: .password].isEmpty || form[field: .again].isEmpty {
                screen.message = (Texts.emptyCredentials(language), .error)
                return []
            }
            // The policy and the match are checked here, before 申込確認 (PP-1); the engine checks again.
            let password = form[field: .password]
            var refusal: EngineError?
            do { try PasswordPolicy.check(password, email: info.email) } catch { refusal = error }
            if refusal == nil, password != form[field: .again] { refusal = .passwordsDoNotMatch }
            if let refusal {
                screen.message = (ErrorText.describe(refusal, language), .error)
                screen.form.clear([.password, .again])
                screen.form.focus = .password
                return []
            }
            return [.open(Screen(route: .registration(.confirm(link, info))))]
        case .registerWith(.activeDirectory):
            return startDirectory(.register(link))
        case .registerWith(let method):
            return [.startFederation(method, .register(link))]
        default: return common(id)
        }
    }

    mutating func activateRegistrationConfirm(_ link: Link, _ id: ControlID) -> [Effect] {
        guard id == .confirm else { return common(id) }
        guard let entry = screenBelow?.form else { return [] }
        return [.register(link, password: entry[field: .password], confirmation: entry[field: .again])]
    }
}
