import MonbanCore
import MonbanTUI

/// The two-step verification's screens (manual §1-1 (1)(2), §5; TF-1..TF-6), each with
/// the pending sign-in or the person it is for.
public enum TwoStepScreen: Equatable, Sendable {
    /// TF-1, TF-2 ①: enrollment starts with SMS: the phone number.
    case smsPhone(SecondStep)
    /// TF-2 ②: the code sent by SMS (enrolling, or enrolled with SMS).
    case smsCode(SecondStep, SMSStatus)
    /// TF-3: the QR code and the authenticator's first code.
    case authenticatorEnroll(SecondStep, AuthenticatorSetup)
    /// TF-3: enrolled with an authenticator: its code.
    case authenticatorCode(SecondStep)
    /// TF-6: "デバイスを紛失した場合はこちら": the recovery code.
    case recoveryEntry(SecondStep)
    /// TF-5: the new recovery code, shown once, with the tick box.
    case recoveryCode(RecoveryCode, SignedIn)
    /// TF-5: 2段階認証完了.
    case done(SignedIn)
}
