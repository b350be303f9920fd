import FoundationEssentials
import GRDB
import MonbanStore

/// monban's domain engine: every rule of the manual, over one database, with
/// time and randomness injected. No UI and no terminal here.
public final class Engine: Sendable {
    public let database: MonbanDatabase
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
        self.clock = clock
        self.random = random
        self.hasher = PasswordHasher(cost: passwordCost, random: random)
        self.settings = settings
    }

    var mail: MailTemplates { MailTemplates(service: settings.serviceName) }

    // MARK: Database access with typed errors

    /// Runs `body` in one IMMEDIATE transaction. The body returns a `Result` so that
    /// a refusal can still commit what it must record (a failure count, an audit
    /// entry) before the error reaches the caller.
    func transaction<T>(_ body: (Database) throws -> Result<T, EngineError>) throws(EngineError) -> T {
        let result: Result<T, EngineError>
        do {
            result = try database.queue.write { db in try body(db) }
        } catch let e as EngineError {
            throw e
        } catch {
            throw mapped(error)
        }
        return try result.get()
    }

    func read<T>(_ body: (Database) throws -> T) throws(EngineError) -> T {
        do {
            return try database.queue.read { db in try body(db) }
        } catch let e as EngineError {
            throw e
        } catch {
            throw mapped(error)
        }
    }

    func mapped(_ error: any Error) -> EngineError {
        if let e = error as? EngineError { return e }
        if error is DamagedRow { return .store(.corrupt(path: database.path)) }
        if let e = error as? SecretBoxError { return .secretKey(e) }
        return .store(MonbanDatabase.map(error, path: database.path))
    }

    // MARK: Audit (AU-1)

    /// Appends one entry to the hash chain, inside the caller's transaction.
    func audit(
        _ db: Database, _ event: AuditEvent, person: Int64? = nil, contract: Int64? = nil,
        context: AccessContext, detail: String = ""
    ) throws {
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
        let previous: [UInt8] = last.map { Array($0["hash"] as Data) } ?? AuditEntry.genesis
        let id: Int64 = (last?["id"] as Int64? ?? 0) + 1
        let at = clock.now()
        let line = context.line ?? ""
        let hash = AuditEntry.chainHash(
            previous: previous, id: id, at: at, event: event.rawValue, personID: person, contractID: contract,
            terminal: context.terminal, line: line, detail: detail)
        try db.execute(
            sql: """
                INSERT INTO audit (id, at, event, person_id, contract_id, terminal, line, detail, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, at.timeIntervalSince1970, event.rawValue, person, contract, context.terminal, line, detail,
                Data(previous), Data(hash),
            ])
    }

    // MARK: Outbox (TK-3)

    func queueEmail(
        _ db: Database, to person: Person, address: String? = nil, _ mail: MailTemplates.Mail, links: [String],
        context: AccessContext
    ) throws {
        let linksJSON = String(decoding: try JSONEncoder().encode(links), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO outbox (kind, recipient, subject, body, links, created_at, person_id)
                VALUES ('email', ?, ?, ?, ?, ?, ?)
                """,
            arguments: [address ?? person.email, mail.subject, mail.body, linksJSON, clock.now().timeIntervalSince1970,
                        person.id])
        try audit(db, .messageQueued, person: person.id, contract: person.contractID, context: context,
                  detail: "email: \(mail.subject)")
    }
}
