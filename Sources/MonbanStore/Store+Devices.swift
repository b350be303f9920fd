import Foundation

// remembered_terminal (TF-4)

public struct RememberedTerminalRecord: Sendable, Equatable {
    public var tokenHash: [UInt8]
    public var personID: Int64
    public var generation: Int
    public var lastSeen: Date

    public init(tokenHash: [UInt8], personID: Int64, generation: Int, lastSeen: Date) {
        self.tokenHash = tokenHash
        self.personID = personID
        self.generation = generation
        self.lastSeen = lastSeen
    }
}

public protocol DeviceReads {
    func rememberedTerminal(tokenHash: [UInt8], personID: Int64) throws -> RememberedTerminalRecord?
}

public protocol DeviceWrites {
    func rememberTerminal(_ record: RememberedTerminalRecord) throws
    func touchRememberedTerminal(tokenHash: [UInt8], personID: Int64, at: Date) throws
}
