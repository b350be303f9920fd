import MonbanCore
import MonbanTUI

/// Activating a control (Enter on a button, a link or a row): the flow whose screen is
/// on top decides, in its folder under Flows/. The switch has no default branch: a new
/// screen that no flow answers for does not compile.
extension App {
    mutating func activate(_ id: ControlID) -> [Effect] {
        if case .login(.entry) = screen.route { signInPurpose = .service }
        switch screen.route {
        // Login
        case .login(let s): return activateLogin(s, id)
        // Recovery
        case .recovery(let s): return activateRecovery(s, id)
        // Two-step
        case .twoStep(let s): return activateTwoStep(s, id)
        // Federation
        case .federation(let s): return activateFederation(s, id)
        // Registration
        case .registration(let s): return activateRegistration(s, id)
        // Main
        case .main(let s): return activateMain(s, id)
        // Settings and the admin console
        case .settings(let route): return activateSettings(route, id)
        case .console(let route): return activateConsole(route, id)
        // Inbox
        case .inbox(let s): return activateInbox(s, id)
        }
    }

    /// What ログイン画面へ and 戻る do on the screens outside the menu and the console.
    func common(_ id: ControlID) -> [Effect] {
        switch id {
        case .login: [.home(.login(.entry))]
        case .back: [.back]
        default: []
        }
    }
}
