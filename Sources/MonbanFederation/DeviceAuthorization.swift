import Foundation

/// What to show the person after `DeviceFlow.start`: the URL to visit, the
/// code to type there, and (when the provider offers one) the complete URL for a QR code.
///
/// The device code itself is not here: it stays inside `DeviceFlow`.
public struct DeviceAuthorization: Sendable, Equatable {
    public var userCode: String
    public var verificationURI: String
    public var verificationURIComplete: String?
    /// When the device code (and so the user code) stops being valid.
    public var expiresAt: Date
    /// The polling interval the provider asked for at the start (5 s when it named none).
    /// The current one, after any `slow_down`, is `DeviceFlow.interval`.
    public var interval: TimeInterval

    public init(
        userCode: String, verificationURI: String, verificationURIComplete: String?,
        expiresAt: Date, interval: TimeInterval
    ) {
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresAt = expiresAt
        self.interval = interval
    }
}

/// The outcome of one `DeviceFlow.poll`.
public enum PollResult: Sendable, Equatable {
    /// Not yet approved: call `poll` again at (or after) `nextPollAt`.
    case pending(nextPollAt: Date)
    /// Approved, and the ID token passed every check.
    case signedIn(VerifiedIdentity)
}

/// Who the provider says signed in, from a verified ID token.
/// Match on (`issuer`, `subject`): `email` can change and be reused.
public struct VerifiedIdentity: Sendable, Equatable {
    public var issuer: String
    public var subject: String
    public var email: String?
    public var emailVerified: Bool?
    public var name: String?

    public init(issuer: String, subject: String, email: String?, emailVerified: Bool?, name: String?) {
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.name = name
    }
}
