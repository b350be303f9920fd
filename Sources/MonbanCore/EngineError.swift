import MonbanStore

/// Every way an engine operation can be refused. The UI edge maps each case to
/// the manual's wording; none of them carries a secret.
public enum EngineError: Error, Equatable, Sendable {
    // Sign-in (LG-2, LK-1, CT-2)
    /// Wrong e-mail or wrong password: deliberately one case (LG-2).
    case wrongCredentials
    /// The account is locked (LK-1): after ten wrong passwords, or ten wrong second-step
    /// codes (TF-2, TF-3); the screen says which (issue 20 item 20).
    case locked(LockReason)
    /// The contract's free trial has ended and it was cancelled (CT-2).
    case contractCancelled

    // Input
    case invalidEmail
    case invalidName
    case emailInUse
    case passwordRejected([PasswordPolicy.Violation])
    case passwordsDoNotMatch
    case unknownPlan(String)

    // Links (TK-1, LK-3)
    case linkInvalid
    case linkExpired(TicketPurpose)
    case linkUsed
    case linkNotForThis

    // The 管理コンソール (issue 19 finding 7)
    /// The actor's password is older than `ConsolePolicy.stepUpWindow`: give it again
    /// before acting on another account (ASVS 7.5.3).
    case reauthenticationRequired

    // Two-step verification (TF-1..TF-6)
    /// The pending sign-in is unknown, expired, used, or had too many wrong codes: sign in again.
    case secondStepExpired
    /// A wrong or already used code; `triesLeft` before the pending sign-in (or SMS code) dies.
    case wrongCode(triesLeft: Int)
    /// The SMS code was not sent, has expired, or had five wrong tries: send a new one.
    case smsCodeExpired
    /// A new SMS code cannot be sent for this many more seconds (TF-2).
    case resendTooSoon(seconds: Int)
    case invalidPhoneNumber
    /// A number outside Japan, where the operator has not turned international SMS on
    /// (`[service] international_sms`, RL-1, issue 19 finding 13).
    case internationalSMSOff
    /// A send cap of the last hour is reached (RL-1, issue 19 finding 13): nothing was sent.
    case rateLimited(RateCap)
    /// Not a recovery code at all (wrong length or characters).
    case malformedRecoveryCode
    /// Not a code at all (not six digits): refused before it is checked, so it costs no try.
    case malformedCode
    /// The TOTP secret could not be sealed or opened (key file missing, damaged, …).
    case secretKey(SecretBoxError)

    // Federated and Active Directory sign-in (LG-4, LG-5, US-2, MC-2)
    /// No person of the service is bound to this account of this service.
    case identityNotRegistered(LoginMethod)
    /// The account is already bound to another person.
    case identityInUse
    /// A Facebook login cannot be switched directly to another Facebook account (MC-2).
    case facebookToFacebook
    /// The contract has no Active Directory設定, or the connection ID is unknown.
    case unknownConnectionID
    case invalidDirectorySettings(String)
    /// `user@domain` whose domain is not the contract's AD domain (`expected`), or not of that
    /// form; the refusal names the domain (issue 20 item 17).
    case wrongDirectoryDomain(expected: String)
    /// The directory refused the bind (or could not be reached).
    case directoryRefused(DirectoryAnswer)

    // Plans and permissions (CT-2, CT-3)
    case trialConversionWindowClosed
    case notATrial
    case notPermitted

    // 認証・契約情報変更メニュー (MC-1, MC-2, EM-1..EM-4, PC-1, LA-1)
    /// The new address and its confirmation differ (EM-1).
    case emailsDoNotMatch
    /// The new address is the one already registered (EM-1).
    case emailUnchanged
    /// パスワード変更: the current password is wrong (counts toward LK-1).
    case wrongCurrentPassword
    /// パスワード変更: the new password is the current one.
    case passwordUnchanged
    /// An e-mail change of a password user needs the new password twice (EM-4).
    case passwordRequired
    /// 回線認証のみ (LA-1): sign-in to the service from a terminal that is not on a
    /// registered line is refused; the settings entrance stays open (MC-1).
    case lineOnlyRoute

    // 管理コンソール (US-1, LA-2, LG-6)
    /// 保存 refused: this many lines of the line-number editor are bad (LA-2).
    case invalidLines(count: Int)
    /// 回線認証エラー (LG-6): the contract's line authentication is not set up, or
    /// this terminal's line is not registered. One case: the screen names both.
    case lineAuthenticationFailed

    // Environment
    case cryptoUnavailable
    case store(StoreError)
}
