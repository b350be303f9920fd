import FoundationEssentials
import MonbanStore

/// monban's domain engine: every rule of the manual, over one database, with
/// time and randomness injected. No UI and no terminal here.
public final class Engine: EngineFlow, Sendable {
    /// The store every flow reads and writes through: the engine knows only its protocol,
    /// so a second implementation needs no change here (ST-1).
    public let store: any ContractStore
    public let clock: any EngineClock
    public let random: any RandomSource
    public let hasher: PasswordHasher
    public let settings: ServiceSettings
    /// The LDAP bind of Active Directory sign-in (LG-5).
    public let directory: any DirectoryVerifier

    public init(
        store: any ContractStore, clock: any EngineClock = SystemClock(), random: any RandomSource = SystemRandom(),
        passwordCost: PasswordHasher.Cost = .shipped, settings: ServiceSettings = ServiceSettings(),
        directory: any DirectoryVerifier = NoDirectory(), anchors: any AuditAnchorSink = NoAuditAnchors()
    ) {
        self.directory = directory
        self.store = store
        self.clock = clock
        self.random = random
        self.hasher = PasswordHasher(cost: passwordCost, random: random)
        self.settings = settings
        var shared = EngineContext(store: store, clock: clock, random: random, hasher: hasher, settings: settings,
                                   directory: directory)
        // The audit chain's head after each commit (issue 19 finding 9).
        shared.anchors = anchors
        self.shared = shared
    }

    /// The engine over a SQLite file (the store of one terminal and of the demo).
    public convenience init(
        database: MonbanDatabase, clock: any EngineClock = SystemClock(), random: any RandomSource = SystemRandom(),
        passwordCost: PasswordHasher.Cost = .shipped, settings: ServiceSettings = ServiceSettings(),
        directory: any DirectoryVerifier = NoDirectory(), anchors: any AuditAnchorSink = NoAuditAnchors()
    ) {
        self.init(store: database, clock: clock, random: random, passwordCost: passwordCost, settings: settings,
                  directory: directory, anchors: anchors)
    }

    /// The SQLite file under this engine, for the tools that read it directly (tests, the
    /// crash-safety worker, benchmarks); an engine on another store has none.
    public var database: MonbanDatabase {
        get throws(EngineError) {
            guard let database = store as? MonbanDatabase else {
                throw .store(.unavailable(path: store.location, reason: .other("not a SQLite store")))
            }
            return database
        }
    }

    /// What every flow shares (store, clock, randomness, hasher, settings, templates).
    let shared: EngineContext
}
