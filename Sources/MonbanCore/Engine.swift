import FoundationEssentials
import MonbanStore

/// monban's domain engine: every rule of the manual, over one database, with
/// time and randomness injected. No UI and no terminal here.
public final class Engine: Sendable {
    /// The SQLite file (tests and the operator commands reach it directly).
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
        self.shared = EngineContext(store: database, clock: clock, random: random, hasher: hasher, settings: settings)
    }

    /// What every flow shares (store, clock, randomness, hasher, settings, templates).
    let shared: EngineContext

    /// What the engine reads and writes through: the SQLite file behind its protocol.
    var store: any ContractStore { shared.store }
    var mail: MailTemplates { shared.mail }

    // MARK: The shared context's work, for the flows still written as Engine extensions

    func transaction<T>(_ body: (any StoreTransaction) throws -> Result<T, EngineError>) throws(EngineError) -> T {
        try shared.transaction(body)
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws(EngineError) -> T {
        try shared.read(body)
    }

    func audit(
        _ tx: any StoreTransaction, _ event: AuditEvent, person: Int64? = nil, contract: Int64? = nil,
        context: AccessContext, detail: String = ""
    ) throws {
        try shared.audit(tx, event, person: person, contract: contract, context: context, detail: detail)
    }

    func queueEmail(
        _ tx: any StoreTransaction, to person: Person, address: String? = nil, _ mail: MailTemplates.Mail, links: [String],
        context: AccessContext
    ) throws {
        try shared.queueEmail(tx, to: person, address: address, mail, links: links, context: context)
    }

    func issueTicket(
        _ tx: any StoreTransaction, _ purpose: TicketPurpose, for person: Person, payload: String = "", context: AccessContext
    ) throws -> String {
        try shared.issueTicket(tx, purpose, for: person, payload: payload, context: context)
    }
}
