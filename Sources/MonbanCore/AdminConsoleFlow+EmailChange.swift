import FoundationEssentials
import MonbanStore

/// The 管理コンソール's メールアドレス変更 (EM-2) and what guards it (issue 19 finding 7):
/// an administrator's change of a registered person's address is approved from that
/// person's current address first; the contractor's tells the current address; and
/// every action on another account asks the actor's password again once it is older
/// than `ConsolePolicy.stepUpWindow`.
extension AdminConsoleFlow {
    /// メールアドレス変更 (送信) of the ユーザ詳細 (EM-2): with the address unchanged,
    /// the ログイン方法の設定変更 link to it; with a new one, the メールアドレス変更登録
    /// link to the new address; never both at once. Not for the contractor, who
    /// uses the menu (MC-2, EM-1). Earlier links of the same kind are voided.
    ///
    /// A new address for someone who has registered, asked by an administrator, is not
    /// mailed a link at once: メールアドレス変更の確認 goes to the CURRENT address, and only
    /// its link (`approveEmailChange`) sends the change link to the new one — so an
    /// administrator cannot move another person's account to a mailbox they hold, then
    /// take it with a login-method-change link. The contractor's change goes ahead, and
    /// the current address is told (メールアドレス変更受付のお知らせ).
    func sendEmailChange(
        by actorID: Int64, personID: Int64, address typed: String, authenticatedAt: Date, context: AccessContext
    ) throws(EngineError) -> ConsoleMail {
        let address = try EmailAddress(typed)
        return try transaction { tx in
            let w: (actor: Person, target: Person, contract: Contract)
            switch try consoleActionTarget(tx, actorID, personID, authenticatedAt: authenticatedAt) {
            case .failure(let e): return .failure(e)
            case .success(let found): w = found
            }
            guard w.target.role != .contractor else { return .failure(.notPermitted) }
            let name = w.target.salutationName
            if address.value.lowercased() == w.target.email.lowercased() {
                if !w.target.registered {
                    try ticketBook.voidTickets(tx, personID: personID, purposes: [.registration])
                    let link = try issueTicket(tx, .registration, for: w.target, context: context)
                    try queueEmail(tx, to: w.target, mail.registrationInvitation(name: name, link: link), links: [link],
                                   context: context)
                    return .success(.registration(to: w.target.email))
                }
                try ticketBook.voidTickets(tx, personID: personID, purposes: [.loginMethodChange])
                let link = try issueTicket(tx, .loginMethodChange, for: w.target, context: context)
                try queueEmail(tx, to: w.target, mail.loginMethodChange(name: name, link: link), links: [link],
                               context: context)
                return .success(.loginMethodChange(to: w.target.email))
            }
            if try Rows.fetchPerson(tx, email: address.value) != nil { return .failure(.emailInUse) }
            try ticketBook.voidTickets(tx, personID: personID, purposes: [.emailChange, .emailChangeApproval])
            let by = "by \(w.actor.role.rawValue) \(w.actor.id)"
            if ConsolePolicy.needsApproval(actor: w.actor.role, targetRegistered: w.target.registered) {
                let link = try issueTicket(tx, .emailChangeApproval, for: w.target, payload: address.value,
                                           context: context)
                try audit(tx, .emailChangeRequested, person: personID, contract: w.contract.id, context: context,
                          detail: by + ", approval asked")
                try queueEmail(tx, to: w.target, mail.emailChangeApproval(name: name, newAddress: address.value, link: link),
                               links: [link], context: context)
                return .success(.approvalRequested(from: w.target.email, to: address.value))
            }
            // The link, its request and its mail, in this order (the audit groups them).
            let link = try issueTicket(tx, .emailChange, for: w.target, payload: address.value, context: context)
            try audit(tx, .emailChangeRequested, person: personID, contract: w.contract.id, context: context, detail: by)
            try queueEmail(tx, to: w.target, address: address.value, mail.emailChange(name: name, link: link),
                           links: [link], context: context)
            if w.target.registered {
                try queueEmail(tx, to: w.target, mail.emailChangeRequested(name: name, newAddress: address.value),
                               links: [], context: context)
            }
            return .success(.emailChange(to: address.value))
        }
    }

    /// Opens a メールアドレス変更の確認 link (issue 19 finding 7): the person, from their
    /// current address, approves an administrator's change of it; the メールアドレス変更登録
    /// link then goes to the new address (EM-2), where the change completes as ever
    /// (EM-3, EM-4). Returns the new address. The link is bound to the current address
    /// like every ticket (TM-3).
    func approveEmailChange(_ link: Link, context: AccessContext) throws(EngineError) -> String {
        guard link.purpose == .emailChangeApproval else { throw .linkNotForThis }
        return try transaction { tx in
            // A refusal before the ticket is used leaves the link usable.
            if case .success(let t) = try ticketBook.validTicket(tx, link),
               let other = try Rows.fetchPerson(tx, email: t.payload)?.0, other.id != t.person.id
            {
                try audit(tx, .linkRefused, person: t.person.id, contract: t.person.contractID, context: context,
                          detail: "email_change_approval: address taken")
                return .failure(.emailInUse)
            }
            return try ticketBook.usingTicket(tx, link, context: context) { ticket in
                guard let address = try? EmailAddress(ticket.payload) else { return .failure(.linkInvalid) }
                try ticketBook.voidTickets(tx, personID: ticket.person.id, purposes: [.emailChange])
                try audit(tx, .emailChangeApproved, person: ticket.person.id, contract: ticket.person.contractID,
                          context: context)
                let change = try issueTicket(tx, .emailChange, for: ticket.person, payload: address.value,
                                             context: context)
                try audit(tx, .emailChangeRequested, person: ticket.person.id, contract: ticket.person.contractID,
                          context: context, detail: "approved from the current address")
                try queueEmail(tx, to: ticket.person, address: address.value,
                               mail.emailChange(name: ticket.person.salutationName, link: change), links: [change],
                               context: context)
                return .success(address.value)
            }
        }
    }

    /// The console's password prompt (ASVS 7.5.3): the actor, signed in with a password,
    /// gives it again; a wrong one counts toward the lock like a wrong sign-in (LK-1).
    /// Returns the time it was given, which `authenticatedAt` then carries. People who
    /// sign in with a federated or AD account sign in again instead.
    func confirmPassword(by actorID: Int64, password: String, context: AccessContext) throws(EngineError) -> Date {
        let found = try read { tx -> Result<(Person, String), EngineError> in
            switch try consoleActor(tx, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let who):
                guard who.person.loginMethod == .emailPassword,
                      let hash = try Rows.fetchPerson(tx, id: actorID)?.passwordHash
                else { return .failure(.notPermitted) }
                return .success((who.person, hash))
            }
        }
        let (actor, hash) = try found.get()
        try settingsFlow.checkCurrentPassword(password, hash, personID: actorID, context: context)
        let now = clock.now()
        try transaction { tx in
            try audit(tx, .passwordConfirmed, person: actor.id, contract: actor.contractID, context: context,
                      detail: "console")
            return .success(())
        }
        return now
    }
}
