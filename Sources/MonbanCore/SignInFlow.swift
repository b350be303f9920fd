import FoundationEssentials
import MonbanStore

/// A successful sign-in: who, in which contract.
public struct SignedIn: Sendable, Equatable {
    public var person: Person
    public var contract: Contract
    /// The line of a first line-authenticated sign-in from West Japan: the
    /// 回線情報通知設定 screen is shown for it (LG-7).
    public var lineNotice: LineNumber? = nil
}

/// What a right password leads to (LG-3): signed in, or a pending sign-in for the
/// second step. The two-step flow's part, called by the sign-in flow.
protocol SecondStepGate: Sendable {
    func afterPassword(_ tx: any StoreTransaction, _ person: Person, _ contract: Contract, context: AccessContext) throws
        -> SignInResult
}

/// Where a person's password sign-in stands, read from their row once (LK-1, LK-2):
/// the sign-in flow decides on this, never on the columns themselves.
enum PasswordLock: Sendable, Equatable {
    /// Open, after `failures` consecutive wrong passwords.
    case open(failures: Int)
    /// Locked since `since` (ten wrong passwords, or ten wrong second-step codes),
    /// until the unlock link, a password reset or an administrator releases it.
    case locked(since: Date)

    init(_ person: Person) {
        if let since = person.lockedAt {
            self = .locked(since: since)
        } else {
            self = .open(failures: person.failedAttempts)
        }
    }
}

/// E-mail + password sign-in and the account lock (LG-2, LK-1, LK-2), with the
/// admission rules every sign-in passes (CT-2, LA-1, LG-6).
struct SignInFlow: EngineFlow {
    let shared: EngineContext
    /// The second step after a right password (the two-step flow).
    let secondStep: any SecondStepGate

    /// E-mail + password sign-in (LG-2, LK-1, CT-2).
    ///
    /// A wrong e-mail and a wrong password give the same error. Ten consecutive
    /// wrong passwords lock the account; the count is kept in the store inside
    /// one write transaction, so processes signing in at once lock after
    /// exactly ten failures in total and send exactly one lock e-mail.
    /// After a right password, two-step verification may be asked (LG-3): the
    /// result is then a pending sign-in to complete with the second step.
    /// `purpose` says where the sign-in leads (MC-1): the settings entrance stays
    /// open under 回線認証のみ and, for the contractor, during the 15 days after a
    /// trial's end in which it can still move to the basic plan (CT-2).
    func signIn(
        email rawEmail: String, password: String, purpose: SignInPurpose, context: AccessContext
    ) throws(EngineError) -> SignInResult {
        let hasher = shared.hasher
        let email = (try? EmailAddress(rawEmail))?.value
        let found: (Person, passwordHash: String?)? = try email.flatMap { e throws(EngineError) in
            try shared.read { tx in try Rows.fetchPerson(tx, email: e) }
        }
        guard let (person, storedHash) = found, person.loginMethod == .emailPassword, let storedHash,
              password.utf8.count <= 4 * PasswordPolicy.maximumLength
        else {
            try hasher.burn(password)
            try shared.transaction { tx in
                try shared.audit(tx, .signInFailed, person: found?.0.id, contract: found?.0.contractID, context: context,
                                 detail: found == nil ? "unknown address" : "no password sign-in for this person")
                return .success(())
            }
            throw .wrongCredentials
        }
        if case .locked = PasswordLock(person) {
            try shared.transaction { tx in
                try shared.audit(tx, .signInFailed, person: person.id, contract: person.contractID, context: context,
                                 detail: "locked")
                return .success(())
            }
            throw person.lockError
        }
        let correct = try hasher.verify(password, against: storedHash)
        if !correct {
            try shared.transaction { tx in try recordWrongPassword(tx, personID: person.id, context: context) }
        }
        let rehash = hasher.needsRehash(storedHash) ? try hasher.hash(password) : nil
        return try shared.transaction { tx in
            guard let (current, currentHash) = try Rows.fetchPerson(tx, id: person.id) else {
                return .failure(.wrongCredentials)
            }
            if case .locked = PasswordLock(current) { return .failure(current.lockError) }
            // The password changed between the check and now: the check no longer holds.
            guard let currentHash, currentHash == storedHash else { return .failure(.wrongCredentials) }
            guard let contract = try Rows.fetchContract(tx, id: current.contractID) else { throw DamagedRow(table: "contract") }
            if let refusal = try admissionRefusal(tx, current, contract, purpose: purpose, context: context) {
                return .failure(refusal)
            }
            try tx.recordRightPassword(personID: current.id, passwordHash: rehash ?? currentHash)
            return .success(try secondStep.afterPassword(
                tx, current, contract, context: Self.effective(context, purpose: purpose)))
        }
    }

    /// Counts one wrong password; the tenth locks the account, issues the unlock
    /// link and mails it (LK-1, LK-2). Always a failure for the caller. An Active
    /// Directory refusal counts here too (`what` names it in the audit log, issue 19
    /// finding 11): the same count and the same lock as a wrong password.
    func recordWrongPassword(
        _ tx: any StoreTransaction, personID: Int64, context: AccessContext, what: String = "wrong password"
    ) throws -> Result<Never, EngineError> {
        guard let (person, _) = try Rows.fetchPerson(tx, id: personID) else { return .failure(.wrongCredentials) }
        switch PasswordLock(person) {
        case .locked:
            // Locked by another process since we looked: this attempt does not count.
            try shared.audit(tx, .signInFailed, person: person.id, contract: person.contractID, context: context,
                             detail: "locked")
            return .failure(person.lockError)
        case .open(let failures):
            let count = failures + 1
            let locks = LockoutPolicy.locks(afterFailures: count)
            try tx.setFailedAttempts(personID: person.id, count: count, lockedAt: locks ? shared.clock.now() : nil)
            try shared.audit(tx, .signInFailed, person: person.id, contract: person.contractID, context: context,
                             detail: "\(what) (\(count))")
            guard locks else { return .failure(.wrongCredentials) }
            try announceLock(tx, person, context: context)
            return .failure(.locked(.wrongPasswords))
        }
    }

    /// Locks the account now (ten wrong second-step codes, see `TwoStepFlow.wrongCode`)
    /// and mails the unlock link (LK-2), unless another process locked it first.
    func lockAccount(_ tx: any StoreTransaction, _ person: Person, context: AccessContext) throws {
        guard try tx.lock(personID: person.id, at: shared.clock.now()) else { return }
        try announceLock(tx, person, context: context)
    }

    private func announceLock(_ tx: any StoreTransaction, _ person: Person, context: AccessContext) throws {
        try shared.audit(tx, .accountLocked, person: person.id, contract: person.contractID, context: context)
        // RL-1 (issue 19 finding 13): the unlock mail is always sent (one per lock, and a new lock
        // needs the owner to unlock first, so it cannot flood) and counts toward the address's cap.
        try RateLimiter(clock: shared.clock).count(tx, .mailPerAddress, person.email)
        let link = try shared.issueTicket(tx, .unlock, for: person, context: context)
        try shared.queueEmail(tx, to: person, shared.mail.accountLock(name: person.salutationName, link: link),
                              links: [link], context: context)
    }

    // MARK: Admission (CT-2, LA-1, LG-6, MC-1)

    /// Why a person whose credentials are right may not enter now, audited; nil
    /// when they may. A cancelled trial (CT-2) admits only its contractor, only to
    /// the settings, and only while it can still move to the basic plan; 回線認証のみ
    /// (LA-1) refuses the service to a terminal not on a registered line, but not
    /// the settings entrance (MC-1).
    func admissionRefusal(
        _ tx: any StoreTransaction, _ person: Person, _ contract: Contract, purpose: SignInPurpose, context: AccessContext
    ) throws -> EngineError? {
        let now = shared.clock.now()
        if case .cancelled = contract.status(at: now) {
            let convertible = contract.trialStartedAt.map { TrialPolicy.canConvert(startedAt: $0, now: now) } ?? false
            guard purpose == .settings, person.role == .contractor, convertible else {
                try shared.audit(tx, .signInFailed, person: person.id, contract: contract.id, context: context,
                                 detail: "contract cancelled")
                return .contractCancelled
            }
        }
        if purpose == .service, context.entrance == .lineAuthentication, !(try lineRegistered(tx, contract, context)) {
            // LG-6: 回線認証エラー (not set up, or this line not registered).
            try shared.audit(tx, .signInFailed, person: person.id, contract: contract.id, context: context,
                             detail: "line authentication failed")
            return .lineAuthenticationFailed
        }
        if purpose == .service, contract.accessRoute == .lineOnly, context.entrance != .lineAuthentication {
            try shared.audit(tx, .signInFailed, person: person.id, contract: contract.id, context: context,
                             detail: "line authentication only")
            return .lineOnlyRoute
        }
        return nil
    }

    /// Whether the terminal's line is one of the contract's (LG-6).
    func lineRegistered(_ tx: any StoreReader, _ contract: Contract, _ context: AccessContext) throws -> Bool {
        guard let line = context.line.flatMap(LineNumber.init) else { return false }
        return try tx.lineArea(contractID: contract.id, number: line.value) != nil
    }

    /// The line whose 回線情報通知設定 is due (LG-7): a verified West-Japan line not asked before.
    func lineNoticeDue(_ tx: any StoreReader, _ contract: Contract, _ context: AccessContext) throws -> LineNumber? {
        guard context.entrance == .lineAuthentication, let line = context.line.flatMap(LineNumber.init) else { return nil }
        let area = try tx.lineArea(contractID: contract.id, number: line.value)
        guard area == LineArea.west.rawValue else { return nil }
        let asked = try tx.lineNoticeDecided(contractID: contract.id, number: line.value)
        return asked ? nil : line
    }

    /// The context a sign-in goes on with: the settings entrance does not verify
    /// the line (it stays open to recover from a wrong one, MC-1), so it takes the
    /// second step as on the internet.
    static func effective(_ context: AccessContext, purpose: SignInPurpose) -> AccessContext {
        guard purpose == .settings, context.entrance == .lineAuthentication else { return context }
        var c = context
        c.entrance = .internet
        return c
    }

    /// A sign-in ended on this terminal (issue 20 item 8): audited with why, under the person
    /// and their contract, so the 操作ログ shows when each sign-in ended.
    func recordSignOut(personID: Int64, reason: SignOutReason, context: AccessContext) throws(EngineError) {
        try transaction { tx in
            guard let person = try Rows.fetchPerson(tx, id: personID)?.0 else { return .success(()) }
            try audit(tx, .signedOut, person: person.id, contract: person.contractID, context: context,
                      detail: reason.rawValue)
            return .success(())
        }
    }
}
