/// The accounts `monban demo` creates, with their one published password: printed by the
/// command, and shown on the login screen of a database `monban demo` made, so that a
/// visitor at a demo kiosk knows how to sign in (issue 20 item 5). Never shown elsewhere.
public enum DemoAccounts {
    public struct Account: Sendable, Equatable {
        public var email: String
        public var role: Role
        public var plan: Plan
        /// Whether the contract asks for two-step verification (TF-7).
        public var twoStep: Bool
    }

    public static let password = "Monban-Demo-2026"

    /// The basic contract keeps two-step verification on (the default), so signing in shows
    /// SMS / Authenticator enrolment; the trial contract has it off.
    public static let accounts: [Account] = [
        Account(email: "keiyakusha@demo.monban.example", role: .contractor, plan: .basic, twoStep: true),
        Account(email: "kanrisha@demo.monban.example", role: .administrator, plan: .basic, twoStep: true),
        Account(email: "riyousha@demo.monban.example", role: .user, plan: .basic, twoStep: true),
        Account(email: "trial@demo.monban.example", role: .contractor, plan: .trial, twoStep: false),
    ]
}
