import MonbanCore
import MonbanTUI

/// 申込確認 and メールアドレス・パスワード認証の設定 from a link: what the client does with
/// the engine's answer (US-2, EM-5).
extension App {
    mutating func performRegister(_ link: Link, password: String, confirmation: String, engine: Engine) throws -> [Effect] {
        let person = try engine.completeRegistration(link, password: password, confirmation: confirmation, context: context)
        return registered(person, by: link)
    }

    /// After a registration: 申込完了, over the login screen, which carries the address
    /// (issue 20 item 15). After a change of login method: 「変更後、ログイン画面が表示されます。」
    /// (§2-2 ①; issue 20 item 18).
    func registered(_ person: Person, by link: Link) -> [Effect] {
        switch link.purpose {
        case .loginMethodChange:
            // 「変更したログイン方法でログインを実施してください。」: the focus on that way of signing in.
            var next = backToLogin(email: person.email, message: Texts.methodChanged(language))
            if case .restart(var screens) = next.first, var login = screens.first {
                login.form.focus = Self.signInControl(person.loginMethod)
                screens[0] = login
                next = [.restart(screens)]
            }
            return next
        case .registration, .unlock, .passwordReset, .emailChange, .emailChangeApproval:
            let login = person.loginMethod == .emailPassword ? Screen.login(email: person.email) : Screen(route: .login(.entry))
            return [.restart([login, Screen(route: .registration(.done))])]
        }
    }

    /// The login screen's control that signs in with `method`.
    static func signInControl(_ method: LoginMethod) -> ControlID {
        switch method {
        case .emailPassword: .password
        case .google: .google
        case .facebook: .facebook
        case .microsoft: .microsoft
        case .dAccount: .dAccount
        case .activeDirectory: .activeDirectory
        }
    }
}
