import FoundationEssentials

/// When two-step verification is asked after a correct password (LG-3).
public enum TwoStepPolicy {
    /// How long a terminal stays remembered for a person after they last signed in from it (TF-4).
    public static let rememberFor: TimeInterval = 30 * 86_400

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

        public init(lastSeen: Date, generation: Int) {
            self.lastSeen = lastSeen
            self.generation = generation
        }
    }

    /// Whether the second step is required: the contract has it on, the person signs
    /// in with e-mail + password, not through line authentication, and this terminal
    /// is not remembered for them, or they have not signed in from it for 30 days.
    public static func isRequired(
        contract: Contract, person: Person, entrance: Entrance, terminal: RememberedTerminal?, now: Date
    ) -> Bool {
        guard contract.twoFactorEnabled else { return false }
        guard person.loginMethod == .emailPassword else { return false }
        guard entrance == .internet else { return false }
        guard let terminal, terminal.generation == person.twoFactorGeneration else { return true }
        return now.timeIntervalSince(terminal.lastSeen) >= rememberFor
    }
}
