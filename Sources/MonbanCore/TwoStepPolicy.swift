import FoundationEssentials

/// When two-step verification is asked after a correct password (LG-3).
public enum TwoStepPolicy {
    /// How long a terminal stays remembered for a person after they last signed in from it (TF-4).
    public static let rememberFor: TimeInterval = 30 * 86_400
    /// How long a terminal stays remembered at most, counted from when the person ticked the
    /// box and not renewed by signing in there (issue 19 finding 3): then two-step is asked again.
    public static let rememberAtMost: TimeInterval = 30 * 86_400

    /// How the person arrived at the sign-in.
    public enum Entrance: Sendable, Equatable {
        case internet
        /// The line-authentication entrance, which replaces two-step verification (LG-6).
        case lineAuthentication
    }

    /// What this terminal knows of the person: when they last completed two-step
    /// verification or signed in from it, under which registration generation.
    public struct RememberedTerminal: Sendable, Equatable {
        public var lastSeen: Date
        /// The person's `twoFactorGeneration` when the terminal was remembered;
        /// a reset (TF-8) voids older ones.
        public var generation: Int
        /// When the terminal was remembered: the start of its overall lifetime.
        public var since: Date

        public init(lastSeen: Date, generation: Int, since: Date? = nil) {
            self.lastSeen = lastSeen
            self.generation = generation
            self.since = since ?? lastSeen
        }
    }

    /// Whether the second step is required: the contract has it on, the person signs
    /// in with e-mail + password, not through line authentication, and this terminal
    /// is not remembered for them, or they have not signed in from it for 30 days, or it was
    /// remembered `rememberAtMost` ago or longer (issue 19 finding 3).
    public static func isRequired(
        contract: Contract, person: Person, entrance: Entrance, terminal: RememberedTerminal?, now: Date
    ) -> Bool {
        guard contract.twoFactorEnabled else { return false }
        guard person.loginMethod == .emailPassword else { return false }
        guard entrance == .internet else { return false }
        guard let terminal, terminal.generation == person.twoFactorGeneration else { return true }
        if now.timeIntervalSince(terminal.since) >= rememberAtMost { return true }
        return now.timeIntervalSince(terminal.lastSeen) >= rememberFor
    }
}
