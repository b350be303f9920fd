/// Where an operation comes from, recorded with every audit entry (AU-1).
public struct AccessContext: Sendable, Equatable {
    /// A name for this terminal (host and tty), never a secret.
    public var terminal: String
    /// The line the terminal sits on, for line authentication (LG-6); nil on the internet route.
    public var line: String?

    public init(terminal: String, line: String? = nil) {
        self.terminal = terminal
        self.line = line
    }

    public static let operatorCommand = AccessContext(terminal: "cli")
}
