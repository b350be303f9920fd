import Foundation
import MonbanCrypto

/// One line of the tamper-evident audit log (AU-1). `hash` is SHA-256 over the
/// previous entry's hash and this entry's fields, so changing, removing or
/// reordering any entry breaks every link after it.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var event: String
    public var personID: Int64?
    public var contractID: Int64?
    public var terminal: String
    public var line: String
    public var detail: String
    public var previousHash: [UInt8]
    public var hash: [UInt8]

    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// The hash this entry must carry, given the one before it: HMAC-SHA256 with the audit
    /// key (issue 19 finding 9), or plain SHA-256 for the entries written before there was
    /// one (`key` nil: the legacy prefix, see `AuditKey`).
    public static func chainHash(
        key: [UInt8]? = nil, previous: [UInt8], id: Int64, at: Date, event: String, personID: Int64?, contractID: Int64?,
        terminal: String, line: String, detail: String
    ) -> [UInt8] {
        // Fields are length-prefixed so no two different entries serialise alike.
        var bytes = previous
        func field(_ s: String) {
            let u = Array(s.utf8)
            bytes += Array(String(u.count).utf8) + [0x3A] + u + [0x0A]
        }
        field(String(id))
        field(String(format: "%.6f", at.timeIntervalSince1970))
        field(event)
        field(personID.map(String.init) ?? "-")
        field(contractID.map(String.init) ?? "-")
        field(terminal)
        field(line)
        field(detail)
        if let key { return Digest.hmac(.sha256, key: key, message: bytes) }
        return Digest.sha256(bytes)
    }

    /// The unkeyed hash (a legacy entry's).
    public var expectedHash: [UInt8] { expectedHash(key: nil) }

    /// The hash this entry must carry under `key` (nil: a legacy entry).
    public func expectedHash(key: [UInt8]?) -> [UInt8] {
        Self.chainHash(
            key: key, previous: previousHash, id: id, at: at, event: event, personID: personID, contractID: contractID,
            terminal: terminal, line: line, detail: detail)
    }
}

/// How far a check of the chain has come (`Engine.checkAuditChain`).
public struct AuditChainProgress: Sendable, Equatable {
    /// Entries checked so far.
    public internal(set) var checked = 0
    var lastID: Int64 = 0
    var previous: [UInt8] = AuditEntry.genesis
    /// The audit key, read at the first slice (issue 19 finding 9); nil when there is no key
    /// file, and every entry is then taken as legacy.
    var key: AuditKey?
    var keyRead = false
    /// Of `checked`, how many were written before the audit key existed (plain SHA-256).
    public internal(set) var legacy = 0
    /// Set when the check is over.
    public internal(set) var result: AuditVerification?

    public init() {}
}

/// The outcome of checking the chain: the first entry whose link is broken, if any.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    case broken(atEntry: Int64, reason: String)
}
