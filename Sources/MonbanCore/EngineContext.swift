import FoundationEssentials
import MonbanStore

/// What every flow of the engine shares: the store, time, randomness, the password
/// hasher, the service's settings and its mail templates; and the few things every
/// flow does with them (a transaction with typed errors, an audit entry, a queued
/// e-mail, a ticket).
struct EngineContext: Sendable {
    let store: any ContractStore
    let clock: any EngineClock
    let random: any RandomSource
    let hasher: PasswordHasher
    let settings: ServiceSettings
    /// The LDAP bind of Active Directory sign-in (LG-5).
    let directory: any DirectoryVerifier
    /// Where the audit chain's head goes after each commit that appended to it (issue 19 finding 9).
    var anchors: any AuditAnchorSink = NoAuditAnchors()
    let auditHead = AuditHeadTracker()

    var mail: MailTemplates { MailTemplates(service: settings.serviceName) }
    var sms: SMSTemplates { SMSTemplates(service: settings.serviceName) }

    // MARK: Store access with typed errors

    /// Runs `body` in one write transaction (IMMEDIATE: see `ContractStore`). The body
    /// returns a `Result` so that a refusal can still commit what it must record (a
    /// failure count, an audit entry) before the error reaches the caller.
    func transaction<T>(_ body: (any StoreTransaction) throws -> Result<T, EngineError>) throws(EngineError) -> T {
        let result: Result<T, EngineError>
        do {
            result = try store.write { tx in try body(tx) }
        } catch let e as EngineError {
            auditHead.discard()
            throw e
        } catch {
            auditHead.discard()
            throw mapped(error)
        }
        // Committed: the chain's new head, if it moved, goes outside the database (issue 19 finding 9).
        auditHead.publish(to: anchors, database: store.location)
        return try result.get()
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws(EngineError) -> T {
        do {
            return try store.read { tx in try body(tx) }
        } catch let e as EngineError {
            throw e
        } catch {
            throw mapped(error)
        }
    }

    func mapped(_ error: any Error) -> EngineError {
        if let e = error as? EngineError { return e }
        if error is DamagedRow { return .store(.corrupt(path: store.location)) }
        if let e = error as? SecretBoxError { return .secretKey(e) }
        return .store(store.storeError(error))
    }

    // MARK: Audit (AU-1)

    /// Appends one entry to the hash chain, inside the caller's transaction.
    func audit(
        _ tx: any StoreTransaction, _ event: AuditEvent, person: Int64? = nil, contract: Int64? = nil,
        context: AccessContext, detail: String = ""
    ) throws {
        let last = try tx.lastAuditLink()
        let previous: [UInt8] = last?.hash ?? AuditEntry.genesis
        let id: Int64 = (last?.id ?? 0) + 1
        let at = clock.now()
        let line = context.line ?? ""
        // Keyed with the audit key, which is not in the database (issue 19 finding 9); made
        // at the first entry that needs it, the entries before it staying the legacy prefix.
        let key = try AuditKey.open(at: auditKeyPath, create: true, entriesSoFar: last?.id ?? 0, random: random)
        let hash = AuditEntry.chainHash(
            key: key?.key(forEntry: id), previous: previous, id: id, at: at, event: event.rawValue, personID: person,
            contractID: contract, terminal: context.terminal, line: line, detail: detail)
        try tx.appendAudit(AuditRecord(
            id: id, at: at, event: event.rawValue, personID: person, contractID: contract, terminal: context.terminal,
            line: line, detail: detail, previousHash: previous, hash: hash))
        auditHead.appended(AuditAnchor(count: id, hash: hash))
    }

    /// The audit key file (issue 19 finding 9): beside the database, never in it.
    var auditKeyPath: String { AuditKey.path(forDatabase: store.keyFileBase) }

    // MARK: Outbox (TK-3)

    func queueEmail(
        _ tx: any StoreTransaction, to person: Person, address: String? = nil, _ mail: MailTemplates.Mail, links: [String],
        context: AccessContext
    ) throws {
        // The links (tickets) sealed, never in clear (issue 19 finding 4, TM-2).
        try queueSealed(tx, kind: .email, to: address ?? person.email, subject: mail.subject, body: mail.body,
                        links: links, personID: person.id)
        try audit(tx, .messageQueued, person: person.id, contract: person.contractID, context: context,
                  detail: "email: \(mail.subject)")
    }

    // MARK: Tickets (TK-1)

    /// Issues a ticket for `person` inside the caller's transaction and returns its link (TK-1).
    func issueTicket(
        _ tx: any StoreTransaction, _ purpose: TicketPurpose, for person: Person, payload: String = "", context: AccessContext
    ) throws -> String {
        let ticket = try Ticket.generate(using: random)
        let now = clock.now()
        // Bound to the person's address now (TM-3): an address change voids it, and a
        // ticket whose person's address is another one is refused (TicketBook).
        try tx.insertTicket(hash: ticket.storedHash, purpose: purpose.rawValue, personID: person.id, payload: payload,
                            addressHash: Ticket.addressHash(person.email), createdAt: now,
                            expiresAt: now + Ticket.lifetime)
        try audit(tx, .linkIssued, person: person.id, contract: person.contractID, context: context, detail: purpose.rawValue)
        return settings.link(purpose, ticket)
    }
}
