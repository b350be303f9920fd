import FoundationEssentials
import Synchronization

/// The head of the audit chain — how many entries, and the last one's hash — written
/// outside the database after every command that appended to it (issue 19 finding 9): to
/// the system log by `monban` (`SyslogAnchors`), to whatever a test injects here. An
/// operator checks the chain against the last anchor (`monban audit --verify --anchor`):
/// a truncated tail, or a chain rewritten and recomputed, no longer reaches it.
public struct AuditAnchor: Sendable, Equatable, CustomStringConvertible {
    public var count: Int64
    public var hash: [UInt8]

    public init(count: Int64, hash: [UInt8]) {
        self.count = count
        self.hash = hash
    }

    /// "COUNT:HEX", as the journal line and `--anchor` write it.
    public var description: String { "\(count):" + hash.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    /// Parses "COUNT:HEX" (64 hex digits); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int64(parts[0]), count > 0, parts[1].utf8.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var i = parts[1].startIndex
        while i < parts[1].endIndex {
            let j = parts[1].index(i, offsetBy: 2)
            guard let b = UInt8(parts[1][i..<j], radix: 16) else { return nil }
            bytes.append(b)
            i = j
        }
        self.init(count: count, hash: bytes)
    }
}

/// Where the engine writes the audit chain's head after each committed transaction that
/// appended to it. Must not throw or block for long: a log that cannot be written is the
/// operator's to notice, not a reason to refuse a sign-in.
public protocol AuditAnchorSink: Sendable {
    func record(_ anchor: AuditAnchor, database: String)
}

/// No anchors (engines in tests that do not look at them, tools).
public struct NoAuditAnchors: AuditAnchorSink {
    public init() {}
    public func record(_ anchor: AuditAnchor, database: String) {}
}

/// The head appended by the transaction in progress, published once it commits.
final class AuditHeadTracker: Sendable {
    private let pending = Mutex<AuditAnchor?>(nil)

    func appended(_ anchor: AuditAnchor) { pending.withLock { $0 = anchor } }

    func discard() { pending.withLock { $0 = nil } }

    func publish(to sink: any AuditAnchorSink, database: String) {
        let head = pending.withLock { value -> AuditAnchor? in
            defer { value = nil }
            return value
        }
        if let head { sink.record(head, database: database) }
    }
}
