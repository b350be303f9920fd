import FoundationEssentials
import MonbanStore

/// monban's domain engine: every rule of the manual, over one database, with
/// time and randomness injected. No UI and no terminal here.
public final class Engine: Sendable {
    /// The SQLite file (tests and the operator commands reach it directly).
    public let database: MonbanDatabase
    /// What the engine reads and writes through: the SQLite file behind its protocol.
    let store: any ContractStore
    public let clock: any EngineClock
    public let random: any RandomSource
    public let hasher: PasswordHasher
    public let settings: ServiceSettings
    /// The LDAP bind of Active Directory sign-in (LG-5).
    public let directory: any DirectoryVerifier

    public init(
        database: MonbanDatabase, clock: any EngineClock = SystemClock(), random: any RandomSource = SystemRandom(),
        passwordCost: PasswordHasher.Cost = .shipped, settings: ServiceSettings = ServiceSettings(),
        directory: any DirectoryVerifier = NoDirectory()
    ) {
        self.directory = directory
        self.database = database
        self.store = database
        self.clock = clock
        self.random = random
        self.hasher = PasswordHasher(cost: passwordCost, random: random)
        self.settings = settings
    }

    var mail: MailTemplates { MailTemplates(service: settings.serviceName) }

    // MARK: Store access with typed errors

    /// Runs `body` in one write transaction (IMMEDIATE: see `ContractStore`). The body
    /// returns a `Result` so that a refusal can still commit what it must record (a
    /// failure count, an audit entry) before the error reaches the caller.
    func transaction<T>(_ body: (any StoreTransaction) throws -> Result<T, EngineError>) throws(EngineError) -> T {
        let result: Result<T, EngineError>
        do {
            result = try store.write { tx in try body(tx) }
        } catch let e as EngineError {
            throw e
        } catch {
            throw mapped(error)
        }
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
        let hash = AuditEntry.chainHash(
            previous: previous, id: id, at: at, event: event.rawValue, personID: person, contractID: contract,
            terminal: context.terminal, line: line, detail: detail)
        try tx.appendAudit(AuditRecord(
            id: id, at: at, event: event.rawValue, personID: person, contractID: contract, terminal: context.terminal,
            line: line, detail: detail, previousHash: previous, hash: hash))
    }

    // MARK: Outbox (TK-3)

    func queueEmail(
        _ tx: any StoreTransaction, to person: Person, address: String? = nil, _ mail: MailTemplates.Mail, links: [String],
        context: AccessContext
    ) throws {
        let linksJSON = String(decoding: try JSONEncoder().encode(links), as: UTF8.self)
        try tx.insertOutboxMessage(NewOutboxMessage(
            kind: OutboxMessage.Kind.email.rawValue, recipient: address ?? person.email, subject: mail.subject,
            body: mail.body, links: linksJSON, createdAt: clock.now(), personID: person.id))
        try audit(tx, .messageQueued, person: person.id, contract: person.contractID, context: context,
                  detail: "email: \(mail.subject)")
    }
}
