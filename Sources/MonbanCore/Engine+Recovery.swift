import FoundationEssentials
import GRDB

extension Engine {
    /// Opens an unlock link (LK-2): the account is unlocked and its failure count
    /// cleared. An expired link is refused as `.linkExpired(.unlock)`, which the UI
    /// answers by pointing to the password reset (LK-3).
    @discardableResult
    public func unlock(_ link: Link, context: AccessContext) throws(EngineError) -> Person {
        guard link.purpose == .unlock else { throw .linkNotForThis }
        return try transaction { db in
            try usingTicket(db, link, context: context) { ticket in
                try db.execute(sql: "UPDATE person SET locked_at = NULL, failed_attempts = 0, two_step_failures = 0 WHERE id = ?",
                               arguments: [ticket.person.id])
                try audit(db, .accountUnlocked, person: ticket.person.id, contract: ticket.person.contractID,
                          context: context, detail: "unlock link")
                guard let person = try Rows.fetchPerson(db, id: ticket.person.id)?.0 else { throw DamagedRow(table: "person") }
                return .success(person)
            }
        }
    }

    /// パスワードを忘れた方 (PW-1): mails a reset link to a person whose login
    /// method is e-mail + password. The answer is the same whether or not the
    /// address exists; only a malformed address is refused.
    public func requestPasswordReset(email rawEmail: String, context: AccessContext) throws(EngineError) {
        let email = try EmailAddress(rawEmail)
        try transaction { db in
            guard let (person, _) = try Rows.fetchPerson(db, email: email.value),
                  person.loginMethod == .emailPassword, person.registered
            else {
                try audit(db, .passwordResetRequested, context: context, detail: "no such password account")
                return .success(())
            }
            try audit(db, .passwordResetRequested, person: person.id, contract: person.contractID, context: context)
            let link = try issueTicket(db, .passwordReset, for: person, context: context)
            try queueEmail(db, to: person, mail.passwordReset(name: person.salutationName, link: link), links: [link],
                           context: context)
            return .success(())
        }
    }

    /// リセットパスワード (PW-2, PW-3): the new password twice, under the policy.
    /// Sets the password, releases the lock and resets two-step registration.
    /// A refused password leaves the link usable.
    @discardableResult
    public func resetPassword(
        _ link: Link, newPassword: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        guard link.purpose == .passwordReset else { throw .linkNotForThis }
        let hash = try hashNewPassword(for: link, newPassword, confirmation)
        return try transaction { db in
            try usingTicket(db, link, context: context) { ticket in
                let person = try setPassword(db, ticket.person, hash: hash, context: context, why: "password reset")
                return .success(person)
            }
        }
    }

    /// Completes 利用者ログイン登録 with a password (US-2, CT-4).
    @discardableResult
    public func completeRegistration(
        _ link: Link, password: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        guard link.purpose == .registration || link.purpose == .loginMethodChange else { throw .linkNotForThis }
        let hash = try hashNewPassword(for: link, password, confirmation)
        return try transaction { db in
            try usingTicket(db, link, context: context) { ticket in
                try db.execute(
                    sql: "UPDATE person SET password_hash = ?, login_method = 'email_password', registered = 1 WHERE id = ?",
                    arguments: [hash, ticket.person.id])
                try db.execute(sql: "DELETE FROM identity WHERE person_id = ?", arguments: [ticket.person.id])
                if link.purpose == .loginMethodChange {
                    // EM-5: a new login method starts a new two-step registration (TF-8).
                    try resetTwoStep(db, personID: ticket.person.id)
                    try audit(db, .loginMethodChanged, person: ticket.person.id, contract: ticket.person.contractID,
                              context: context, detail: LoginMethod.emailPassword.rawValue)
                }
                try audit(db, .registrationCompleted, person: ticket.person.id, contract: ticket.person.contractID,
                          context: context, detail: LoginMethod.emailPassword.rawValue)
                guard let person = try Rows.fetchPerson(db, id: ticket.person.id)?.0 else { throw DamagedRow(table: "person") }
                return .success(person)
            }
        }
    }

    /// Checks a password set through a link — the policy for the link's person,
    /// both entries equal — and hashes it, before the link is used.
    func hashNewPassword(for link: Link, _ password: String, _ confirmation: String) throws(EngineError) -> String {
        let info = try inspect(link)
        try PasswordPolicy.check(password, email: info.email)
        guard password == confirmation else { throw .passwordsDoNotMatch }
        return try hasher.hash(password)
    }

    /// Uses the link's ticket inside the caller's transaction and runs `body` with it;
    /// a refused ticket is reported (and audited) without running it.
    func usingTicket<T>(
        _ db: Database, _ link: Link, context: AccessContext, _ body: (TicketRow) throws -> Result<T, EngineError>
    ) throws -> Result<T, EngineError> {
        switch try consumeTicket(db, link, context: context) {
        case .failure(let e): return .failure(e)
        case .success(let ticket): return try body(ticket)
        }
    }

    /// Sets a new password hash, releases the lock, resets two-step registration
    /// (TF-8) and voids the person's other outstanding reset and unlock links.
    func setPassword(_ db: Database, _ person: Person, hash: String, context: AccessContext, why: String) throws -> Person {
        try db.execute(
            sql: """
                UPDATE person SET password_hash = ?, failed_attempts = 0, two_step_failures = 0, locked_at = NULL
                WHERE id = ?
                """,
            arguments: [hash, person.id])
        try resetTwoStep(db, personID: person.id)
        try db.execute(
            sql: "UPDATE ticket SET used_at = ? WHERE person_id = ? AND used_at IS NULL AND purpose IN ('reset', 'unlock')",
            arguments: [clock.now().timeIntervalSince1970, person.id])
        try audit(db, .passwordChanged, person: person.id, contract: person.contractID, context: context, detail: why)
        if person.isLocked {
            try audit(db, .accountUnlocked, person: person.id, contract: person.contractID, context: context, detail: why)
        }
        try audit(db, .twoFactorReset, person: person.id, contract: person.contractID, context: context, detail: why)
        guard let updated = try Rows.fetchPerson(db, id: person.id)?.0 else { throw DamagedRow(table: "person") }
        return updated
    }
}
