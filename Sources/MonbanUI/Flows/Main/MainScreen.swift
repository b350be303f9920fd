import MonbanCore

/// What a completed sign-in shows, and the line's screens (LG-6..LG-8), answered in Flows/Main.
public enum MainScreen: Equatable, Sendable {
    /// LG-8 メイン画面.
    case top(SignedIn)
    /// §1-4 回線認証エラー (LG-6), naming both causes; the terminal's line.
    case lineAuthError(line: String?)
    /// §1-4 回線情報通知設定 (LG-7): the first sign-in from a West-Japan line.
    case lineNotice(SignedIn, LineNumber)
    /// Esc on the メイン画面 asks before signing out (issue 20 item 8).
    case confirmSignOut(SignedIn)
}
