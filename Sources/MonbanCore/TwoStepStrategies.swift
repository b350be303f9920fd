import FoundationEssentials
import MonbanStore
import MonbanCrypto

/// A code sent by SMS (TF-2): sending it, and checking it.
struct SMSCodeStep: Sendable {
    let flow: TwoStepFlow

    /// Sends a new SMS code: to `phone` when enrolling, to the registered number
    /// otherwise. Refused within 60 seconds of the last one.
    func send(_ step: SecondStep, phone: String?, context: AccessContext) throws(EngineError) -> SMSStatus {
        try flow.withChallenge(step) { tx, c in
            let now = flow.clock.now()
            let number: String
            let sms: SMSChallenge
            switch c.state {
            case .ended:
                return .failure(.secondStepExpired)
            case .enrolling(let pending, _):
                sms = pending
                if let typed = phone {
                    guard let parsed = PhoneNumber(typed) else { return .failure(.invalidPhoneNumber) }
                    number = parsed.e164
                } else if let previous = pending.phone {
                    number = previous  // "resend" while enrolling: the number typed before
                } else {
                    return .failure(.invalidPhoneNumber)
                }
            case .awaitingSMSCode(let registered, let pending, _):
                sms = pending
                number = registered
            case .awaitingAuthenticatorCode:
                return .failure(.notPermitted)
            }
            if let wait = sms.resendWait(now: now) { return .failure(.resendTooSoon(seconds: wait)) }
            // RL-1 (issue 19 finding 13): no SMS abroad unless the operator allows it, and at
            // most so many per person, per number and per terminal an hour, counted in the store.
            let masked = PhoneNumber(number)?.masked ?? "****"
            guard flow.settings.internationalSMS || number.hasPrefix("+81") else {
                try flow.audit(tx, .rateLimited, person: c.person.id, contract: c.person.contractID, context: context,
                               detail: "sms: international number \(masked) refused")
                return .failure(.internationalSMSOff)
            }
            if let cap = try RateLimiter(clock: flow.clock).admit(
                tx, [(.smsPerPerson, "\(c.person.id)"), (.smsPerNumber, number), (.smsPerTerminal, context.terminal)])
            {
                try flow.audit(tx, .rateLimited, person: c.person.id, contract: c.person.contractID, context: context,
                               detail: "sms: \(cap.rawValue) cap of \(cap.limit) an hour reached (to \(masked))")
                return .failure(.rateLimited(cap))
            }
            let code = try SMSPolicy.newCode(using: flow.random)
            try tx.recordSMSCode(challengeID: c.id, phone: number, codeHash: SMSPolicy.hash(code, salt: c.salt), sentAt: now,
                                 expiresAt: now + SMSPolicy.lifetime)
            // The code sealed, never in clear (issue 19 finding 4, TM-2).
            try flow.shared.queueSealed(tx, kind: .sms, to: number, subject: "", body: flow.shared.sms.code(code),
                                        links: [], codes: [code], personID: c.person.id)
            try flow.audit(tx, .messageQueued, person: c.person.id, contract: c.person.contractID, context: context,
                           detail: "sms: code to \(masked)")
            return .success(SMSStatus(maskedPhone: masked, sentAt: now, expiresAt: now + SMSPolicy.lifetime,
                                      resendAt: now + SMSPolicy.resendAfter, triesLeft: sms.triesLeft))
        }
    }

    /// Checks a six-digit code (already normalized) against the last code sent.
    func verify(_ tx: any StoreTransaction, _ c: TwoStepFlow.Challenge, code: String, remember: Bool, context: AccessContext)
        throws -> Result<SecondStepResult, EngineError>
    {
        guard let sms = c.state.sms else { return .failure(.notPermitted) }
        // Wrong tries count per pending sign-in, across resends (SPEC §12, 800-63B-4).
        guard !sms.isSpent else { return .failure(.secondStepExpired) }
        guard let live = sms.liveCode(now: flow.clock.now()) else { return .failure(.smsCodeExpired) }
        guard ConstantTime.equals(SMSPolicy.hash(code, salt: c.salt), live.hash) else {
            return try flow.wrongCode(tx, c, context: context, detail: "sms") { tx in
                try tx.countSMSFailure(challengeID: c.id)
                let left = sms.triesLeftAfterWrongCode
                guard left <= 0 else { return .wrongCode(triesLeft: left) }
                // The fifth wrong try ends the pending sign-in: a resend would not give more.
                try tx.finishChallenge(id: c.id, at: flow.clock.now())
                return .secondStepExpired
            }
        }
        var recovery: RecoveryCode?
        if case .enrolling = c.state {
            let fresh = try RecoveryCode.generate(using: flow.random)
            recovery = fresh
            try flow.register(tx, c, method: .sms, phone: live.phone, sealedSecret: nil, step: nil, recovery: fresh,
                              context: context)
        }
        return .success(try flow.complete(tx, c, recovery: recovery, remember: remember, context: context, how: "sms"))
    }
}

/// A code from an authenticator app (TF-3): the secret to enroll, and checking a code.
struct AuthenticatorStep: Sendable {
    let flow: TwoStepFlow

    /// The secret and QR-code URI of the authenticator being enrolled. The same
    /// pending sign-in always gets the same secret (the screen may be drawn again).
    func setup(_ step: SecondStep, context: AccessContext) throws(EngineError) -> AuthenticatorSetup {
        let box = try flow.secretBox(create: true)
        return try flow.withChallenge(step) { tx, c in
            guard case .enrolling(_, let pending) = c.state else { return .failure(.notPermitted) }
            let label = "totp:challenge:\(c.id)"
            let secret: [UInt8]
            if let sealed = pending {
                do { secret = try box.open(sealed, context: label) } catch let e as SecretBoxError {
                    return .failure(.secretKey(e))
                }
            } else {
                secret = try TOTP.newSecret(using: flow.random)
                let sealed: [UInt8]
                do { sealed = try box.seal(secret, context: label) } catch let e as SecretBoxError {
                    return .failure(.secretKey(e))
                }
                try tx.setPendingSecret(challengeID: c.id, sealed: sealed)
            }
            return .success(AuthenticatorSetup(
                uri: TOTP.uri(issuer: flow.settings.authenticatorIssuer, account: c.person.email, secret: secret),
                secret: Base32.encode(secret)))
        }
    }

    /// Checks a six-digit code (already normalized); a code's time step is used once.
    func verify(_ tx: any StoreTransaction, _ c: TwoStepFlow.Challenge, code: String, remember: Bool, context: AccessContext)
        throws -> Result<SecondStepResult, EngineError>
    {
        let sealed: [UInt8]
        let sealedFor: String
        let usedStep: Int64?
        switch c.state {
        case .enrolling(_, let pending?):
            (sealed, sealedFor, usedStep) = (pending, "totp:challenge:\(c.id)", nil)
        case .awaitingAuthenticatorCode(let registered, let lastStep, _):
            (sealed, sealedFor, usedStep) = (registered, "totp:person:\(c.person.id)", lastStep)
        case .ended, .enrolling(_, nil), .awaitingSMSCode:
            return .failure(.notPermitted)
        }
        // Opened only now: no key file exists until someone enrolls an authenticator.
        let box = try flow.secretBox(create: false)
        let secret = try box.open(sealed, context: sealedFor)
        let label = "totp:person:\(c.person.id)"
        guard let matched = TOTP.matchingStep(code, secret: secret, at: flow.clock.now(), usedStep: usedStep) else {
            return try flow.wrongCode(tx, c, context: context, detail: "authenticator") { tx in
                try flow.countChallengeFailure(tx, c)
            }
        }
        var recovery: RecoveryCode?
        if case .enrolling = c.state {
            let fresh = try RecoveryCode.generate(using: flow.random)
            recovery = fresh
            try flow.register(tx, c, method: .authenticator, phone: nil, sealedSecret: try box.seal(secret, context: label),
                              step: matched, recovery: fresh, context: context)
        } else {
            try tx.setTOTPLastStep(personID: c.person.id, step: matched)
        }
        return .success(try flow.complete(tx, c, recovery: recovery, remember: remember, context: context,
                                          how: "authenticator"))
    }
}

/// The recovery code (TF-5, TF-6): "デバイスを紛失した場合はこちら".
struct RecoveryCodeStep: Sendable {
    let flow: TwoStepFlow

    /// Signs in with the recovery code, as copied; the code dies and a new one is
    /// returned to be shown.
    func recover(_ step: SecondStep, recoveryCode: String, remember: Bool, context: AccessContext)
        throws(EngineError) -> SecondStepResult
    {
        guard RecoveryCode.normalize(recoveryCode) != nil else { throw .malformedRecoveryCode }
        return try flow.withChallenge(step) { tx, c in
            guard let storedHash = c.state.recoveryHash else { return .failure(.notPermitted) }
            guard RecoveryCode.matches(recoveryCode, storedHash: storedHash) else {
                return try flow.wrongCode(tx, c, context: context, detail: "recovery code") { tx in
                    try flow.countChallengeFailure(tx, c)
                }
            }
            let fresh = try RecoveryCode.generate(using: flow.random)
            try tx.setRecoveryHash(personID: c.person.id, hash: fresh.storedHash)
            try flow.audit(tx, .recoveryCodeUsed, person: c.person.id, contract: c.person.contractID, context: context)
            return .success(try flow.complete(tx, c, recovery: fresh, remember: remember, context: context,
                                              how: "recovery code"))
        }
    }
}
