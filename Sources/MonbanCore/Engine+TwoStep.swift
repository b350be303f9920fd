import FoundationEssentials
import MonbanStore
import MonbanCrypto

/// Two-step verification (LG-3, TF-1..TF-8): the pending sign-in after a right
/// password, SMS codes, authenticator enrollment and codes, recovery codes,
/// remembered terminals, and the contract's switch.
extension Engine {
    /// The key file that seals TOTP secrets: beside the database, never in it.
    public var secretKeyPath: String { store.location + ".key" }

    /// Ten consecutive wrong second-step codes lock the account like ten wrong
    /// passwords (LK-1): otherwise someone who knows the password could guess
    /// six-digit codes one pending sign-in after another.
    static let twoStepFailuresBeforeLock = LockoutPolicy.threshold

    // MARK: After a right password (LG-3)

    /// Inside the sign-in transaction, once the password is right and the
    /// contract active: signs in, or opens a pending sign-in for the second step.
    func afterPassword(_ tx: any StoreTransaction, _ person: Person, _ contract: Contract, context: AccessContext) throws -> SignInResult {
        let now = clock.now()
        let remembered = try rememberedTerminal(tx, person: person, device: context.device)
        let required = TwoStepPolicy.isRequired(
            contract: contract, person: person, entrance: context.entrance, terminal: remembered, now: now)
        guard required else {
            try tx.setLastSignIn(personID: person.id, at: now)
            if remembered != nil, let device = context.device {
                try tx.touchRememberedTerminal(tokenHash: device.storedHash, personID: person.id, at: now)
            }
            try audit(tx, .signInSucceeded, person: person.id, contract: contract.id, context: context,
                      detail: remembered != nil && contract.twoFactorEnabled ? "remembered terminal" : "")
            guard let fresh = try Rows.fetchPerson(tx, id: person.id)?.0 else { throw DamagedRow(table: "person") }
            return .signedIn(SignedIn(person: fresh, contract: contract,
                                      lineNotice: try lineNoticeDue(tx, contract, context)))
        }
        let token = try Ticket.generate(using: random)
        try tx.insertChallenge(hash: token.storedHash, personID: person.id, generation: person.twoFactorGeneration,
                               createdAt: now, expiresAt: now + SecondStep.lifetime)
        // Old pending sign-ins of this person are pruned as new ones start.
        try tx.pruneChallenges(personID: person.id, expiredBefore: now - 86_400)
        let stage = try registration(tx, person)?.stage ?? .enroll
        try audit(tx, .twoFactorAsked, person: person.id, contract: contract.id, context: context,
                  detail: stage == .enroll ? "enroll" : "code")
        return .secondStep(SecondStep(token: token.token, email: person.email, stage: stage,
                                      expiresAt: now + SecondStep.lifetime))
    }

    func rememberedTerminal(_ tx: any StoreReader, person: Person, device: DeviceToken?) throws -> TwoStepPolicy.RememberedTerminal? {
        guard let device else { return nil }
        guard let row = try tx.rememberedTerminal(tokenHash: device.storedHash, personID: person.id) else { return nil }
        return TwoStepPolicy.RememberedTerminal(lastSeen: row.lastSeen, generation: row.generation)
    }

    // MARK: SMS (TF-2)

    /// Sends a new SMS code: to `phone` when enrolling, to the registered number
    /// otherwise. Refused within 60 seconds of the last one.
    public func sendSMSCode(_ step: SecondStep, phone: String? = nil, context: AccessContext) throws(EngineError) -> SMSStatus {
        try withChallenge(step) { tx, c in
            let now = clock.now()
            let number: String
            switch c.registration?.method {
            case nil:
                if let typed = phone {
                    guard let parsed = PhoneNumber(typed) else { return .failure(.invalidPhoneNumber) }
                    number = parsed.e164
                } else if let previous = c.smsPhone {
                    number = previous  // "resend" while enrolling: the number typed before
                } else {
                    return .failure(.invalidPhoneNumber)
                }
            case .sms:
                guard let registered = c.registration?.phone else { throw DamagedRow(table: "two_step") }
                number = registered
            case .authenticator:
                return .failure(.notPermitted)
            }
            if let sent = c.smsSentAt, now < sent + SMSPolicy.resendAfter {
                return .failure(.resendTooSoon(seconds: Int((sent.timeIntervalSince(now) + SMSPolicy.resendAfter).rounded(.up))))
            }
            let code = try SMSPolicy.newCode(using: random)
            try tx.recordSMSCode(challengeID: c.id, phone: number, codeHash: SMSPolicy.hash(code, salt: c.salt), sentAt: now,
                                 expiresAt: now + SMSPolicy.lifetime)
            let body = "\(settings.serviceName) 認証コード: \(code)\n10分間有効です。このコードを他人に教えないでください。"
            try tx.insertOutboxMessage(NewOutboxMessage(
                kind: OutboxMessage.Kind.sms.rawValue, recipient: number, subject: "", body: body, links: "[]",
                createdAt: now, personID: c.person.id))
            let masked = PhoneNumber(number)?.masked ?? "****"
            try audit(tx, .messageQueued, person: c.person.id, contract: c.person.contractID, context: context,
                      detail: "sms: code to \(masked)")
            return .success(SMSStatus(maskedPhone: masked, sentAt: now, expiresAt: now + SMSPolicy.lifetime,
                                      resendAt: now + SMSPolicy.resendAfter,
                                      triesLeft: max(0, SMSPolicy.maximumTries - c.smsFailures)))
        }
    }

    // MARK: Authenticator (TF-3)

    /// The secret and QR-code URI of the authenticator being enrolled. The same
    /// pending sign-in always gets the same secret (the screen may be drawn again).
    public func authenticatorSetup(_ step: SecondStep, context: AccessContext) throws(EngineError) -> AuthenticatorSetup {
        let box = try secretBox(create: true)
        return try withChallenge(step) { tx, c in
            guard c.registration == nil else { return .failure(.notPermitted) }
            let label = "totp:challenge:\(c.id)"
            let secret: [UInt8]
            if let sealed = c.pendingSecret {
                do { secret = try box.open(sealed, context: label) } catch let e as SecretBoxError {
                    return .failure(.secretKey(e))
                }
            } else {
                secret = try TOTP.newSecret(using: random)
                let sealed: [UInt8]
                do { sealed = try box.seal(secret, context: label) } catch let e as SecretBoxError {
                    return .failure(.secretKey(e))
                }
                try tx.setPendingSecret(challengeID: c.id, sealed: sealed)
            }
            return .success(AuthenticatorSetup(
                uri: TOTP.uri(issuer: settings.authenticatorIssuer, account: c.person.email, secret: secret),
                secret: Base32.encode(secret)))
        }
    }

    // MARK: Completing the second step

    /// Checks a code sent by SMS or shown by the authenticator app. When
    /// enrolling, a right code registers the method and returns the first
    /// recovery code (TF-5). `remember` keeps this terminal for 30 days (TF-4).
    public func verifySecondStep(
        _ step: SecondStep, method: TwoStepMethod, code: String, remember: Bool, context: AccessContext
    ) throws(EngineError) -> SecondStepResult {
        // Six digits, as SMSPolicy folds what was typed (full width, spaces, hyphens); anything
        // else is not a guess at the code: it gets its own message and costs no try.
        guard let code = SMSPolicy.normalize(code) else { throw .malformedCode }
        return try withChallenge(step) { tx, c in
            let now = clock.now()
            if let registered = c.registration?.method, registered != method { return .failure(.notPermitted) }
            switch method {
            case .sms:
                // Wrong tries count per pending sign-in, across resends (SPEC §12, 800-63B-4).
                guard c.smsFailures < SMSPolicy.maximumTries else { return .failure(.secondStepExpired) }
                guard let stored = c.smsCodeHash, let expires = c.smsExpiresAt, now < expires
                else { return .failure(.smsCodeExpired) }
                guard ConstantTime.equals(SMSPolicy.hash(code, salt: c.salt), stored) else {
                    return try wrongCode(tx, c, context: context, detail: "sms") { tx in
                        try tx.countSMSFailure(challengeID: c.id)
                        let left = SMSPolicy.maximumTries - c.smsFailures - 1
                        guard left <= 0 else { return .wrongCode(triesLeft: left) }
                        // The fifth wrong try ends the pending sign-in: a resend would not give more.
                        try tx.finishChallenge(id: c.id, at: clock.now())
                        return .secondStepExpired
                    }
                }
                let recovery = c.registration == nil ? try RecoveryCode.generate(using: random) : nil
                if let recovery {
                    guard let phone = c.smsPhone else { throw DamagedRow(table: "sign_in_challenge") }
                    try register(tx, c, method: .sms, phone: phone, sealedSecret: nil, step: nil, recovery: recovery,
                                 context: context)
                }
                return .success(try complete(tx, c, recovery: recovery, remember: remember, context: context, how: "sms"))
            case .authenticator:
                guard c.registration != nil || c.pendingSecret != nil else { return .failure(.notPermitted) }
                // Opened only now: no key file exists until someone enrolls an authenticator.
                let box = try secretBox(create: false)
                let secret: [UInt8]
                let label: String
                if let registration = c.registration {
                    guard let sealed = registration.totpSecret else { throw DamagedRow(table: "two_step") }
                    label = "totp:person:\(c.person.id)"
                    secret = try box.open(sealed, context: label)
                } else {
                    guard let sealed = c.pendingSecret else { return .failure(.notPermitted) }
                    secret = try box.open(sealed, context: "totp:challenge:\(c.id)")
                    label = "totp:person:\(c.person.id)"
                }
                guard let matched = TOTP.matchingStep(code, secret: secret, at: now, usedStep: c.registration?.totpLastStep)
                else {
                    return try wrongCode(tx, c, context: context, detail: "authenticator") { tx in
                        try Self.countChallengeFailure(tx, c)
                        let left = SecondStep.maximumFailures - c.failures - 1
                        return .wrongCode(triesLeft: max(0, left))
                    }
                }
                var recovery: RecoveryCode?
                if c.registration == nil {
                    let fresh = try RecoveryCode.generate(using: random)
                    recovery = fresh
                    try register(tx, c, method: .authenticator, phone: nil, sealedSecret: try box.seal(secret, context: label),
                                 step: matched, recovery: fresh, context: context)
                } else {
                    try tx.setTOTPLastStep(personID: c.person.id, step: matched)
                }
                return .success(try complete(tx, c, recovery: recovery, remember: remember, context: context,
                                             how: "authenticator"))
            }
        }
    }

    /// "デバイスを紛失した場合はこちら" (TF-6): signs in with the recovery code,
    /// as copied; the code dies and a new one is returned to be shown.
    public func recoverSecondStep(
        _ step: SecondStep, recoveryCode: String, remember: Bool = false, context: AccessContext
    ) throws(EngineError) -> SecondStepResult {
        guard RecoveryCode.normalize(recoveryCode) != nil else { throw .malformedRecoveryCode }
        return try withChallenge(step) { tx, c in
            guard let registration = c.registration else { return .failure(.notPermitted) }
            guard RecoveryCode.matches(recoveryCode, storedHash: registration.recoveryHash) else {
                return try wrongCode(tx, c, context: context, detail: "recovery code") { tx in
                    try Self.countChallengeFailure(tx, c)
                    return .wrongCode(triesLeft: max(0, SecondStep.maximumFailures - c.failures - 1))
                }
            }
            let fresh = try RecoveryCode.generate(using: random)
            try tx.setRecoveryHash(personID: c.person.id, hash: fresh.storedHash)
            try audit(tx, .recoveryCodeUsed, person: c.person.id, contract: c.person.contractID, context: context)
            return .success(try complete(tx, c, recovery: fresh, remember: remember, context: context, how: "recovery code"))
        }
    }

    // MARK: The contract's switch (TF-7)

    /// 2段階認証設定: the contractor turns two-step verification on or off for
    /// every e-mail + password user of the contract (CT-3: contractors only).
    public func setTwoStep(enabled: Bool, by actorID: Int64, context: AccessContext) throws(EngineError) -> Contract {
        try withPermission(actorID, .twoStepSetting) { tx, who in
            let (actor, contract) = (who.person, who.contract)
            try tx.setTwoFactorEnabled(contractID: contract.id, enabled)
            try audit(tx, .twoFactorSettingChanged, person: actor.id, contract: contract.id, context: context,
                      detail: enabled ? "enabled" : "disabled")
            guard let updated = try Rows.fetchContract(tx, id: contract.id) else { throw DamagedRow(table: "contract") }
            return .success(updated)
        }
    }

    /// Voids a person's two-step registration, remembered terminals and pending
    /// sign-ins inside the caller's transaction (TF-8); they enroll again at the
    /// next sign-in.
    func resetTwoStep(_ tx: any StoreTransaction, personID: Int64) throws {
        try tx.resetTwoStep(personID: personID)
    }

    // MARK: Internals

    struct Registration {
        var method: TwoStepMethod
        var phone: String?
        var totpSecret: [UInt8]?
        var totpLastStep: Int64?
        var recoveryHash: [UInt8]

        var stage: SecondStep.Stage {
            switch method {
            case .sms: .sms(maskedPhone: phone.flatMap(PhoneNumber.init)?.masked ?? "****")
            case .authenticator: .authenticator
            }
        }
    }

    struct Challenge {
        var id: Int64
        var salt: [UInt8]
        var person: Person
        var failures: Int
        var smsPhone: String?
        var smsCodeHash: [UInt8]?
        var smsSentAt: Date?
        var smsExpiresAt: Date?
        var smsFailures: Int
        var pendingSecret: [UInt8]?
        var registration: Registration?
    }

    /// The person's registration under their current generation, if any.
    func registration(_ tx: any StoreReader, _ person: Person) throws -> Registration? {
        guard let row = try tx.twoStep(personID: person.id, generation: person.twoFactorGeneration) else { return nil }
        guard let method = TwoStepMethod(rawValue: row.method), let recovery = row.recoveryHash
        else { throw DamagedRow(table: "two_step") }
        return Registration(
            method: method, phone: row.phone, totpSecret: row.totpSecret, totpLastStep: row.totpLastStep,
            recoveryHash: recovery)
    }

    /// Runs `body` in one transaction with the pending sign-in behind `step`,
    /// or refuses when it can no longer be completed.
    func withChallenge<T>(
        _ step: SecondStep, _ body: (any StoreTransaction, Challenge) throws -> Result<T, EngineError>
    ) throws(EngineError) -> T {
        try transaction { tx in
            switch try challenge(tx, step) {
            case .failure(let e): return .failure(e)
            case .success(let c): return try body(tx, c)
            }
        }
    }

    /// The pending sign-in behind `step`, if it can still be completed.
    func challenge(_ tx: any StoreReader, _ step: SecondStep) throws -> Result<Challenge, EngineError> {
        guard Ticket.isWellFormed(step.token) else { return .failure(.secondStepExpired) }
        let hash = Ticket(token: step.token).storedHash
        guard let row = try tx.challenge(hash: hash), let (person, _) = try Rows.fetchPerson(tx, id: row.personID)
        else { return .failure(.secondStepExpired) }
        let now = clock.now()
        guard row.doneAt == nil, let expires = row.expiresAt, now < expires, row.failures < SecondStep.maximumFailures,
              row.generation == person.twoFactorGeneration
        else { return .failure(.secondStepExpired) }
        if person.isLocked { return .failure(.locked) }
        return .success(Challenge(
            id: row.id, salt: hash, person: person, failures: row.failures, smsPhone: row.smsPhone,
            smsCodeHash: row.smsCodeHash, smsSentAt: row.smsSentAt, smsExpiresAt: row.smsExpiresAt,
            smsFailures: row.smsFailures, pendingSecret: row.pendingSecret, registration: try registration(tx, person)))
    }

    /// A wrong authenticator or recovery code: the fifth ends the pending sign-in.
    /// (Wrong SMS codes count against the code instead, which a resend replaces.)
    static func countChallengeFailure(_ tx: any StoreTransaction, _ c: Challenge) throws {
        try tx.countChallengeFailure(challengeID: c.id)
    }

    /// Records a wrong code: on the pending sign-in or SMS code (`onChallenge`),
    /// and on the person, whose tenth consecutive wrong code locks the account.
    private func wrongCode(
        _ tx: any StoreTransaction, _ c: Challenge, context: AccessContext, detail: String,
        onChallenge: (any StoreTransaction) throws -> EngineError
    ) throws -> Result<SecondStepResult, EngineError> {
        let error = try onChallenge(tx)
        try tx.countTwoStepFailure(personID: c.person.id)
        try audit(tx, .twoFactorFailed, person: c.person.id, contract: c.person.contractID, context: context,
                  detail: "wrong \(detail)")
        let count = try tx.twoStepFailures(personID: c.person.id)
        if count >= Self.twoStepFailuresBeforeLock {
            try lockAccount(tx, c.person, context: context)
            try tx.finishChallenges(personID: c.person.id, at: clock.now())
            return .failure(.locked)
        }
        return .failure(error)
    }

    private func register(
        _ tx: any StoreTransaction, _ c: Challenge, method: TwoStepMethod, phone: String?, sealedSecret: [UInt8]?, step: Int64?,
        recovery: RecoveryCode, context: AccessContext
    ) throws {
        try tx.saveTwoStep(TwoStepRecord(
            personID: c.person.id, generation: c.person.twoFactorGeneration, method: method.rawValue, phone: phone,
            totpSecret: sealedSecret, totpLastStep: step, recoveryHash: recovery.storedHash, enrolledAt: clock.now()))
        try audit(tx, .twoFactorEnrolled, person: c.person.id, contract: c.person.contractID, context: context,
                  detail: method.rawValue)
    }

    private func complete(
        _ tx: any StoreTransaction, _ c: Challenge, recovery: RecoveryCode?, remember: Bool, context: AccessContext, how: String
    ) throws -> SecondStepResult {
        let now = clock.now()
        guard let contract = try Rows.fetchContract(tx, id: c.person.contractID) else { throw DamagedRow(table: "contract") }
        try tx.completeChallenge(id: c.id, at: now)
        try tx.recordSecondStep(personID: c.person.id, at: now)
        var remembered = false
        if remember, let device = context.device {
            try tx.rememberTerminal(RememberedTerminalRecord(
                tokenHash: device.storedHash, personID: c.person.id, generation: c.person.twoFactorGeneration,
                lastSeen: now))
            try audit(tx, .terminalRemembered, person: c.person.id, contract: contract.id, context: context)
            remembered = true
        }
        try audit(tx, .twoFactorSucceeded, person: c.person.id, contract: contract.id, context: context, detail: how)
        try audit(tx, .signInSucceeded, person: c.person.id, contract: contract.id, context: context, detail: "two-step")
        guard let person = try Rows.fetchPerson(tx, id: c.person.id)?.0 else { throw DamagedRow(table: "person") }
        return SecondStepResult(signedIn: SignedIn(person: person, contract: contract), recoveryCode: recovery,
                                remembered: remembered)
    }

    func secretBox(create: Bool) throws(EngineError) -> SecretBox {
        do {
            return create
                ? try SecretBox.openOrCreateKey(at: secretKeyPath, random: random)
                : try SecretBox.openExistingKey(at: secretKeyPath, random: random)
        } catch let e as SecretBoxError {
            throw .secretKey(e)
        } catch let e as EngineError {
            throw e
        } catch {
            throw .secretKey(.keyFileUnreadable(secretKeyPath))
        }
    }
}
