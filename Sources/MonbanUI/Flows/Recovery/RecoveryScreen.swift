import MonbanCore

/// A forgotten password and the e-mailed links' results (PW-1..PW-3, LK-2, LK-3),
/// answered in Flows/Recovery.
public enum RecoveryScreen: Equatable, Sendable {
    /// §6-2 パスワードを忘れた方 (PW-1).
    case forgot
    /// PW-1: the same answer whether or not the address exists.
    case forgotSent
    /// §6-2 リセットパスワード (PW-2), for the link's person.
    case reset(Link, email: String)
    /// PW-3 completed.
    case resetDone
    /// LK-2: the unlock link worked.
    case unlocked(email: String)
    /// A link that cannot be used: expired (LK-3 offers the reset), used, invalid, or not yet supported.
    case linkProblem(title: Text, message: Text, offerReset: Bool)
}
