import Foundation

// two_step, remembered_terminal, identity, directory
extension TwoStepRecord {
    init(pg row: PGRow) throws {
        guard let personID: Int64 = row["person_id"] else { throw PGFailure(sqlState: "XX001", message: "two_step row without person") }
        self.init(
            personID: personID, generation: row["generation"] ?? 0, method: row["method"] ?? "",
            phone: row["phone"], totpSecret: row.bytes("totp_secret"), totpLastStep: row["totp_last_step"],
            recoveryHash: row.bytes("recovery_hash"), enrolledAt: row.date("enrolled_at"))
    }
}

extension RememberedTerminalRecord {
    init(pg row: PGRow) throws {
        guard let personID: Int64 = row["person_id"] else {
            throw PGFailure(sqlState: "XX001", message: "remembered_terminal row without person")
        }
        self.init(tokenHash: row.bytes("token_hash") ?? [], personID: personID,
                  generation: row["generation"] ?? 0, lastSeen: row.date("last_seen") ?? .distantPast,
                  rememberedAt: row.date("remembered_at") ?? .distantPast)
    }
}

extension IdentityRecord {
    init(pg row: PGRow) throws {
        guard let personID: Int64 = row["person_id"] else { throw PGFailure(sqlState: "XX001", message: "identity row without person") }
        self.init(personID: personID, method: row["method"] ?? "", issuer: row["issuer"] ?? "",
                  subject: row["subject"] ?? "", email: row["email"], boundAt: row.date("bound_at"))
    }
}

extension DirectoryRecord {
    init(pg row: PGRow) throws {
        guard let contractID: Int64 = row["contract_id"] else {
            throw PGFailure(sqlState: "XX001", message: "directory row without contract")
        }
        self.init(contractID: contractID, connectionID: row["connection_id"] ?? "", url: row["url"] ?? "",
                  domain: row["domain"] ?? "", caPEM: row["ca_pem"], configuredAt: row.date("configured_at"))
    }
}

extension PostgresAccess {
    func twoStep(personID: Int64, generation: Int) throws -> TwoStepRecord? {
        try one("SELECT * FROM two_step WHERE person_id = ? AND generation = ?", [personID, generation])
            .map(TwoStepRecord.init(pg:))
    }

    /// SQLite's INSERT OR REPLACE: the person's row, whatever was there.
    func saveTwoStep(_ r: TwoStepRecord) throws {
        try run("DELETE FROM two_step WHERE person_id = ?", [r.personID])
        try run("""
            INSERT INTO two_step (person_id, generation, method, phone, totp_secret, totp_last_step, recovery_hash, enrolled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [r.personID, r.generation, r.method, r.phone, r.totpSecret, r.totpLastStep, r.recoveryHash,
                  r.enrolledAt?.stored])
    }

    func setTOTPLastStep(personID: Int64, step: Int64) throws {
        try run("UPDATE two_step SET totp_last_step = ? WHERE person_id = ?", [step, personID])
    }

    func setRecoveryHash(personID: Int64, hash: [UInt8]) throws {
        try run("UPDATE two_step SET recovery_hash = ? WHERE person_id = ?", [hash, personID])
    }

    func resetTwoStep(personID: Int64) throws {
        try bumpTwoFactorGeneration(personID: personID)
        try run("DELETE FROM two_step WHERE person_id = ?", [personID])
        try run("DELETE FROM remembered_terminal WHERE person_id = ?", [personID])
        try run("DELETE FROM sign_in_challenge WHERE person_id = ?", [personID])
    }

    // MARK: remembered_terminal

    func rememberedTerminal(tokenHash: [UInt8], personID: Int64) throws -> RememberedTerminalRecord? {
        try one("SELECT * FROM remembered_terminal WHERE token_hash = ? AND person_id = ?", [tokenHash, personID])
            .map(RememberedTerminalRecord.init(pg:))
    }

    func rememberTerminal(_ r: RememberedTerminalRecord) throws {
        try run("""
            INSERT INTO remembered_terminal (token_hash, person_id, generation, last_seen, remembered_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (token_hash, person_id) DO UPDATE SET generation = excluded.generation,
                last_seen = excluded.last_seen, remembered_at = excluded.remembered_at
            """, [r.tokenHash, r.personID, r.generation, r.lastSeen.stored, r.rememberedAt.stored])
    }

    func touchRememberedTerminal(tokenHash: [UInt8], personID: Int64, at: Date) throws {
        try run("UPDATE remembered_terminal SET last_seen = ? WHERE token_hash = ? AND person_id = ?",
                [at.stored, tokenHash, personID])
    }

    // MARK: identity, directory

    func identity(personID: Int64) throws -> IdentityRecord? {
        try one("SELECT * FROM identity WHERE person_id = ?", [personID]).map(IdentityRecord.init(pg:))
    }

    func boundPersonID(issuer: String, subject: String) throws -> Int64? {
        try value("SELECT person_id FROM identity WHERE issuer = ? AND subject = ?", [issuer, subject])
    }

    /// SQLite's INSERT OR REPLACE: any row with the same person or the same account goes.
    func saveIdentity(_ r: IdentityRecord) throws {
        try run("DELETE FROM identity WHERE person_id = ? OR (issuer = ? AND subject = ?)", [r.personID, r.issuer, r.subject])
        try run("""
            INSERT INTO identity (person_id, method, issuer, subject, email, bound_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [r.personID, r.method, r.issuer, r.subject, r.email, r.boundAt?.stored])
    }

    func deleteIdentity(personID: Int64) throws {
        try run("DELETE FROM identity WHERE person_id = ?", [personID])
    }

    func directory(contractID: Int64) throws -> DirectoryRecord? {
        try one("SELECT * FROM directory WHERE contract_id = ?", [contractID]).map(DirectoryRecord.init(pg:))
    }

    func directory(connectionID: String) throws -> DirectoryRecord? {
        try one("SELECT * FROM directory WHERE connection_id = ?", [connectionID]).map(DirectoryRecord.init(pg:))
    }

    /// SQLite's INSERT OR REPLACE: any row with the same contract or the same connection ID goes.
    func saveDirectory(_ r: DirectoryRecord) throws {
        try run("DELETE FROM directory WHERE contract_id = ? OR connection_id = ?", [r.contractID, r.connectionID])
        try run("""
            INSERT INTO directory (contract_id, connection_id, url, domain, ca_pem, configured_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [r.contractID, r.connectionID, r.url, r.domain, r.caPEM, r.configuredAt?.stored])
    }
}
