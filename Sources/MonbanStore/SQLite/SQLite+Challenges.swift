import Foundation
import GRDB

// sign_in_challenge
extension ChallengeRecord: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], hash: row.bytes("hash") ?? [], personID: row["person_id"], generation: row["generation"] ?? 0,
            createdAt: row.date("created_at"), expiresAt: row.date("expires_at"), failures: row["failures"] ?? 0,
            doneAt: row.date("done_at"), smsPhone: row["sms_phone"], smsCodeHash: row.bytes("sms_code_hash"),
            smsSentAt: row.date("sms_sent_at"), smsExpiresAt: row.date("sms_expires_at"),
            smsFailures: row["sms_failures"] ?? 0, pendingSecret: row.bytes("pending_secret"))
    }
}

extension SQLiteAccess {
    func challenge(hash: [UInt8]) throws -> ChallengeRecord? {
        try ChallengeRecord.fetchOne(db, sql: "SELECT * FROM sign_in_challenge WHERE hash = ?", arguments: [Data(hash)])
    }

    func insertChallenge(hash: [UInt8], personID: Int64, generation: Int, createdAt: Date, expiresAt: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO sign_in_challenge (hash, person_id, generation, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [Data(hash), personID, generation, createdAt.stored, expiresAt.stored])
    }

    func pruneChallenges(personID: Int64, expiredBefore before: Date) throws {
        try db.execute(sql: "DELETE FROM sign_in_challenge WHERE person_id = ? AND expires_at < ?",
                       arguments: [personID, before.stored])
    }

    func recordSMSCode(challengeID: Int64, phone: String, codeHash: [UInt8], sentAt: Date, expiresAt: Date) throws {
        try db.execute(
            sql: """
                UPDATE sign_in_challenge SET sms_phone = ?, sms_code_hash = ?, sms_sent_at = ?, sms_expires_at = ?
                WHERE id = ?
                """,
            arguments: [phone, Data(codeHash), sentAt.stored, expiresAt.stored, challengeID])
    }

    func setPendingSecret(challengeID: Int64, sealed: [UInt8]) throws {
        try db.execute(sql: "UPDATE sign_in_challenge SET pending_secret = ? WHERE id = ?",
                       arguments: [Data(sealed), challengeID])
    }

    func countSMSFailure(challengeID: Int64) throws {
        try db.execute(sql: "UPDATE sign_in_challenge SET sms_failures = sms_failures + 1 WHERE id = ?",
                       arguments: [challengeID])
    }

    func countChallengeFailure(challengeID: Int64) throws {
        try db.execute(sql: "UPDATE sign_in_challenge SET failures = failures + 1 WHERE id = ?", arguments: [challengeID])
    }

    func finishChallenge(id: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE sign_in_challenge SET done_at = ? WHERE id = ?", arguments: [at.stored, id])
    }

    func finishChallenges(personID: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE sign_in_challenge SET done_at = ? WHERE person_id = ?",
                       arguments: [at.stored, personID])
    }

    func completeChallenge(id: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE sign_in_challenge SET done_at = ?, pending_secret = NULL WHERE id = ?",
                       arguments: [at.stored, id])
    }
}
