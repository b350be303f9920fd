import Foundation

// directory (LG-5)

public struct DirectoryRecord: Sendable, Equatable {
    public var contractID: Int64
    public var connectionID: String
    public var url: String
    public var domain: String
    public var caPEM: String?
    public var configuredAt: Date?

    public init(contractID: Int64, connectionID: String, url: String, domain: String, caPEM: String?,
                configuredAt: Date?) {
        self.contractID = contractID
        self.connectionID = connectionID
        self.url = url
        self.domain = domain
        self.caPEM = caPEM
        self.configuredAt = configuredAt
    }
}

public protocol DirectoryReads {
    func directory(contractID: Int64) throws -> DirectoryRecord?
    func directory(connectionID: String) throws -> DirectoryRecord?
}

public protocol DirectoryWrites {
    /// Stores the contract's settings, replacing earlier ones.
    func saveDirectory(_ record: DirectoryRecord) throws
}
