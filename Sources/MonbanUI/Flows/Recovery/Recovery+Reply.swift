import MonbanCore
import MonbanTUI

/// パスワードを忘れた方 and リセットパスワード: what the client does with the engine's answers (PW-1..PW-3).
extension App {
    /// PW-1: the same answer whether or not the address is registered. Sent from the
    /// パスワードを忘れた方 screen, the notice takes its place; sent at once from the login
    /// screen (issue 20 item 23), it opens on top of it, so 戻る returns there.
    mutating func performRequestReset(email: String, engine: Engine) throws -> [Effect] {
        try engine.requestPasswordReset(email: email, context: context)
        let sent = Screen(route: .recovery(.forgotSent))
        if case .recovery(.forgot) = screen.route { return [.replace(sent)] }
        return [.open(sent)]
    }

    mutating func performResetPassword(_ link: Link, password: String, confirmation: String, engine: Engine) throws -> [Effect] {
        try engine.resetPassword(link, newPassword: password, confirmation: confirmation, context: context)
        return [.restart([Screen(route: .login(.entry)), Screen(route: .recovery(.resetDone))])]
    }
}
