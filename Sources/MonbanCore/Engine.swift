import FoundationEssentials
import MonbanStore

/// monban's domain engine: every rule of the manual, over one database, with
/// time and randomness injected. No UI and no terminal here.
public final class Engine: EngineFlow, Sendable {
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
        self.shared = EngineContext(store: database, clock: clock, random: random, hasher: hasher, settings: settings,
                                    directory: directory)
    }

    /// What every flow shares (store, clock, randomness, hasher, settings, templates).
    let shared: EngineContext
}
