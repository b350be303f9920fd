import FoundationEssentials
import GRDB

extension Engine {
    /// The messages the service sent, oldest first; optionally only those to one address.
    public func outbox(to address: String? = nil) throws(EngineError) -> [OutboxMessage] {
        try read { db in
            let rows: [Row]
            if let address {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM outbox WHERE recipient = ? COLLATE NOCASE ORDER BY id", arguments: [address])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id")
            }
            return try rows.map(Self.outboxMessage)
        }
    }

    /// Audit entries in order, `limit` at most, after `afterID`.
    public func auditEntries(after afterID: Int64 = 0, limit: Int = 1000) throws(EngineError) -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?", arguments: [afterID, limit])
                .map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(
            id: row["id"], at: Rows.date(row, "at") ?? .distantPast, event: row["event"], personID: row["person_id"],
            contractID: row["contract_id"], terminal: row["terminal"], line: row["line"], detail: row["detail"],
            previousHash: Array((row["prev_hash"] as Data?) ?? Data()), hash: Array((row["hash"] as Data?) ?? Data()))
    }

    /// Walks the whole chain and reports the first broken link (AU-1).
    public func verifyAudit() throws(EngineError) -> AuditVerification {
        var progress = AuditChainProgress()
        while progress.result == nil { try checkAuditChain(&progress, entries: 10_000) }
        return progress.result ?? .intact(entries: progress.checked)
    }

    /// Checks the next `entries` links of the chain from where `progress` stopped,
    /// so a screen can check 100,000 entries a slice at a time without stopping
    /// the keys (操作ログ, AU-1). `progress.result` is set once the end, or a
    /// broken link, is reached.
    public func checkAuditChain(_ progress: inout AuditChainProgress, entries: Int) throws(EngineError) {
        guard progress.result == nil else { return }
        let start = progress
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?",
                             arguments: [start.lastID, max(1, entries)])
        }
        for row in rows {
            let entry = Self.auditEntry(row)
            let expectedID = progress.lastID + 1
            if entry.id != expectedID {
                progress.result = .broken(atEntry: expectedID, reason: "entry \(expectedID) is missing")
                return
            }
            if entry.previousHash != progress.previous {
                progress.result = .broken(atEntry: entry.id, reason: "does not follow entry \(entry.id - 1)")
                return
            }
            if entry.expectedHash != entry.hash {
                progress.result = .broken(atEntry: entry.id, reason: "contents were changed")
                return
            }
            progress.previous = entry.hash
            progress.lastID = entry.id
            progress.checked += 1
        }
        if rows.count < max(1, entries) { progress.result = .intact(entries: progress.checked) }
    }
}
