import Foundation
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
        try read { db in
            var previous = AuditEntry.genesis
            var expectedID: Int64 = 1
            var count = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY id")
            while let row = try cursor.next() {
                let entry = Self.auditEntry(row)
                if entry.id != expectedID {
                    return .broken(atEntry: expectedID, reason: "entry \(expectedID) is missing")
                }
                if entry.previousHash != previous {
                    return .broken(atEntry: entry.id, reason: "does not follow entry \(entry.id - 1)")
                }
                if entry.expectedHash != entry.hash {
                    return .broken(atEntry: entry.id, reason: "contents were changed")
                }
                previous = entry.hash
                expectedID += 1
                count += 1
            }
            return .intact(entries: count)
        }
    }
}
