import FoundationEssentials
import MonbanStore

/// Getting back in (LK-2, PW-1..PW-3): the unlock link, パスワードを忘れた方 and
/// リセットパスワード, and the password set through a link.
struct RecoveryFlow: EngineFlow {
    let shared: EngineContext

    /// Opens an unlock link (LK-2): the account is unlocked and its failure count
    /// cleared. An expired link is refused as `.linkExpired(.unlock)`, which the UI
    /// answers by pointing to the password reset (LK-3).
    @discardableResult
    func unlock(_ link: Link, context: AccessContext) throws(EngineError) -> Person {
        guard link.purpose == .unlock else { throw .linkNotForThis }
        return try transaction { tx in
            try ticketBook.usingTicket(tx, link, context: context) { ticket in
                try tx.unlock(personID: ticket.person.id)
                try audit(tx, .accountUnlocked, person: ticket.person.id, contract: ticket.person.contractID,
                          context: context, detail: "unlock link")
                guard let person = try Rows.fetchPerson(tx, id: ticket.person.id)?.0 else { throw DamagedRow(table: "person") }
                return .success(person)
            }
        }
    }

    /// パスワードを忘れた方 (PW-1): mails a reset link to a person whose login
    /// method is e-mail + password. The answer is the same whether or not the
    /// address exists; only a malformed address is refused.
    func requestPasswordReset(email rawEmail: String, context: AccessContext) throws(EngineError) {
        let email = try EmailAddress(rawEmail)
        try transaction { tx -> Result<Void, EngineError> in
            // RL-1 (issue 19 finding 13): at most so many reset and unlock mails to an address an
            // hour, counted for every address asked, registered or not, so the cap tells nothing.
            if let cap = try RateLimiter(clock: clock).admit(tx, [(RateCap.mailPerAddress, email.value)]) {
                let person = try Rows.fetchPerson(tx, email: email.value)?.0
                try audit(tx, .rateLimited, person: person?.id, contract: person?.contractID, context: context,
                          detail: "password reset: \(cap.rawValue) cap of \(cap.limit) an hour reached")
                return .failure(.rateLimited(cap))
            }
            guard let (person, _) = try Rows.fetchPerson(tx, email: email.value),
                  person.loginMethod == .emailPassword, person.registered
            else {
                try audit(tx, .passwordResetRequested, context: context, detail: "no such password account")
                return .success(())
            }
            try audit(tx, .passwordResetRequested, person: person.id, contract: person.contractID, context: context)
            let link = try issueTicket(tx, .passwordReset, for: person, context: context)
            try queueEmail(tx, to: person, mail.passwordReset(name: person.salutationName, link: link), links: [link],
                           context: context)
            return .success(())
        }
    }

    /// リセットパスワード (PW-2, PW-3): the new password twice, under the policy.
    /// Sets the password, releases the lock and resets two-step registration.
    /// A refused password leaves the link usable.
    @discardableResult
    func resetPassword(
        _ link: Link, newPassword: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        guard link.purpose == .passwordReset else { throw .linkNotForThis }
        let hash = try hashNewPassword(for: link, newPassword, confirmation)
        return try transaction { tx in
            try ticketBook.usingTicket(tx, link, context: context) { ticket in
                let person = try setPassword(tx, ticket.person, hash: hash, context: context, why: "password reset")
                try noticeFlow.notify(tx, person, .passwordReset, context: context)  // NT-1
                return .success(person)
            }
        }
    }

    /// Checks a password set through a link — the policy for the link's person,
    /// both entries equal — and hashes it, before the link is used.
    func hashNewPassword(for link: Link, _ password: String, _ confirmation: String) throws(EngineError) -> String {
        let info = try ticketBook.inspect(link)
        try PasswordPolicy.check(password, email: info.email)
        guard password == confirmation else { throw .passwordsDoNotMatch }
        return try hasher.hash(password)
    }

    /// Uses the link's ticket inside the caller's transaction and runs `body` with it;
    /// a refused ticket is reported (and audited) without running it.
    func usingTicket<T>(
        _ tx: any StoreTransaction, _ link: Link, context: AccessContext, _ body: (TicketBook.Usable) throws -> Result<T, EngineError>
    ) throws -> Result<T, EngineError> {
        switch try ticketBook.consumeTicket(tx, link, context: context) {
        case .failure(let e): return .failure(e)
        case .success(let ticket): return try body(ticket)
        }
    }

    /// Sets a new password hash, releases the lock, resets two-step registration
    /// (TF-8) and voids the person's other outstanding reset and unlock links.
    @discardableResult
    func setPassword(_ tx: any StoreTransaction, _ person: Person, hash: String, context: AccessContext, why: String) throws -> Person {
        try tx.setPasswordReleasingLock(personID: person.id, passwordHash: hash)
        try twoStepFlow.resetTwoStep(tx, personID: person.id)
        try ticketBook.voidTickets(tx, personID: person.id, purposes: [.passwordReset, .unlock])
        try audit(tx, .passwordChanged, person: person.id, contract: person.contractID, context: context, detail: why)
        if person.isLocked {
            try audit(tx, .accountUnlocked, person: person.id, contract: person.contractID, context: context, detail: why)
        }
        try audit(tx, .twoFactorReset, person: person.id, contract: person.contractID, context: context, detail: why)
        guard let updated = try Rows.fetchPerson(tx, id: person.id)?.0 else { throw DamagedRow(table: "person") }
        return updated
    }
}
