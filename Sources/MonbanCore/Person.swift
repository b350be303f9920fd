import FoundationEssentials

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

    public var isLocked: Bool { lockedAt != nil }

    /// The name for "○○ 様": the registered name, else the e-mail address.
    public var salutationName: String { name.isEmpty ? email : name }
}
