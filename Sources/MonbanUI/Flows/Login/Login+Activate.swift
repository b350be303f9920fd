import MonbanCore
import MonbanTUI

/// §1-1 ログイン and §6-1 アカウントロック: what their controls do (LG-1..LG-5, LK-1, MC-1).
extension App {
    mutating func activateLogin(_ s: LoginScreen, _ id: ControlID) -> [Effect] {
        switch s {
        case .entry: return activateEntry(id)
        case .locked: return activateLocked(id)
        }
    }

    /// ログイン on the login screen and on 認証・契約情報変更ログイン: both fields are needed
    /// before anything is asked of the engine; `purpose` says where the sign-in leads (MC-1).
    mutating func signIn(purpose: SignInPurpose) -> [Effect] {
        let email = screen.form[field: .email], password = screen.form[field: .password]
        if email.isEmpty || password.isEmpty {
            screen.message = (Texts.emptyCredentials(language), .error)
            return []
        }
        signInPurpose = purpose
        return [.signIn(email: email, password: password)]
    }

    mutating func activateEntry(_ id: ControlID) -> [Effect] {
        let form = screen.form
        switch id {
        case .login:
            return signIn(purpose: .service)
        case .forgot:
            return openForgot()
        case .change:
            // MC-1: 認証・契約情報変更ログイン, the address carried over.
            var next = Screen(route: .settings(.login))
            next.form.fields[.email]?.set(form[field: .email])
            // With the address there, the password is what is left to type (issue 20 item 15).
            if !form[field: .email].isEmpty { next.form.focus = .password }
            return [.open(next)]
        case .google: return [.startFederation(.google, .signIn)]
        case .facebook: return [.startFederation(.facebook, .signIn)]
        case .microsoft: return [.startFederation(.microsoft, .signIn)]
        case .dAccount: return [.startFederation(.dAccount, .signIn)]
        case .activeDirectory: return startDirectory(.signIn)
        default: return common(id)
        }
    }

    mutating func activateLocked(_ id: ControlID) -> [Effect] {
        if id == .forgot { return openForgot() }
        return common(id)
    }

    /// パスワードを忘れた方はこちら (PW-1, §6-2 (1)(2), issue 20 item 23): with an address typed
    /// on the login screen, the パスワードリセット通知 mail goes to it at once and its screen
    /// follows, as the manual does; the screen asking for the address only when none is typed
    /// (or what is typed is not an address), the text carried over.
    mutating func openForgot() -> [Effect] {
        let email = firstScreen.form[field: .email]
        if (try? EmailAddress(email)) != nil { return [.requestReset(email: email)] }
        var next = Screen(route: .recovery(.forgot))
        next.form.fields[.email]?.set(email)
        return [.open(next)]
    }
}
