/// Where an operation comes from, recorded with every audit entry (AU-1).
public struct AccessContext: Sendable, Equatable {
    /// A name for this terminal (host and tty), never a secret.
    public var terminal: String
    /// The line the terminal sits on, for line authentication (LG-6); nil on the internet route.
    public var line: String?
    /// How the person arrived: the line-authentication entrance replaces two-step
    /// verification (LG-3, LG-6). Set only once the line itself is verified.
    public var entrance: TwoStepPolicy.Entrance
    /// This terminal's identity for remembered two-step verification (TF-4);
    /// nil when the terminal keeps no state. Never written to the audit log.
    public var device: DeviceToken?

    public init(terminal: String, line: String? = nil, entrance: TwoStepPolicy.Entrance = .internet,
                device: DeviceToken? = nil) {
        self.terminal = terminal
        self.line = line
        self.entrance = entrance
        self.device = device
    }

    public static let operatorCommand = AccessContext(terminal: "cli")
}
