import FoundationEssentials
import MonbanStore

/// A person's two-step registration under their current generation (TF-1, TF-8),
/// read from its row once: the two-step flow decides on this, never on the columns.
enum TwoStepRegistration: Sendable, Equatable {
    /// Codes by SMS to this number (E.164).
    case sms(phone: String, recoveryHash: [UInt8])
    /// Codes from an authenticator app: its sealed secret and the last time step used (TF-3).
    case authenticator(sealedSecret: [UInt8], lastStep: Int64?, recoveryHash: [UInt8])

    init(_ row: TwoStepRecord) throws {
        guard let method = TwoStepMethod(rawValue: row.method), let recovery = row.recoveryHash
        else { throw DamagedRow(table: "two_step") }
        switch method {
        case .sms:
            guard let phone = row.phone else { throw DamagedRow(table: "two_step") }
            self = .sms(phone: phone, recoveryHash: recovery)
        case .authenticator:
            guard let sealed = row.totpSecret else { throw DamagedRow(table: "two_step") }
            self = .authenticator(sealedSecret: sealed, lastStep: row.totpLastStep, recoveryHash: recovery)
        }
    }

    var method: TwoStepMethod {
        switch self {
        case .sms: .sms
        case .authenticator: .authenticator
        }
    }

    /// The hash of the recovery code (TF-5).
    var recoveryHash: [UInt8] {
        switch self {
        case .sms(_, let hash), .authenticator(_, _, let hash): hash
        }
    }

    /// What the second-step screen asks for.
    var stage: SecondStep.Stage {
        switch self {
        case .sms(let phone, _): .sms(maskedPhone: PhoneNumber(phone)?.masked ?? "****")
        case .authenticator: .authenticator
        }
    }
}

/// The SMS code of a pending sign-in (TF-2), read from the challenge's row: the
/// code last sent, if any, and the wrong tries, which count across resends
/// (SPEC §12, 800-63B-4).
struct SMSChallenge: Sendable, Equatable {
    enum Code: Sendable, Equatable {
        case notSent
        /// Sent to `phone`; only the salted hash of the code is kept.
        case sent(phone: String, hash: [UInt8], sentAt: Date, expiresAt: Date)
    }

    var code: Code
    var wrongTries: Int

    init(code: Code, wrongTries: Int) {
        self.code = code
        self.wrongTries = wrongTries
    }

    init(_ row: ChallengeRecord) throws {
        switch (row.smsPhone, row.smsCodeHash, row.smsSentAt, row.smsExpiresAt) {
        case (nil, nil, nil, nil): code = .notSent
        case let (phone?, hash?, sentAt?, expiresAt?):
            code = .sent(phone: phone, hash: hash, sentAt: sentAt, expiresAt: expiresAt)
        default: throw DamagedRow(table: "sign_in_challenge")
        }
        wrongTries = row.smsFailures
    }

    /// The number the last code went to.
    var phone: String? {
        if case .sent(let phone, _, _, _) = code { return phone }
        return nil
    }

    /// Wrong tries left: after five the pending sign-in ends, and a resend gives no more.
    var triesLeft: Int { max(0, SMSPolicy.maximumTries - wrongTries) }

    /// Whether the wrong tries are used up.
    var isSpent: Bool { wrongTries >= SMSPolicy.maximumTries }

    /// Whole seconds until a new code may be sent, or nil when it may be now
    /// (60 seconds after the last one).
    func resendWait(now: Date) -> Int? {
        guard case .sent(_, _, let sentAt, _) = code, now < sentAt + SMSPolicy.resendAfter else { return nil }
        return Int((sentAt.timeIntervalSince(now) + SMSPolicy.resendAfter).rounded(.up))
    }

    /// The hash of the code that can still be typed, or nil when none was sent or
    /// it expired (ten minutes).
    func liveCode(now: Date) -> (phone: String, hash: [UInt8])? {
        guard case .sent(let phone, let hash, _, let expiresAt) = code, now < expiresAt else { return nil }
        return (phone, hash)
    }

    /// Wrong tries left after one more wrong code.
    var triesLeftAfterWrongCode: Int { SMSPolicy.maximumTries - wrongTries - 1 }
}

/// Where a pending sign-in stands (LG-3, TF-1..TF-6), derived once from its row,
/// the person's generation and registration, and the time.
enum PendingSecondStep: Sendable, Equatable {
    /// Can no longer be completed: used, expired (15 minutes), five wrong
    /// authenticator or recovery codes, or the registration was reset since (TF-8).
    case ended
    /// Not enrolled: an SMS code may have been sent to a typed number, an
    /// authenticator secret may have been shown (sealed).
    case enrolling(sms: SMSChallenge, authenticatorSecret: [UInt8]?)
    /// Enrolled with SMS to `phone`.
    case awaitingSMSCode(phone: String, sms: SMSChallenge, recoveryHash: [UInt8])
    /// Enrolled with an authenticator app.
    case awaitingAuthenticatorCode(sealedSecret: [UInt8], lastStep: Int64?, recoveryHash: [UInt8])

    init(
        done: Bool, expiresAt: Date?, failures: Int, generation: Int, currentGeneration: Int, sms: SMSChallenge,
        pendingSecret: [UInt8]?, registration: TwoStepRegistration?, now: Date
    ) {
        guard !done, let expiresAt, now < expiresAt, failures < SecondStep.maximumFailures,
              generation == currentGeneration
        else {
            self = .ended
            return
        }
        switch registration {
        case nil: self = .enrolling(sms: sms, authenticatorSecret: pendingSecret)
        case .sms(let phone, let recovery)?: self = .awaitingSMSCode(phone: phone, sms: sms, recoveryHash: recovery)
        case .authenticator(let sealed, let lastStep, let recovery)?:
            self = .awaitingAuthenticatorCode(sealedSecret: sealed, lastStep: lastStep, recoveryHash: recovery)
        }
    }

    init(_ row: ChallengeRecord, person: Person, registration: TwoStepRegistration?, now: Date) throws {
        self.init(
            done: row.doneAt != nil, expiresAt: row.expiresAt, failures: row.failures, generation: row.generation,
            currentGeneration: person.twoFactorGeneration, sms: try SMSChallenge(row), pendingSecret: row.pendingSecret,
            registration: registration, now: now)
    }

    /// The registered method; nil while enrolling.
    var registeredMethod: TwoStepMethod? {
        switch self {
        case .ended, .enrolling: nil
        case .awaitingSMSCode: .sms
        case .awaitingAuthenticatorCode: .authenticator
        }
    }

    /// The SMS code of the pending sign-in, where SMS can be used.
    var sms: SMSChallenge? {
        switch self {
        case .enrolling(let sms, _), .awaitingSMSCode(_, let sms, _): sms
        case .ended, .awaitingAuthenticatorCode: nil
        }
    }

    /// The recovery code's hash, once enrolled (TF-6).
    var recoveryHash: [UInt8]? {
        switch self {
        case .awaitingSMSCode(_, _, let hash), .awaitingAuthenticatorCode(_, _, let hash): hash
        case .ended, .enrolling: nil
        }
    }
}
