import MonbanCore
import MonbanTUI

/// §6-2 パスワードを忘れた方, リセットパスワード and a link that cannot be used: what
/// their controls do (PW-1..PW-3, LK-3).
extension App {
    mutating func activateRecovery(_ s: RecoveryScreen, _ id: ControlID) -> [Effect] {
        switch s {
        case .forgot: return activateForgot(id)
        case .forgotSent, .resetDone: return common(id)
        case .unlocked(let email):
            // ログイン画面へ carries the unlocked address (issue 20 item 15).
            return id == .login ? [.home(.login(.entry)), .replace(Screen.login(email: email))] : common(id)
        case .reset(let link, _): return activateReset(link, id)
        case .linkProblem: return activateLinkProblem(id)
        }
    }

    mutating func activateForgot(_ id: ControlID) -> [Effect] {
        guard id == .send else { return common(id) }
        let email = screen.form[field: .email]
        guard (try? EmailAddress(email)) != nil else {
            screen.message = (Texts.invalidEmail(language), .error)
            return []
        }
        return [.requestReset(email: email)]
    }

    mutating func activateReset(_ link: Link, _ id: ControlID) -> [Effect] {
        guard id == .send else { return common(id) }
        let new = screen.form[field: .new], again = screen.form[field: .again]
        return [.resetPassword(link, password: new, confirmation: again)]
    }

    mutating func activateLinkProblem(_ id: ControlID) -> [Effect] {
        if id == .forgot { return openForgot() }
        return common(id)
    }
}
