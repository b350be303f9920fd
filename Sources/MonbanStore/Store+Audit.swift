import Foundation

/// One row of `audit` (AU-1): a link of the hash chain.
public struct AuditRecord: Sendable, Equatable {
    public var id: Int64
    public var at: Date?
    public var event: String
    public var personID: Int64?
    public var contractID: Int64?
    public var terminal: String
    public var line: String
    public var detail: String
    public var previousHash: [UInt8]
    public var hash: [UInt8]

    public init(id: Int64, at: Date?, event: String, personID: Int64?, contractID: Int64?, terminal: String,
                line: String, detail: String, previousHash: [UInt8], hash: [UInt8]) {
        self.id = id
        self.at = at
        self.event = event
        self.personID = personID
        self.contractID = contractID
        self.terminal = terminal
        self.line = line
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// One scan of a contract's entries for the 操作ログ (AU-1): by one event, or one
/// person, or all, within an id range, from the page's edge.
public struct AuditScan: Sendable, Equatable {
    public var contractID: Int64
    public var event: String?
    public var personID: Int64?
    /// With `event` and no `personID`: only these people.
    public var people: [Int64]?
    /// With `personID`: only these events.
    public var events: [String]?
    public var lowID: Int64?
    public var highID: Int64?
    public var newestFirst: Bool
    public var limit: Int

    public init(contractID: Int64, event: String?, personID: Int64?, people: [Int64]?, events: [String]?,
                lowID: Int64?, highID: Int64?, newestFirst: Bool, limit: Int) {
        self.contractID = contractID
        self.event = event
        self.personID = personID
        self.people = people
        self.events = events
        self.lowID = lowID
        self.highID = highID
        self.newestFirst = newestFirst
        self.limit = limit
    }
}

public protocol AuditReads {
    /// The last link of the chain: its id and hash; nil for an empty log.
    func lastAuditLink() throws -> (id: Int64, hash: [UInt8])?
    /// Entries after `afterID` in id order, `limit` at most.
    func auditEntries(after afterID: Int64, limit: Int) throws -> [AuditRecord]
    /// The first entry of the contract at or after `date`.
    func firstAuditID(contractID: Int64, atOrAfter date: Date) throws -> Int64?
    /// The last entry of the contract before `date`.
    func lastAuditID(contractID: Int64, before date: Date) throws -> Int64?
    /// One scan, walking one index in id order; `limit` entries at most.
    func auditEntries(_ scan: AuditScan) throws -> [AuditRecord]
}

public protocol AuditWrites {
    /// Appends one link; the caller computed its hash from `lastAuditLink()` in
    /// the same write transaction, so the chain cannot fork.
    func appendAudit(_ record: AuditRecord) throws
}
