import MonbanCore
import MonbanTUI

/// Navigation as a value (issue 18): flows return it, from a control's activation and
/// from the engine's reply, and this is the one place that changes the history.
extension App {
    /// Does `effect` when it is navigation and says so; engine work returns false, to
    /// wait for the runner. No default branch: a new effect must say which it is.
    @discardableResult
    mutating func navigate(_ effect: Effect) -> Bool {
        switch effect {
        case .push(let route):
            history.append(Screen(route: route))
        case .open(let next):
            history.append(next)
        case .replace(let next):
            history[history.count - 1] = next
        case .pop:
            if history.count > 1 { history.removeLast() }
        case .signOut:
            history = [Screen(route: .login(.entry))]
            endSignIn(.chosen)
        case .home(let route):
            history = [Screen(route: route)]
            if case .login(.entry) = route { endSignIn(.signInAgain) }
        case .restart(let screens):
            guard !screens.isEmpty else { return true }
            history = screens
            // Back at the login screen: nobody's messages any more (issue 19 finding 1).
            if case .login(.entry) = screens[0].route { endSignIn(.signInAgain) }
        case .back:
            if history.count > 1 { history.removeLast() } else if case .login(.entry) = screen.route {} else {
                history = [Screen(route: .login(.entry))]
                // Back to the login screen from the last screen of a sign-in ends it too.
                endSignIn(.chosen)
            }
            reloadUsers()
        case .toMain:
            guard let i = history.lastIndex(where: { if case .main(.top) = $0.route { true } else { false } }) else {
                return navigate(.home(.login(.entry)))
            }
            history.removeSubrange((i + 1)...)
        case .showMenu(let menu):
            if let i = history.lastIndex(where: { if case .settings(.menu) = $0.route { true } else { false } }) {
                history.removeSubrange(i...)
            }
            history.append(menu)
        case .menuAfterSignIn(let personID, let menu):
            if let i = history.firstIndex(where: { if case .main(.top(let m)) = $0.route { m.person.id == personID } else { false } }) {
                history = Array(history[...i]) + [menu]
            } else {
                history = [Screen(route: .login(.entry)), menu]
            }
        case .leaveFederation:
            while history.count > 1, case .federation = screen.route { history.removeLast() }
        case .update(let route):
            screen.route = route
        case .say(let text, let style):
            screen.message = (text, style)
        case .quit:
            break
        case .signIn, .requestReset, .resetPassword, .sendSMS, .setUpAuthenticator, .verifyCode, .recover,
             .startFederation, .checkConnectionID, .directorySignIn, .register, .arrive, .settings, .console,
             .setLineNotice, .openLink, .openInbox, .quietly:
            return false
        }
        return true
    }

    /// Nobody is signed in any more: the sign-in's times and person are dropped, and the
    /// sign-out waits in `endedSignIns` to be audited (`recordEndedSignIns`; issue 20 item 8).
    mutating func endSignIn(_ reason: SignOutReason) {
        if let person = signedInPersonID { endedSignIns.append((person, signOutReason ?? reason)) }
        signedInAt = nil
        authenticatedAt = nil
        signedInPersonID = nil
    }

    /// Audits the sign-ins that ended, at once (the screen does not wait for it).
    mutating func recordEndedSignIns() {
        let ended = endedSignIns
        endedSignIns = []
        for (person, reason) in ended { _ = performQuietly(.recordSignOut(personID: person, reason)) }
    }
}
