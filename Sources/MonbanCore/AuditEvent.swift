/// The security events recorded in the audit log (AU-1). Never carries a secret.
public enum AuditEvent: String, Sendable, CaseIterable, Codable {
    case contractCreated = "contract.created"
    case contractConverted = "contract.converted"
    case personCreated = "person.created"
    case signInSucceeded = "sign_in.succeeded"
    case signInFailed = "sign_in.failed"
    case accountLocked = "account.locked"
    case accountUnlocked = "account.unlocked"
    case passwordResetRequested = "password_reset.requested"
    case passwordChanged = "password.changed"
    case twoFactorReset = "two_factor.reset"
    case linkIssued = "link.issued"
    case linkUsed = "link.used"
    case linkRefused = "link.refused"
    case registrationCompleted = "registration.completed"
    case messageQueued = "message.queued"
    /// A send refused by a cap of RL-1 (issue 19 finding 13); the detail names the cap.
    case rateLimited = "message.rate_limited"
    /// Delivery (issue 8): accepted by the mail server or SMS gateway; an attempt
    /// failed and will be retried; given up for good.
    case messageSent = "message.sent"
    case messageDeferred = "message.deferred"
    case messageFailed = "message.failed"
    /// `monban outbox --reveal`: an operator read the sealed links and codes (issue 19 finding 4).
    case outboxRevealed = "outbox.revealed"
    case twoFactorAsked = "two_factor.asked"
    case twoFactorEnrolled = "two_factor.enrolled"
    case twoFactorSucceeded = "two_factor.succeeded"
    case twoFactorFailed = "two_factor.failed"
    case recoveryCodeUsed = "two_factor.recovery_used"
    case terminalRemembered = "two_factor.terminal_remembered"
    case twoFactorSettingChanged = "contract.two_factor_setting"
    case directoryConfigured = "contract.directory_configured"
    case identityBound = "identity.bound"
    case loginMethodChanged = "login_method.changed"
    case emailChangeRequested = "email_change.requested"
    case emailChanged = "email.changed"
    /// An administrator's change of the address approved from the old address (issue 19 finding 7).
    case emailChangeApproved = "email_change.approved"
    /// The password given again at the 管理コンソール's prompt (ASVS 7.5.3).
    case passwordConfirmed = "sign_in.password_confirmed"
    case accessRouteChanged = "contract.access_route"
    case linesSaved = "contract.lines_saved"
    case lineNoticeSet = "line.notice"
    /// A sign-in ended, with why (`SignOutReason`; issue 20 item 8).
    case signedOut = "sign_out"
}

/// Why a sign-in ended on a terminal (issue 20 item 8, ASVS 7.4.1): every sign-out is audited.
public enum SignOutReason: String, Sendable, CaseIterable {
    /// ログアウト, or Esc on the メイン画面 and the answer ログアウト.
    case chosen
    /// `[client] idle_sign_out` seconds without a key, or a kiosk's idle reset (ASVS 7.3.1).
    case idle
    /// `[client] max_session` since the sign-in (ASVS 7.3.2).
    case lifetime
    /// A change that asks for the sign-in again (a new password, a new login method…).
    case signInAgain = "sign_in_again"
    /// The client was quit (F10) while someone was signed in.
    case quit
}
