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
            return backToLogin(email: person.email, message: Texts.methodChanged(language))
        case .registration, .unlock, .passwordReset, .emailChange, .emailChangeApproval:
            let login = person.loginMethod == .emailPassword ? Screen.login(email: person.email) : Screen(route: .login(.entry))
            return [.restart([login, Screen(route: .registration(.done))])]
        }
    }
}
