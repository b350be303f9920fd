import Foundation

// remembered_terminal (TF-4)

public struct RememberedTerminalRecord: Sendable, Equatable {
    public var tokenHash: [UInt8]
    public var personID: Int64
    public var generation: Int
    public var lastSeen: Date
    /// When the person completed two-step verification and ticked the box: the start of the
    /// terminal's overall lifetime, which use does not renew (issue 19 finding 3).
    public var rememberedAt: Date

    public init(tokenHash: [UInt8], personID: Int64, generation: Int, lastSeen: Date, rememberedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.personID = personID
        self.generation = generation
        self.lastSeen = lastSeen
        self.rememberedAt = rememberedAt ?? lastSeen
    }
}

public protocol DeviceReads {
    func rememberedTerminal(tokenHash: [UInt8], personID: Int64) throws -> RememberedTerminalRecord?
}

public protocol DeviceWrites {
    func rememberTerminal(_ record: RememberedTerminalRecord) throws
    func touchRememberedTerminal(tokenHash: [UInt8], personID: Int64, at: Date) throws
}
