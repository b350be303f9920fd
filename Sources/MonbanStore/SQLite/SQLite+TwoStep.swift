import Foundation
import GRDB

// two_step, remembered_terminal
extension TwoStepRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "two_step"

    public init(row: Row) throws {
        self.init(
            personID: row["person_id"], generation: row["generation"] ?? 0, method: row["method"] ?? "",
            phone: row["phone"], totpSecret: row.bytes("totp_secret"), totpLastStep: row["totp_last_step"],
            recoveryHash: row.bytes("recovery_hash"), enrolledAt: row.date("enrolled_at"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["person_id"] = personID
        container["generation"] = generation
        container["method"] = method
        container["phone"] = phone
        container["totp_secret"] = totpSecret.map { Data($0) }
        container["totp_last_step"] = totpLastStep
        container["recovery_hash"] = recoveryHash.map { Data($0) }
        container["enrolled_at"] = enrolledAt?.stored
    }
}

extension RememberedTerminalRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "remembered_terminal"

    public init(row: Row) throws {
        self.init(tokenHash: row.bytes("token_hash") ?? [], personID: row["person_id"],
                  generation: row["generation"] ?? 0, lastSeen: row.date("last_seen") ?? .distantPast,
                  rememberedAt: row.date("remembered_at") ?? .distantPast)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["token_hash"] = Data(tokenHash)
        container["person_id"] = personID
        container["generation"] = generation
        container["last_seen"] = lastSeen.stored
        container["remembered_at"] = rememberedAt.stored
    }
}

extension SQLiteAccess {
    func twoStep(personID: Int64, generation: Int) throws -> TwoStepRecord? {
        try TwoStepRecord.fetchOne(db, sql: "SELECT * FROM two_step WHERE person_id = ? AND generation = ?",
                                   arguments: [personID, generation])
    }

    func saveTwoStep(_ record: TwoStepRecord) throws {
        try record.insert(db, onConflict: .replace)
    }

    func setTOTPLastStep(personID: Int64, step: Int64) throws {
        try db.execute(sql: "UPDATE two_step SET totp_last_step = ? WHERE person_id = ?", arguments: [step, personID])
    }

    func setRecoveryHash(personID: Int64, hash: [UInt8]) throws {
        try db.execute(sql: "UPDATE two_step SET recovery_hash = ? WHERE person_id = ?", arguments: [Data(hash), personID])
    }

    func resetTwoStep(personID: Int64) throws {
        try bumpTwoFactorGeneration(personID: personID)
        try db.execute(sql: "DELETE FROM two_step WHERE person_id = ?", arguments: [personID])
        try db.execute(sql: "DELETE FROM remembered_terminal WHERE person_id = ?", arguments: [personID])
        try db.execute(sql: "DELETE FROM sign_in_challenge WHERE person_id = ?", arguments: [personID])
    }

    func rememberedTerminal(tokenHash: [UInt8], personID: Int64) throws -> RememberedTerminalRecord? {
        try RememberedTerminalRecord.fetchOne(
            db, sql: "SELECT * FROM remembered_terminal WHERE token_hash = ? AND person_id = ?",
            arguments: [Data(tokenHash), personID])
    }

    func rememberTerminal(_ record: RememberedTerminalRecord) throws {
        try record.insert(db, onConflict: .replace)
    }

    func touchRememberedTerminal(tokenHash: [UInt8], personID: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE remembered_terminal SET last_seen = ? WHERE token_hash = ? AND person_id = ?",
                       arguments: [at.stored, Data(tokenHash), personID])
    }
}
