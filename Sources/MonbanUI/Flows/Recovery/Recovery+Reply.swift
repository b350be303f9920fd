import MonbanCore
import MonbanTUI

/// パスワードを忘れた方 and リセットパスワード: what the client does with the engine's answers (PW-1..PW-3).
extension App {
    /// PW-1: the same answer whether or not the address is registered.
    mutating func performRequestReset(email: String, engine: Engine) throws -> [Effect] {
        try engine.requestPasswordReset(email: email, context: context)
        return [.replace(Screen(route: .recovery(.forgotSent)))]
    }

    mutating func performResetPassword(_ link: Link, password: String, confirmation: String, engine: Engine) throws -> [Effect] {
        try engine.resetPassword(link, newPassword: password, confirmation: confirmation, context: context)
        return [.restart([Screen(route: .login(.entry)), Screen(route: .recovery(.resetDone))])]
    }
}
