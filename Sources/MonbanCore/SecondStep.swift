import FoundationEssentials

/// How a person proves the second step (TF-1): a code sent by SMS, or a code
/// from an authenticator app.
public enum TwoStepMethod: String, Sendable, Equatable, Codable {
    case sms
    case authenticator
}

/// What a correct password leads to (LG-3).
public enum SignInResult: Sendable, Equatable {
    /// Signed in: no second step was asked.
    case signedIn(SignedIn)
    /// A second step is asked before the person is signed in.
    case secondStep(SecondStep)

    /// The sign-in, when no second step was asked.
    public var signedIn: SignedIn? {
        if case .signedIn(let s) = self { return s }
        return nil
    }
}

/// A sign-in waiting for its second step (LG-3, TF-1..TF-6). The `token` is
/// the client's proof that the password was right: 256 random bits, held only
/// in the client's memory; the engine keeps its SHA-256. It expires after
/// `SecondStep.lifetime`, after too many wrong codes, and once used.
public struct SecondStep: Sendable, Equatable {
    public static let lifetime: TimeInterval = 15 * 60
    /// Wrong authenticator or recovery codes one pending sign-in allows.
    public static let maximumFailures = 5

    public enum Stage: Sendable, Equatable {
        /// Not enrolled: choose SMS (offered first) or the authenticator (TF-1).
        case enroll
        /// Enrolled with SMS to this (masked) number.
        case sms(maskedPhone: String)
        /// Enrolled with an authenticator app.
        case authenticator
    }

    let token: String
    public let email: String
    public let stage: Stage
    public let expiresAt: Date
    /// Not enrolled because the registration was reset (TF-8: a password reset or the
    /// 管理コンソール), not because the person never enrolled: the screen says so (issue 20
    /// item 20).
    public var registrationReset = false

    public static func == (a: SecondStep, b: SecondStep) -> Bool {
        a.token == b.token && a.stage == b.stage
    }
}

/// Where an SMS code stands (TF-2), for the screen.
public struct SMSStatus: Sendable, Equatable {
    public var maskedPhone: String
    public var sentAt: Date
    public var expiresAt: Date
    public var resendAt: Date
    public var triesLeft: Int
}

/// What an authenticator app needs (TF-3): the `otpauth://` URI for the QR
/// code and the base32 secret for typing by hand. Shown, never logged.
public struct AuthenticatorSetup: Sendable, Equatable {
    public var uri: String
    public var secret: String
}

/// A completed second step.
public struct SecondStepResult: Sendable, Equatable {
    public var signedIn: SignedIn
    /// A new recovery code to show once (TF-5, TF-6); nil for a plain code sign-in.
    public var recoveryCode: RecoveryCode?
    /// Whether this terminal is now remembered for the person (TF-4).
    public var remembered: Bool
}
