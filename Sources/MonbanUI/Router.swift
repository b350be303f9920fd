import MonbanCore
import MonbanTUI

/// Activating a control (Enter on a button, a link or a row): the flow whose screen is
/// on top decides, in its folder under Flows/. The switch has no default branch: a new
/// screen that no flow answers for does not compile.
extension App {
    mutating func activate(_ id: ControlID) -> [Effect] {
        if case .login = screen.route { signInPurpose = .service }
        switch screen.route {
        // Login
        case .login: return activateLogin(id)
        case .locked: return activateLocked(id)
        // Recovery
        case .forgot: return activateForgot(id)
        case .forgotSent, .resetDone, .unlocked: return common(id)
        case .reset(let link, _): return activateReset(link, id)
        case .linkProblem: return activateLinkProblem(id)
        // Two-step
        case .twoStep(let s): return activateTwoStep(s, id)
        // Federation
        case .federation(let s): return activateFederation(s, id)
        // Registration
        case .registration(let s): return activateRegistration(s, id)
        // Main
        case .main(let s): return activateMain(s, id)
        case .lineAuthError: return common(id)
        case .lineNotice(let s, let line): return activateLineNotice(s, line, id)
        // Settings and the admin console
        case .settings(let route): return activateSettings(route, id)
        case .console(let route): return activateConsole(route, id)
        // Inbox
        case .inbox(let messages): return activateInbox(messages, id)
        case .message(let m): return activateMessage(m, id)
        }
    }

    /// What ログイン画面へ and 戻る do on the screens outside the menu and the console.
    func common(_ id: ControlID) -> [Effect] {
        switch id {
        case .login: [.home(.login)]
        case .back: [.back]
        default: []
        }
    }
}
