import FoundationEssentials

/// A contract's Active Directory設定 (LG-5).
public struct DirectorySettings: Sendable, Equatable {
    public var contractID: Int64
    public var connectionID: ConnectionID
    /// `ldap://host[:port]` or `ldaps://host[:port]`.
    public var url: String
    /// The domain of `[ADのユーザ名]@[ADのドメイン]`, lower case.
    public var domain: String
    /// The CA certificate(s) that sign the directory's TLS certificate, PEM.
    public var caCertificatePEM: String?
}

/// What the directory answered to a simple bind of `user@domain` (LG-5).
public enum DirectoryAnswer: Sendable, Equatable {
    case ok
    case wrongPassword
    case unknownUser
    /// Wrong password or unknown user, when the directory does not say which.
    case wrongCredentials
    case accountDisabled
    case accountLocked
    case passwordExpired
    /// The account, not its password, has expired (issue 20 item 17).
    case accountExpired
    case unreachable(String)
    case tlsFailure(String)
    case failed(String)
}

/// Checks a user's password against a directory: the LDAP bind, injected into
/// the engine (like the clock) so the engine has no network code of its own.
public protocol DirectoryVerifier: Sendable {
    func verify(_ settings: DirectorySettings, userPrincipalName: String, password: String) -> DirectoryAnswer
}

/// The verifier of an engine built without an LDAP client.
public struct NoDirectory: DirectoryVerifier {
    public init() {}
    public func verify(_ settings: DirectorySettings, userPrincipalName: String, password: String) -> DirectoryAnswer {
        .unreachable("no LDAP client in this build")
    }
}
