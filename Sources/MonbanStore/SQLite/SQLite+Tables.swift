import Foundation
import GRDB

// MARK: contract

extension ContractRecord: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], plan: row["plan"] ?? "", createdAt: row.date("created_at"),
            trialStartedAt: row.date("trial_started_at"), convertedAt: row.date("converted_at"),
            twoFactorEnabled: row["two_factor_enabled"] ?? true, accessRoute: row["access_route"] ?? "")
    }
}

extension SQLiteAccess {
    func contract(id: Int64) throws -> ContractRecord? {
        try ContractRecord.fetchOne(db, sql: "SELECT * FROM contract WHERE id = ?", arguments: [id])
    }

    func insertContract(plan: String, createdAt: Date, trialStartedAt: Date?) throws -> Int64 {
        try db.execute(sql: "INSERT INTO contract (plan, created_at, trial_started_at) VALUES (?, ?, ?)",
                       arguments: [plan, createdAt.stored, trialStartedAt?.stored])
        return db.lastInsertedRowID
    }

    func convertToBasic(contractID: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE contract SET plan = 'basic', converted_at = ? WHERE id = ?",
                       arguments: [at.stored, contractID])
    }

    func setTwoFactorEnabled(contractID: Int64, _ enabled: Bool) throws {
        try db.execute(sql: "UPDATE contract SET two_factor_enabled = ? WHERE id = ?", arguments: [enabled, contractID])
    }

    func setAccessRoute(contractID: Int64, _ route: String) throws {
        try db.execute(sql: "UPDATE contract SET access_route = ? WHERE id = ?", arguments: [route, contractID])
    }
}

// MARK: ticket

extension TicketRecord: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], hash: row.bytes("hash") ?? [], purpose: row["purpose"] ?? "", personID: row["person_id"],
            payload: row["payload"] ?? "", createdAt: row.date("created_at"), expiresAt: row.date("expires_at"),
            usedAt: row.date("used_at"))
    }
}

extension SQLiteAccess {
    func ticket(hash: [UInt8]) throws -> TicketRecord? {
        try TicketRecord.fetchOne(db, sql: "SELECT * FROM ticket WHERE hash = ?", arguments: [Data(hash)])
    }

    func insertTicket(hash: [UInt8], purpose: String, personID: Int64, payload: String, createdAt: Date,
                      expiresAt: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO ticket (hash, purpose, person_id, payload, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [Data(hash), purpose, personID, payload, createdAt.stored, expiresAt.stored])
    }

    func useTicket(id: Int64, at: Date) throws -> Bool {
        try db.execute(sql: "UPDATE ticket SET used_at = ? WHERE id = ? AND used_at IS NULL", arguments: [at.stored, id])
        return db.changesCount > 0
    }

    func voidTickets(personID: Int64, purposes: [String], at: Date) throws {
        guard !purposes.isEmpty else { return }
        try db.execute(
            sql: """
                UPDATE ticket SET used_at = ? WHERE person_id = ? AND used_at IS NULL
                    AND purpose IN (\(Self.marks(purposes.count)))
                """,
            arguments: [at.stored, personID] + StatementArguments(purposes))
    }
}

// MARK: sign_in_challenge

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

// MARK: two_step, remembered_terminal

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
                  generation: row["generation"] ?? 0, lastSeen: row.date("last_seen") ?? .distantPast)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["token_hash"] = Data(tokenHash)
        container["person_id"] = personID
        container["generation"] = generation
        container["last_seen"] = lastSeen.stored
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

// MARK: line, line_notice

extension SQLiteAccess {
    func lines(contractID: Int64) throws -> [LineRecord] {
        try Row.fetchAll(db, sql: "SELECT number, area FROM line WHERE contract_id = ? ORDER BY position",
                         arguments: [contractID])
            .map { LineRecord(number: $0["number"] ?? "", area: $0["area"] ?? "") }
    }

    func lineArea(contractID: Int64, number: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT area FROM line WHERE contract_id = ? AND number = ?",
                            arguments: [contractID, number])
    }

    func lineNoticeDecided(contractID: Int64, number: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM line_notice WHERE contract_id = ? AND number = ?",
                          arguments: [contractID, number]) ?? false
    }

    func replaceLines(contractID: Int64, _ lines: [LineRecord]) throws {
        try db.execute(sql: "DELETE FROM line WHERE contract_id = ?", arguments: [contractID])
        for (i, line) in lines.enumerated() {
            try db.execute(sql: "INSERT INTO line (contract_id, position, number, area) VALUES (?, ?, ?, ?)",
                           arguments: [contractID, i, line.number, line.area])
        }
    }

    func recordLineNotice(contractID: Int64, number: String, notify: Bool, personID: Int64, at: Date) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO line_notice (contract_id, number, notify, person_id, decided_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [contractID, number, notify, personID, at.stored])
    }
}

// MARK: identity, directory

extension IdentityRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "identity"

    public init(row: Row) throws {
        self.init(personID: row["person_id"], method: row["method"] ?? "", issuer: row["issuer"] ?? "",
                  subject: row["subject"] ?? "", email: row["email"], boundAt: row.date("bound_at"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["person_id"] = personID
        container["method"] = method
        container["issuer"] = issuer
        container["subject"] = subject
        container["email"] = email
        container["bound_at"] = boundAt?.stored
    }
}

extension DirectoryRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "directory"

    public init(row: Row) throws {
        self.init(contractID: row["contract_id"], connectionID: row["connection_id"] ?? "", url: row["url"] ?? "",
                  domain: row["domain"] ?? "", caPEM: row["ca_pem"], configuredAt: row.date("configured_at"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["contract_id"] = contractID
        container["connection_id"] = connectionID
        container["url"] = url
        container["domain"] = domain
        container["ca_pem"] = caPEM
        container["configured_at"] = configuredAt?.stored
    }
}

extension SQLiteAccess {
    func identity(personID: Int64) throws -> IdentityRecord? {
        try IdentityRecord.fetchOne(db, sql: "SELECT * FROM identity WHERE person_id = ?", arguments: [personID])
    }

    func boundPersonID(issuer: String, subject: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT person_id FROM identity WHERE issuer = ? AND subject = ?",
                           arguments: [issuer, subject])
    }

    func saveIdentity(_ record: IdentityRecord) throws {
        try record.insert(db, onConflict: .replace)
    }

    func deleteIdentity(personID: Int64) throws {
        try db.execute(sql: "DELETE FROM identity WHERE person_id = ?", arguments: [personID])
    }

    func directory(contractID: Int64) throws -> DirectoryRecord? {
        try DirectoryRecord.fetchOne(db, sql: "SELECT * FROM directory WHERE contract_id = ?", arguments: [contractID])
    }

    func directory(connectionID: String) throws -> DirectoryRecord? {
        try DirectoryRecord.fetchOne(db, sql: "SELECT * FROM directory WHERE connection_id = ?", arguments: [connectionID])
    }

    func saveDirectory(_ record: DirectoryRecord) throws {
        try record.insert(db, onConflict: .replace)
    }
}
