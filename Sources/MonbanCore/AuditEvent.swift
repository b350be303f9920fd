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
}
