import FoundationEssentials
import GRDB

/// A successful sign-in: who, in which contract.
public struct SignedIn: Sendable, Equatable {
    public var person: Person
    public var contract: Contract
    /// The line of a first line-authenticated sign-in from West Japan: the
    /// 回線情報通知設定 screen is shown for it (LG-7).
    public var lineNotice: LineNumber? = nil
}

extension Engine {
    /// E-mail + password sign-in (LG-2, LK-1, CT-2).
    ///
    /// A wrong e-mail and a wrong password give the same error. Ten consecutive
    /// wrong passwords lock the account; the count is kept in the database inside
    /// one IMMEDIATE transaction, so processes signing in at once lock after
    /// exactly ten failures in total and send exactly one lock e-mail.
    /// After a right password, two-step verification may be asked (LG-3): the
    /// result is then a pending sign-in to complete with the second step.
    /// `purpose` says where the sign-in leads (MC-1): the settings entrance stays
    /// open under 回線認証のみ and, for the contractor, during the 15 days after a
    /// trial's end in which it can still move to the basic plan (CT-2).
    public func signIn(
        email rawEmail: String, password: String, purpose: SignInPurpose = .service, context: AccessContext
    ) throws(EngineError) -> SignInResult {
        let email = (try? EmailAddress(rawEmail))?.value
        let found: (Person, passwordHash: String?)? = try email.flatMap { e throws(EngineError) in
            try read { db in try Rows.fetchPerson(db, email: e) }
        }
        guard let (person, storedHash) = found, person.loginMethod == .emailPassword, let storedHash,
              password.utf8.count <= 4 * PasswordPolicy.maximumLength
        else {
            try hasher.burn(password)
            try transaction { db in
                try audit(db, .signInFailed, person: found?.0.id, contract: found?.0.contractID, context: context,
                          detail: found == nil ? "unknown address" : "no password sign-in for this person")
                return .success(())
            }
            throw .wrongCredentials
        }
        if person.isLocked {
            try transaction { db in
                try audit(db, .signInFailed, person: person.id, contract: person.contractID, context: context, detail: "locked")
                return .success(())
            }
            throw .locked
        }
        let correct = try hasher.verify(password, against: storedHash)
        if !correct {
            try transaction { db in try recordWrongPassword(db, personID: person.id, context: context) }
        }
        let rehash = hasher.needsRehash(storedHash) ? try hasher.hash(password) : nil
        return try transaction { db in
            guard let (current, currentHash) = try Rows.fetchPerson(db, id: person.id) else {
                return .failure(.wrongCredentials)
            }
            if current.isLocked { return .failure(.locked) }
            // The password changed between the check and now: the check no longer holds.
            guard currentHash == storedHash else { return .failure(.wrongCredentials) }
            guard let contract = try Rows.fetchContract(db, id: current.contractID) else { throw DamagedRow(table: "contract") }
            if let refusal = try admissionRefusal(db, current, contract, purpose: purpose, context: context) {
                return .failure(refusal)
            }
            try db.execute(
                sql: "UPDATE person SET failed_attempts = 0, password_hash = ? WHERE id = ?",
                arguments: [rehash ?? currentHash, current.id])
            return .success(try afterPassword(db, current, contract, context: effective(context, purpose: purpose)))
        }
    }

    /// Counts one wrong password; the tenth locks the account, issues the unlock
    /// link and mails it (LK-1, LK-2). Always a failure for the caller.
    func recordWrongPassword(_ db: Database, personID: Int64, context: AccessContext) throws -> Result<Never, EngineError> {
        guard let (person, _) = try Rows.fetchPerson(db, id: personID) else { return .failure(.wrongCredentials) }
        if person.isLocked {
            // Locked by another process since we looked: this attempt does not count.
            try audit(db, .signInFailed, person: person.id, contract: person.contractID, context: context, detail: "locked")
            return .failure(.locked)
        }
        let count = person.failedAttempts + 1
        let locks = LockoutPolicy.locks(afterFailures: count)
        try db.execute(
            sql: "UPDATE person SET failed_attempts = ?, locked_at = ? WHERE id = ?",
            arguments: [count, locks ? clock.now().timeIntervalSince1970 : nil, person.id])
        try audit(db, .signInFailed, person: person.id, contract: person.contractID, context: context,
                  detail: "wrong password (\(count))")
        guard locks else { return .failure(.wrongCredentials) }
        try announceLock(db, person, context: context)
        return .failure(.locked)
    }

    /// Locks the account now (ten wrong second-step codes, see `Engine+TwoStep`)
    /// and mails the unlock link (LK-2).
    func lockAccount(_ db: Database, _ person: Person, context: AccessContext) throws {
        try db.execute(sql: "UPDATE person SET locked_at = ? WHERE id = ? AND locked_at IS NULL",
                       arguments: [clock.now().timeIntervalSince1970, person.id])
        guard db.changesCount > 0 else { return }
        try announceLock(db, person, context: context)
    }

    private func announceLock(_ db: Database, _ person: Person, context: AccessContext) throws {
        try audit(db, .accountLocked, person: person.id, contract: person.contractID, context: context)
        let link = try issueTicket(db, .unlock, for: person, context: context)
        try queueEmail(db, to: person, mail.accountLock(name: person.salutationName, link: link), links: [link],
                       context: context)
    }
}

extension Engine {
    /// Why a person whose credentials are right may not enter now, audited; nil
    /// when they may. A cancelled trial (CT-2) admits only its contractor, only to
    /// the settings, and only while it can still move to the basic plan; 回線認証のみ
    /// (LA-1) refuses the service to a terminal not on a registered line, but not
    /// the settings entrance (MC-1).
    func admissionRefusal(
        _ db: Database, _ person: Person, _ contract: Contract, purpose: SignInPurpose, context: AccessContext
    ) throws -> EngineError? {
        let now = clock.now()
        if case .cancelled = contract.status(at: now) {
            let convertible = contract.trialStartedAt.map { TrialPolicy.canConvert(startedAt: $0, now: now) } ?? false
            guard purpose == .settings, person.role == .contractor, convertible else {
                try audit(db, .signInFailed, person: person.id, contract: contract.id, context: context,
                          detail: "contract cancelled")
                return .contractCancelled
            }
        }
        if purpose == .service, context.entrance == .lineAuthentication, !(try lineRegistered(db, contract, context)) {
            // LG-6: 回線認証エラー (not set up, or this line not registered).
            try audit(db, .signInFailed, person: person.id, contract: contract.id, context: context,
                      detail: "line authentication failed")
            return .lineAuthenticationFailed
        }
        if purpose == .service, contract.accessRoute == .lineOnly, context.entrance != .lineAuthentication {
            try audit(db, .signInFailed, person: person.id, contract: contract.id, context: context,
                      detail: "line authentication only")
            return .lineOnlyRoute
        }
        return nil
    }

    /// The context a sign-in goes on with: the settings entrance does not verify
    /// the line (it stays open to recover from a wrong one, MC-1), so it takes the
    /// second step as on the internet.
    func effective(_ context: AccessContext, purpose: SignInPurpose) -> AccessContext {
        guard purpose == .settings, context.entrance == .lineAuthentication else { return context }
        var c = context
        c.entrance = .internet
        return c
    }
}
