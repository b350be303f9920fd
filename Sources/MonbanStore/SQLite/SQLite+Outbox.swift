import Foundation
import GRDB

extension OutboxRecord: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], kind: row["kind"] ?? "", recipient: row["recipient"] ?? "", subject: row["subject"] ?? "",
            body: row["body"] ?? "", links: row["links"] ?? "[]", createdAt: row.date("created_at"),
            state: row["state"] ?? "", attempts: row["attempts"] ?? 0, nextAttemptAt: row.date("next_attempt_at"),
            claimedBy: row["claimed_by"], leaseUntil: row.date("lease_until"), lastError: row["last_error"],
            deliveredAt: row.date("delivered_at"), messageID: row["message_id"], personID: row["person_id"],
            sealed: row.bytes("sealed"), secrets: row["secrets"] ?? "legacy")
    }
}

extension SQLiteAccess {
    func outbox(recipient: String?) throws -> [OutboxRecord] {
        if let recipient {
            return try OutboxRecord.fetchAll(
                db, sql: "SELECT * FROM outbox WHERE recipient = ? COLLATE NOCASE ORDER BY id", arguments: [recipient])
        }
        return try OutboxRecord.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id")
    }

    func outbox(personID: Int64) throws -> [OutboxRecord] {
        try OutboxRecord.fetchAll(db, sql: "SELECT * FROM outbox WHERE person_id = ? ORDER BY id", arguments: [personID])
    }

    func outboxMessage(id: Int64) throws -> OutboxRecord? {
        try OutboxRecord.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id])
    }

    func nextDueMessage(kinds: [String], at now: Date) throws -> OutboxRecord? {
        guard !kinds.isEmpty else { return nil }
        return try OutboxRecord.fetchOne(
            db,
            sql: """
                SELECT * FROM outbox WHERE state = 'pending' AND kind IN (\(Self.marks(kinds.count)))
                    AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY id LIMIT 1
                """,
            arguments: StatementArguments(kinds) + [now.stored])
    }

    func pendingMessages(kind: String, queuedBefore before: Date) throws -> [OutboxRecord] {
        try OutboxRecord.fetchAll(
            db, sql: "SELECT * FROM outbox WHERE kind = ? AND state = 'pending' AND created_at < ?",
            arguments: [kind, before.stored])
    }

    func legacyOutboxMessages() throws -> [OutboxRecord] {
        try OutboxRecord.fetchAll(db, sql: "SELECT * FROM outbox WHERE secrets = 'legacy' ORDER BY id")
    }

    func abandonedClaims(kinds: [String], at now: Date) throws -> [OutboxRecord] {
        guard !kinds.isEmpty else { return [] }
        return try OutboxRecord.fetchAll(
            db,
            sql: "SELECT * FROM outbox WHERE state = 'sending' AND lease_until <= ? AND kind IN (\(Self.marks(kinds.count)))",
            arguments: [now.stored] + StatementArguments(kinds))
    }

    func nextDeliveryTime(kinds: [String]) throws -> Date? {
        guard !kinds.isEmpty else { return nil }
        return try Double.fetchOne(
            db,
            sql: """
                SELECT min(CASE state WHEN 'pending' THEN coalesce(next_attempt_at, 0) ELSE lease_until END)
                FROM outbox WHERE kind IN (\(Self.marks(kinds.count))) AND state IN ('pending', 'sending')
                """,
            arguments: StatementArguments(kinds))
            .map { Date(timeIntervalSince1970: $0) }
    }

    func insertOutboxMessage(_ m: NewOutboxMessage) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO outbox (kind, recipient, subject, body, links, created_at, person_id, secrets)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'removed')
                """,
            arguments: [m.kind, m.recipient, m.subject, m.body, m.links, m.createdAt.stored, m.personID])
        return db.lastInsertedRowID
    }

    func claimMessage(id: Int64, attempt: Int, worker: String, leaseUntil: Date, messageID: String) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET state = 'sending', attempts = ?, claimed_by = ?, lease_until = ?, message_id = ?
                WHERE id = ?
                """,
            arguments: [attempt, worker, leaseUntil.stored, messageID, id])
    }

    func markMessageSent(id: Int64, at: Date) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET state = 'sent', delivered_at = ?, lease_until = NULL, next_attempt_at = NULL,
                    last_error = NULL, sealed = NULL, secrets = CASE secrets WHEN 'legacy' THEN 'legacy' ELSE 'removed' END WHERE id = ?
                """,
            arguments: [at.stored, id])
    }

    func deferMessage(id: Int64, nextAttemptAt: Date, lastError: String) throws {
        try db.execute(
            sql: """
                UPDATE outbox SET state = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ?
                WHERE id = ?
                """,
            arguments: [nextAttemptAt.stored, lastError, id])
    }

    func failMessage(id: Int64, lastError: String) throws {
        try db.execute(sql: "UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ?, sealed = NULL, secrets = CASE secrets WHEN 'legacy' THEN 'legacy' ELSE 'removed' END WHERE id = ?",
                       arguments: [lastError, id])
    }

    func expireMessage(id: Int64, lastError: String) throws {
        try db.execute(sql: "UPDATE outbox SET state = 'failed', last_error = ?, sealed = NULL, secrets = CASE secrets WHEN 'legacy' THEN 'legacy' ELSE 'removed' END WHERE id = ?", arguments: [lastError, id])
    }

    func sealOutboxMessage(id: Int64, body: String, sealed: [UInt8]) throws {
        try db.execute(
            sql: "UPDATE outbox SET body = ?, links = '[]', sealed = ?, secrets = 'sealed' WHERE id = ?",
            arguments: [body, Data(sealed), id])
    }

    func removeOutboxSecrets(id: Int64, body: String?) throws {
        try db.execute(
            sql: "UPDATE outbox SET body = coalesce(?, body), links = '[]', sealed = NULL, secrets = 'removed' WHERE id = ?",
            arguments: [body, id])
    }

    func removeOutboxSecrets(kind: String, queuedBefore before: Date) throws -> Int {
        try db.execute(
            sql: "UPDATE outbox SET sealed = NULL, secrets = 'removed' WHERE secrets = 'sealed' AND kind = ? AND created_at < ?",
            arguments: [kind, before.stored])
        return db.changesCount
    }
}
