import Foundation

// outbox, audit
extension OutboxRecord {
    init(pg row: PGRow) throws {
        guard let id: Int64 = row["id"] else { throw PGFailure(sqlState: "XX001", message: "outbox row without id") }
        self.init(
            id: id, kind: row["kind"] ?? "", recipient: row["recipient"] ?? "", subject: row["subject"] ?? "",
            body: row["body"] ?? "", links: row["links"] ?? "[]", createdAt: row.date("created_at"),
            state: row["state"] ?? "", attempts: row["attempts"] ?? 0, nextAttemptAt: row.date("next_attempt_at"),
            claimedBy: row["claimed_by"], leaseUntil: row.date("lease_until"), lastError: row["last_error"],
            deliveredAt: row.date("delivered_at"), messageID: row["message_id"], personID: row["person_id"],
            sealed: row.bytes("sealed"), secrets: row["secrets"] ?? "legacy")
    }
}

extension AuditRecord {
    init(pg row: PGRow) throws {
        guard let id: Int64 = row["id"] else { throw PGFailure(sqlState: "XX001", message: "audit row without id") }
        self.init(
            id: id, at: row.date("at"), event: row["event"] ?? "", personID: row["person_id"],
            contractID: row["contract_id"], terminal: row["terminal"] ?? "", line: row["line"] ?? "",
            detail: row["detail"] ?? "", previousHash: row.bytes("prev_hash") ?? [], hash: row.bytes("hash") ?? [])
    }
}

extension PostgresAccess {
    private static let removed = "CASE secrets WHEN 'legacy' THEN 'legacy' ELSE 'removed' END"

    private func texts(_ values: [String]) -> [(any PGEncodable)?] { values.map { $0 as (any PGEncodable)? } }

    func outbox(recipient: String?) throws -> [OutboxRecord] {
        if let recipient {
            return try all("SELECT * FROM outbox WHERE lower(recipient) = lower(?) ORDER BY id", [recipient])
                .map(OutboxRecord.init(pg:))
        }
        return try all("SELECT * FROM outbox ORDER BY id").map(OutboxRecord.init(pg:))
    }

    func outbox(personID: Int64) throws -> [OutboxRecord] {
        try all("SELECT * FROM outbox WHERE person_id = ? ORDER BY id", [personID]).map(OutboxRecord.init(pg:))
    }

    func outboxMessage(id: Int64) throws -> OutboxRecord? {
        try one("SELECT * FROM outbox WHERE id = ?", [id]).map(OutboxRecord.init(pg:))
    }

    func nextDueMessage(kinds: [String], at now: Date) throws -> OutboxRecord? {
        guard !kinds.isEmpty else { return nil }
        return try one("""
            SELECT * FROM outbox WHERE state = 'pending' AND kind IN (\(Self.marks(kinds.count)))
                AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
            ORDER BY id LIMIT 1
            """, texts(kinds) + [now.stored]).map(OutboxRecord.init(pg:))
    }

    func pendingMessages(kind: String, queuedBefore before: Date) throws -> [OutboxRecord] {
        try all("SELECT * FROM outbox WHERE kind = ? AND state = 'pending' AND created_at < ?", [kind, before.stored])
            .map(OutboxRecord.init(pg:))
    }

    func legacyOutboxMessages() throws -> [OutboxRecord] {
        try all("SELECT * FROM outbox WHERE secrets = 'legacy' ORDER BY id").map(OutboxRecord.init(pg:))
    }

    func abandonedClaims(kinds: [String], at now: Date) throws -> [OutboxRecord] {
        guard !kinds.isEmpty else { return [] }
        return try all(
            "SELECT * FROM outbox WHERE state = 'sending' AND lease_until <= ? AND kind IN (\(Self.marks(kinds.count)))",
            [now.stored] + texts(kinds)).map(OutboxRecord.init(pg:))
    }

    func nextDeliveryTime(kinds: [String]) throws -> Date? {
        guard !kinds.isEmpty else { return nil }
        let seconds: Double? = try value("""
            SELECT min(CASE state WHEN 'pending' THEN coalesce(next_attempt_at, 0) ELSE lease_until END)
            FROM outbox WHERE kind IN (\(Self.marks(kinds.count))) AND state IN ('pending', 'sending')
            """, texts(kinds))
        return seconds.map { Date(timeIntervalSince1970: $0) }
    }

    func insertOutboxMessage(_ m: NewOutboxMessage) throws -> Int64 {
        try insert("""
            INSERT INTO outbox (kind, recipient, subject, body, links, created_at, person_id, secrets)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'removed')
            """, [m.kind, m.recipient, m.subject, m.body, m.links, m.createdAt.stored, m.personID])
    }

    func claimMessage(id: Int64, attempt: Int, worker: String, leaseUntil: Date, messageID: String) throws {
        try run("""
            UPDATE outbox SET state = 'sending', attempts = ?, claimed_by = ?, lease_until = ?, message_id = ? WHERE id = ?
            """, [attempt, worker, leaseUntil.stored, messageID, id])
    }

    func markMessageSent(id: Int64, at: Date) throws {
        try run("""
            UPDATE outbox SET state = 'sent', delivered_at = ?, lease_until = NULL, next_attempt_at = NULL,
                last_error = NULL, sealed = NULL, secrets = \(Self.removed) WHERE id = ?
            """, [at.stored, id])
    }

    func deferMessage(id: Int64, nextAttemptAt: Date, lastError: String) throws {
        try run("UPDATE outbox SET state = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?",
                [nextAttemptAt.stored, lastError, id])
    }

    func failMessage(id: Int64, lastError: String) throws {
        try run("""
            UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ?, sealed = NULL, secrets = \(Self.removed)
            WHERE id = ?
            """, [lastError, id])
    }

    func expireMessage(id: Int64, lastError: String) throws {
        try run("UPDATE outbox SET state = 'failed', last_error = ?, sealed = NULL, secrets = \(Self.removed) WHERE id = ?",
                [lastError, id])
    }

    func sealOutboxMessage(id: Int64, body: String, sealed: [UInt8]) throws {
        try run("UPDATE outbox SET body = ?, links = '[]', sealed = ?, secrets = 'sealed' WHERE id = ?", [body, sealed, id])
    }

    func removeOutboxSecrets(id: Int64, body: String?) throws {
        try run("UPDATE outbox SET body = coalesce(?, body), links = '[]', sealed = NULL, secrets = 'removed' WHERE id = ?",
                [body, id])
    }

    func removeOutboxSecrets(kind: String, queuedBefore before: Date) throws -> Int {
        try run("""
            UPDATE outbox SET sealed = NULL, secrets = 'removed' WHERE secrets = 'sealed' AND kind = ? AND created_at < ?
            """, [kind, before.stored])
    }

    // MARK: audit

    func lastAuditLink() throws -> (id: Int64, hash: [UInt8])? {
        guard let row = try one("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1"), let id: Int64 = row["id"] else {
            return nil
        }
        return (id, row.bytes("hash") ?? [])
    }

    func appendAudit(_ r: AuditRecord) throws {
        try run("""
            INSERT INTO audit (id, at, event, person_id, contract_id, terminal, line, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [r.id, r.at?.stored, r.event, r.personID, r.contractID, r.terminal, r.line, r.detail, r.previousHash, r.hash])
    }

    func auditEntries(after afterID: Int64, limit: Int) throws -> [AuditRecord] {
        try all("SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?", [afterID, limit]).map(AuditRecord.init(pg:))
    }

    func firstAuditID(contractID: Int64, atOrAfter date: Date) throws -> Int64? {
        try value("SELECT min(id) FROM audit WHERE contract_id = ? AND at >= ?", [contractID, date.stored])
    }

    func lastAuditID(contractID: Int64, before date: Date) throws -> Int64? {
        try value("SELECT max(id) FROM audit WHERE contract_id = ? AND at < ?", [contractID, date.stored])
    }

    func auditEntries(_ scan: AuditScan) throws -> [AuditRecord] {
        var sql = "SELECT * FROM audit WHERE contract_id = ?"
        var arguments: [(any PGEncodable)?] = [scan.contractID]
        if let event = scan.event { sql += " AND event = ?"; arguments.append(event) }
        if let person = scan.personID { sql += " AND person_id = ?"; arguments.append(person) }
        if scan.event != nil, scan.personID == nil, let people = scan.people {
            sql += " AND person_id IN (\(Self.marks(people.count)))"
            arguments += people.map { $0 as (any PGEncodable)? }
        }
        if scan.personID != nil, let events = scan.events {
            sql += " AND event IN (\(Self.marks(events.count)))"
            arguments += texts(events)
        }
        if let low = scan.lowID { sql += " AND id >= ?"; arguments.append(low) }
        if let high = scan.highID { sql += " AND id <= ?"; arguments.append(high) }
        sql += scan.newestFirst ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id ASC LIMIT ?"
        arguments.append(scan.limit)
        return try all(sql, arguments).map(AuditRecord.init(pg:))
    }
}
