import FoundationEssentials

/// Why an account is locked (LK-1, TF-2, TF-3, issue 20 item 20). Read from the person's row:
/// a lock by codes leaves the count of consecutive wrong second-step codes at the
/// threshold (a right password before them set the wrong-password count to 0); any other
/// lock is one of wrong passwords. Unlocking sets both counts to 0.
public enum LockReason: Sendable, Equatable {
    /// Ten consecutive wrong passwords (or Active Directory refusals) (LK-1).
    case wrongPasswords
    /// Ten consecutive wrong second-step codes after a right password (TF-2, TF-3).
    case wrongCodes
}

/// Someone who belongs to a contract and signs in (CT-1, LG-1).
public struct Person: Sendable, Equatable {
    public var id: Int64
    public var contractID: Int64
    public var email: String
    public var name: String
    public var role: Role
    public var loginMethod: LoginMethod
    public var failedAttempts: Int
    public var lockedAt: Date?
    /// Whether the person has finished 利用者ログイン登録 (or was created with a password).
    public var registered: Bool
    /// Bumped each time two-step registration is reset (TF-8): a registration made
    /// under an older generation is void.
    public var twoFactorGeneration: Int
    public var createdAt: Date
    public var lastSignInAt: Date?

    /// Why the account is locked, nil when it is not (LK-1, issue 20 item 20).
    public var lockReason: LockReason?

    public var isLocked: Bool { lockedAt != nil }

    /// The refusal of a locked person, saying why (issue 20 item 20).
    var lockError: EngineError { .locked(lockReason ?? .wrongPasswords) }

    /// The name for "○○ 様": the registered name, else the e-mail address.
    public var salutationName: String { name.isEmpty ? email : name }
}
