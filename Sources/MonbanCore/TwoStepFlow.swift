import FoundationEssentials
import MonbanStore
import MonbanCrypto

/// Two-step verification (LG-3, TF-1..TF-8): the pending sign-in after a right
/// password, and the three ways to complete it, each a strategy the flow calls
/// (`SMSCodeStep`, `AuthenticatorStep`, `RecoveryCodeStep`), and remembered
/// terminals. The contract's switch (TF-7) is a setting: `SettingsFlow.setTwoStep`.
struct TwoStepFlow: EngineFlow, SecondStepGate {
    let shared: EngineContext

    /// The key file that seals TOTP secrets: beside the database, never in it.
    var secretKeyPath: String { shared.secretKeyPath }

    /// Ten consecutive wrong second-step codes lock the account like ten wrong
    /// passwords (LK-1): otherwise someone who knows the password could guess
    /// six-digit codes one pending sign-in after another.
    static let failuresBeforeLock = LockoutPolicy.threshold

    // MARK: After a right password (LG-3)

    /// Inside the sign-in transaction, once the password is right and the
    /// contract active: signs in, or opens a pending sign-in for the second step.
    func afterPassword(_ tx: any StoreTransaction, _ person: Person, _ contract: Contract, context: AccessContext) throws
        -> SignInResult
    {
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
            try noticeFlow.signedIn(tx, fresh, context: context)  // NT-1: a new terminal is told
            return .signedIn(SignedIn(person: fresh, contract: contract,
                                      lineNotice: try signInFlow.lineNoticeDue(tx, contract, context)))
        }
        let token = try Ticket.generate(using: random)
        try tx.insertChallenge(hash: token.storedHash, personID: person.id, generation: person.twoFactorGeneration,
                               createdAt: now, expiresAt: now + SecondStep.lifetime)
        // Old pending sign-ins of this person are pruned as new ones start.
        try tx.pruneChallenges(personID: person.id, expiredBefore: now - 86_400)
        let stage = try registration(tx, person)?.stage ?? .enroll
        try audit(tx, .twoFactorAsked, person: person.id, contract: contract.id, context: context,
                  detail: stage == .enroll ? "enroll" : "code")
        // A reset (TF-8) bumps the generation and deletes the registrations: a person not
        // enrolled under a generation above 0 had theirs reset (issue 20 item 20).
        return .secondStep(SecondStep(token: token.token, email: person.email, stage: stage,
                                      expiresAt: now + SecondStep.lifetime,
                                      registrationReset: stage == .enroll && person.twoFactorGeneration > 0))
    }

    func rememberedTerminal(_ tx: any StoreReader, person: Person, device: DeviceToken?) throws
        -> TwoStepPolicy.RememberedTerminal?
    {
        guard let device else { return nil }
        guard let row = try tx.rememberedTerminal(tokenHash: device.storedHash, personID: person.id) else { return nil }
        return TwoStepPolicy.RememberedTerminal(lastSeen: row.lastSeen, generation: row.generation,
                                                since: row.rememberedAt)
    }

    // MARK: The three ways to complete it

    var smsCode: SMSCodeStep { SMSCodeStep(flow: self) }
    var authenticator: AuthenticatorStep { AuthenticatorStep(flow: self) }
    var recoveryCode: RecoveryCodeStep { RecoveryCodeStep(flow: self) }

    /// Checks a code sent by SMS or shown by the authenticator app. When
    /// enrolling, a right code registers the method and returns the first
    /// recovery code (TF-5). `remember` keeps this terminal for 30 days (TF-4).
    func verifySecondStep(
        _ step: SecondStep, method: TwoStepMethod, code: String, remember: Bool, context: AccessContext
    ) throws(EngineError) -> SecondStepResult {
        // Six digits, as SMSPolicy folds what was typed (full width, spaces, hyphens); anything
        // else is not a guess at the code: it gets its own message and costs no try.
        guard let code = SMSPolicy.normalize(code) else { throw .malformedCode }
        return try withChallenge(step) { tx, c in
            if let registered = c.state.registeredMethod, registered != method { return .failure(.notPermitted) }
            switch method {
            case .sms: return try smsCode.verify(tx, c, code: code, remember: remember, context: context)
            case .authenticator: return try authenticator.verify(tx, c, code: code, remember: remember, context: context)
            }
        }
    }

    /// Voids a person's two-step registration, remembered terminals and pending
    /// sign-ins inside the caller's transaction (TF-8); they enroll again at the
    /// next sign-in.
    func resetTwoStep(_ tx: any StoreTransaction, personID: Int64) throws {
        try tx.resetTwoStep(personID: personID)
    }

    // MARK: The pending sign-in

    /// A pending sign-in that can still be completed, and where it stands.
    struct Challenge {
        var id: Int64
        /// The hash of the client's token: the salt of its SMS codes.
        var salt: [UInt8]
        var person: Person
        /// Wrong authenticator and recovery codes so far.
        var failures: Int
        /// Never `.ended`.
        var state: PendingSecondStep
    }

    /// The person's registration under their current generation, if any.
    func registration(_ tx: any StoreReader, _ person: Person) throws -> TwoStepRegistration? {
        try tx.twoStep(personID: person.id, generation: person.twoFactorGeneration).map(TwoStepRegistration.init)
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
        let state = try PendingSecondStep(row, person: person, registration: try registration(tx, person), now: clock.now())
        if state == .ended { return .failure(.secondStepExpired) }
        if person.isLocked { return .failure(person.lockError) }
        return .success(Challenge(id: row.id, salt: hash, person: person, failures: row.failures, state: state))
    }

    /// Records a wrong code: on the pending sign-in or SMS code (`onChallenge`),
    /// and on the person, whose tenth consecutive wrong code locks the account.
    func wrongCode(
        _ tx: any StoreTransaction, _ c: Challenge, context: AccessContext, detail: String,
        onChallenge: (any StoreTransaction) throws -> EngineError
    ) throws -> Result<SecondStepResult, EngineError> {
        let error = try onChallenge(tx)
        try tx.countTwoStepFailure(personID: c.person.id)
        try audit(tx, .twoFactorFailed, person: c.person.id, contract: c.person.contractID, context: context,
                  detail: "wrong \(detail)")
        let count = try tx.twoStepFailures(personID: c.person.id)
        if count >= Self.failuresBeforeLock {
            try signInFlow.lockAccount(tx, c.person, context: context)
            try tx.finishChallenges(personID: c.person.id, at: clock.now())
            return .failure(.locked(.wrongCodes))
        }
        return .failure(error)
    }

    /// A wrong authenticator or recovery code: the fifth ends the pending sign-in.
    /// (Wrong SMS codes count against the code instead, which a resend replaces.)
    func countChallengeFailure(_ tx: any StoreTransaction, _ c: Challenge) throws -> EngineError {
        try tx.countChallengeFailure(challengeID: c.id)
        return .wrongCode(triesLeft: max(0, SecondStep.maximumFailures - c.failures - 1))
    }

    func register(
        _ tx: any StoreTransaction, _ c: Challenge, method: TwoStepMethod, phone: String?, sealedSecret: [UInt8]?,
        step: Int64?, recovery: RecoveryCode, context: AccessContext
    ) throws {
        try tx.saveTwoStep(TwoStepRecord(
            personID: c.person.id, generation: c.person.twoFactorGeneration, method: method.rawValue, phone: phone,
            totpSecret: sealedSecret, totpLastStep: step, recoveryHash: recovery.storedHash, enrolledAt: clock.now()))
        try audit(tx, .twoFactorEnrolled, person: c.person.id, contract: c.person.contractID, context: context,
                  detail: method.rawValue)
    }

    func complete(
        _ tx: any StoreTransaction, _ c: Challenge, recovery: RecoveryCode?, remember: Bool, context: AccessContext,
        how: String
    ) throws -> SecondStepResult {
        let now = clock.now()
        guard let contract = try Rows.fetchContract(tx, id: c.person.contractID) else { throw DamagedRow(table: "contract") }
        try tx.completeChallenge(id: c.id, at: now)
        try tx.recordSecondStep(personID: c.person.id, at: now)
        var remembered = false
        if remember, let device = context.device {
            try tx.rememberTerminal(RememberedTerminalRecord(
                tokenHash: device.storedHash, personID: c.person.id, generation: c.person.twoFactorGeneration,
                lastSeen: now, rememberedAt: now))
            try audit(tx, .terminalRemembered, person: c.person.id, contract: contract.id, context: context)
            remembered = true
        }
        try audit(tx, .twoFactorSucceeded, person: c.person.id, contract: contract.id, context: context, detail: how)
        try audit(tx, .signInSucceeded, person: c.person.id, contract: contract.id, context: context, detail: "two-step")
        guard let person = try Rows.fetchPerson(tx, id: c.person.id)?.0 else { throw DamagedRow(table: "person") }
        try noticeFlow.signedIn(tx, person, context: context)  // NT-1: a new terminal is told
        return SecondStepResult(signedIn: SignedIn(person: person, contract: contract), recoveryCode: recovery,
                                remembered: remembered)
    }

    func secretBox(create: Bool) throws(EngineError) -> SecretBox {
        try shared.secretBox(create: create)
    }
}
