import MonbanCore
import MonbanTUI

/// Kiosk mode (UI-6): the client on a shared terminal. F10 and the quit effect
/// do nothing there (App.handle, App.apply); the terminal ignores Ctrl-C, Ctrl-Z
/// and Ctrl-\ (TerminalOptions.ignoreInterrupts); after an idle timeout the
/// runtime calls `resetForNextVisitor`.
extension App {
    /// A fresh login screen, as if the client had just started: every screen of
    /// the last visitor (typed fields, a pending sign-in or second step, a
    /// device flow waiting for its provider, an open message) is dropped, and
    /// nothing waits to be done. A kiosk on a demo database also gets the database back as
    /// it started (issue 20 item 4): no visitor sees or inherits the last one's changes,
    /// messages or codes.
    public mutating func resetForNextVisitor() {
        // Whoever was signed in is signed out: audited as idle unless the caller said why.
        if signOutReason == nil { signOutReason = .idle }
        navigate(.home(.login(.entry)))
        signOutReason = nil
        recordEndedSignIns()
        if kiosk, let state = demoFirstState, let engine = engines.ifOpen {
            // Best effort: a database another process holds past the busy timeout is put back
            // at the next idle timeout. After the sign-out's entry, which goes with the rest.
            _ = try? engine.restoreDemoState(state)
        }
        pending = []
        busy = false
        signInPurpose = .service
        inputNotice = false
        signedInAt = nil
        authenticatedAt = nil
        signedInPersonID = nil
        settleFocus()
    }

    /// After `[client] idle_sign_out` seconds without a key (ASVS 7.3.1): whoever was
    /// signed in is signed out, and whatever was typed is dropped, with a word why.
    public mutating func signOutAfterIdle() {
        guard !isCleanLoginScreen else { return }
        let wasClean = history.count == 1 && screen.route == .login(.entry) && screen.form == Screen(route: .login(.entry)).form
        resetForNextVisitor()
        if !wasClean { screen.message = (Texts.signedOutIdle(language), .note) }
    }

    /// Whether the screen is the untouched login screen (nothing typed, no message).
    public var isCleanLoginScreen: Bool {
        var fresh = Screen(route: .login(.entry))
        fresh.form.settle(fresh.items(language, now: now).flatMap(\.focusIDs))
        return history.count == 1 && screen == fresh
    }
}
