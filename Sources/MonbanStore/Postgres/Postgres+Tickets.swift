import Foundation

// ticket, sign_in_challenge
extension TicketRecord {
    init(pg row: PGRow) throws {
        guard let id: Int64 = row["id"], let personID: Int64 = row["person_id"] else {
            throw PGFailure(sqlState: "XX001", message: "ticket row without id")
        }
        self.init(
            id: id, hash: row.bytes("hash") ?? [], purpose: row["purpose"] ?? "", personID: personID,
            payload: row["payload"] ?? "", createdAt: row.date("created_at"), expiresAt: row.date("expires_at"),
            usedAt: row.date("used_at"), addressHash: row.bytes("address_hash"))
    }
}

extension ChallengeRecord {
    init(pg row: PGRow) throws {
        guard let id: Int64 = row["id"], let personID: Int64 = row["person_id"] else {
            throw PGFailure(sqlState: "XX001", message: "sign_in_challenge row without id")
        }
        self.init(
            id: id, hash: row.bytes("hash") ?? [], personID: personID, generation: row["generation"] ?? 0,
            createdAt: row.date("created_at"), expiresAt: row.date("expires_at"), failures: row["failures"] ?? 0,
            doneAt: row.date("done_at"), smsPhone: row["sms_phone"], smsCodeHash: row.bytes("sms_code_hash"),
            smsSentAt: row.date("sms_sent_at"), smsExpiresAt: row.date("sms_expires_at"),
            smsFailures: row["sms_failures"] ?? 0, pendingSecret: row.bytes("pending_secret"))
    }
}

extension PostgresAccess {
    func ticket(hash: [UInt8]) throws -> TicketRecord? {
        try one("SELECT * FROM ticket WHERE hash = ?", [hash]).map(TicketRecord.init(pg:))
    }

    func insertTicket(hash: [UInt8], purpose: String, personID: Int64, payload: String, addressHash: [UInt8],
                      createdAt: Date, expiresAt: Date) throws {
        try run("""
            INSERT INTO ticket (hash, purpose, person_id, payload, address_hash, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [hash, purpose, personID, payload, addressHash, createdAt.stored, expiresAt.stored])
    }

    func useTicket(id: Int64, at: Date) throws -> Bool {
        try run("UPDATE ticket SET used_at = ? WHERE id = ? AND used_at IS NULL", [at.stored, id]) > 0
    }

    func voidTickets(personID: Int64, purposes: [String], at: Date) throws {
        guard !purposes.isEmpty else { return }
        var arguments: [(any PGEncodable)?] = [at.stored, personID]
        arguments += purposes.map { $0 as (any PGEncodable)? }
        try run("""
            UPDATE ticket SET used_at = ? WHERE person_id = ? AND used_at IS NULL
                AND purpose IN (\(Self.marks(purposes.count)))
            """, arguments)
    }

    // MARK: sign_in_challenge

    func challenge(hash: [UInt8]) throws -> ChallengeRecord? {
        try one("SELECT * FROM sign_in_challenge WHERE hash = ?", [hash]).map(ChallengeRecord.init(pg:))
    }

    func insertChallenge(hash: [UInt8], personID: Int64, generation: Int, createdAt: Date, expiresAt: Date) throws {
        try run("""
            INSERT INTO sign_in_challenge (hash, person_id, generation, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            """, [hash, personID, generation, createdAt.stored, expiresAt.stored])
    }

    func pruneChallenges(personID: Int64, expiredBefore before: Date) throws {
        try run("DELETE FROM sign_in_challenge WHERE person_id = ? AND expires_at < ?", [personID, before.stored])
    }

    func recordSMSCode(challengeID: Int64, phone: String, codeHash: [UInt8], sentAt: Date, expiresAt: Date) throws {
        try run("""
            UPDATE sign_in_challenge SET sms_phone = ?, sms_code_hash = ?, sms_sent_at = ?, sms_expires_at = ?
            WHERE id = ?
            """, [phone, codeHash, sentAt.stored, expiresAt.stored, challengeID])
    }

    func setPendingSecret(challengeID: Int64, sealed: [UInt8]) throws {
        try run("UPDATE sign_in_challenge SET pending_secret = ? WHERE id = ?", [sealed, challengeID])
    }

    func countSMSFailure(challengeID: Int64) throws {
        try run("UPDATE sign_in_challenge SET sms_failures = sms_failures + 1 WHERE id = ?", [challengeID])
    }

    func countChallengeFailure(challengeID: Int64) throws {
        try run("UPDATE sign_in_challenge SET failures = failures + 1 WHERE id = ?", [challengeID])
    }

    func finishChallenge(id: Int64, at: Date) throws {
        try run("UPDATE sign_in_challenge SET done_at = ? WHERE id = ?", [at.stored, id])
    }

    func finishChallenges(personID: Int64, at: Date) throws {
        try run("UPDATE sign_in_challenge SET done_at = ? WHERE person_id = ?", [at.stored, personID])
    }

    func completeChallenge(id: Int64, at: Date) throws {
        try run("UPDATE sign_in_challenge SET done_at = ?, pending_secret = NULL WHERE id = ?", [at.stored, id])
    }
}
