import MonbanCore

/// The sign-in's own screens (LG-1..LG-5, LK-1), answered in Flows/Login.
public enum LoginScreen: Equatable, Sendable {
    /// §1-1 ログイン.
    case entry
    /// §6-1 アカウントロック (LK-1), saying why (issue 20 item 20).
    case locked(LockReason)
}
