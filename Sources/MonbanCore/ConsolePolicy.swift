import FoundationEssentials

/// Who may act on whom in the 管理コンソール, and when the console asks for the
/// password again (issue 19 finding 7; ASVS 7.5.1, 7.5.3).
public enum ConsolePolicy {
    /// How long after the actor last gave their password (at sign-in, or again at the
    /// console's prompt) the console acts on another account without asking again.
    public static let stepUpWindow: TimeInterval = 5 * 60

    /// Whether a password given at `authenticatedAt` still covers an action at `now`.
    /// A time in the future (a clock set back) does not.
    public static func isFresh(_ authenticatedAt: Date, now: Date) -> Bool {
        let age = now.timeIntervalSince(authenticatedAt)
        return age >= 0 && age <= stepUpWindow
    }

    /// Whether `actor` may act on `target`'s account from the console: the contractor
    /// on anyone else; an administrator only on users — never on another administrator,
    /// nor on the contractor (US-1, TM-1: administrators within their role).
    public static func mayAct(_ actor: Role, on target: Role) -> Bool {
        switch actor {
        case .contractor: target != .contractor
        case .administrator: target == .user
        case .user: false
        }
    }

    /// Whether a console e-mail change must first be approved from the person's current
    /// address: when an administrator changes the address of someone who has registered.
    /// The contractor's change is the contract owner's, and someone never registered has
    /// no account yet to take (an invitation to a typo address is corrected at once);
    /// in both cases the old address is still told when the change is done.
    public static func needsApproval(actor: Role, targetRegistered: Bool) -> Bool {
        actor != .contractor && targetRegistered
    }
}
