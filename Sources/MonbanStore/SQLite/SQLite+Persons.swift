import Foundation
import GRDB

extension PersonRecord: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], contractID: row["contract_id"], email: row["email"] ?? "", name: row["name"] ?? "",
            role: row["role"] ?? "", loginMethod: row["login_method"] ?? "", passwordHash: row["password_hash"],
            failedAttempts: row["failed_attempts"] ?? 0, lockedAt: row.date("locked_at"),
            registered: row["registered"] ?? false, twoFactorGeneration: row["two_factor_generation"] ?? 0,
            twoStepFailures: row["two_step_failures"] ?? 0, createdAt: row.date("created_at"),
            lastSignInAt: row.date("last_sign_in_at"))
    }
}

extension SQLiteAccess {
    func person(id: Int64) throws -> PersonRecord? {
        try PersonRecord.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [id])
    }

    func person(email: String) throws -> PersonRecord? {
        try PersonRecord.fetchOne(db, sql: "SELECT * FROM person WHERE email = ? COLLATE NOCASE", arguments: [email])
    }

    func twoStepFailures(personID: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT two_step_failures FROM person WHERE id = ?", arguments: [personID]) ?? 0
    }

    func persons(contractID: Int64, ids: [Int64]) throws -> [PersonRecord] {
        guard !ids.isEmpty else { return [] }
        return try PersonRecord.fetchAll(
            db, sql: "SELECT * FROM person WHERE contract_id = ? AND id IN (\(Self.marks(ids.count)))",
            arguments: StatementArguments([contractID] + ids))
    }

    func persons(contractID: Int64, beyond edge: Int64?, descending: Bool, limit: Int) throws -> [PersonRecord] {
        var sql = "SELECT * FROM person WHERE contract_id = ?"
        var arguments: StatementArguments = [contractID]
        if let edge { sql += " AND id \(descending ? "<" : ">") ?"; arguments += [edge] }
        sql += " ORDER BY id\(descending ? " DESC" : "") LIMIT ?"
        arguments += [limit]
        return try PersonRecord.fetchAll(db, sql: sql, arguments: arguments)
    }

    func personCount(contractID: Int64) throws -> Int {
        // Kept by `insertPerson` (migration v13-people-count), not counted: a million people
        // took longer than a frame to count.
        try Int.fetchOne(db, sql: "SELECT person_count FROM contract WHERE id = ?", arguments: [contractID]) ?? 0
    }

    func emails(personIDs: [Int64]) throws -> [Int64: String] {
        guard !personIDs.isEmpty else { return [:] }
        var emails: [Int64: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT id, email FROM person WHERE id IN (\(Self.marks(personIDs.count)))",
            arguments: StatementArguments(personIDs))
        {
            emails[row["id"]] = row["email"]
        }
        return emails
    }

    // MARK: The people search (US-1, see SearchGrams)

    func searchPersonIDs(text: String, beyond edge: Int64?, descending: Bool, limit: Int) throws -> [Int64] {
        guard let fts = SearchGrams.query(text) else { return [] }
        var sql = "SELECT rowid FROM person_search WHERE person_search MATCH ?"
        var arguments: StatementArguments = [fts]
        if let edge { sql += " AND rowid \(descending ? "<" : ">") ?"; arguments += [edge] }
        sql += " ORDER BY rowid\(descending ? " DESC" : "") LIMIT \(limit)"
        return try Int64.fetchAll(db, sql: sql, arguments: arguments)
    }

    func searchCount(text: String, contractID: Int64, upTo limit: Int) throws -> Int {
        guard let fts = SearchGrams.query(text) else { return 0 }
        // CROSS JOIN keeps the index as the outer loop: the other way round SQLite would
        // run the full-text query once per person.
        return try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (SELECT p.id FROM person_search CROSS JOIN person p ON p.id = person_search.rowid
            WHERE person_search MATCH ? AND p.contract_id = ? LIMIT ?)
            """, arguments: [fts, contractID, limit]) ?? 0
    }

    func searchPeople(text: String, contractID: Int64, limit: Int) throws -> [PersonName] {
        guard let fts = SearchGrams.query(text) else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT p.id, p.email, p.name FROM person_search CROSS JOIN person p ON p.id = person_search.rowid
            WHERE person_search MATCH ? AND p.contract_id = ? ORDER BY p.id LIMIT ?
            """, arguments: [fts, contractID, limit])
            .map { PersonName(id: $0["id"], email: $0["email"] ?? "", name: $0["name"] ?? "") }
    }

    /// Writes a person's search words after an insert (`old` nil) or a change of address or name.
    private func index(personID: Int64, old: (email: String, name: String)?, email: String, name: String) throws {
        if let old {
            // A contentless FTS5 table forgets a row through the words it was given.
            let words = SearchGrams.document(email: old.email, name: old.name)
            try db.cachedStatement(
                sql: "INSERT INTO person_search (person_search, rowid, chars, pairs) VALUES ('delete', ?, ?, ?)")
                .execute(arguments: [personID, words.chars, words.pairs])
        }
        let words = SearchGrams.document(email: email, name: name)
        try db.cachedStatement(sql: "INSERT INTO person_search (rowid, chars, pairs) VALUES (?, ?, ?)")
            .execute(arguments: [personID, words.chars, words.pairs])
    }

    // MARK: Writes

    /// A person and their search words, not yet counted in their contract (`PeopleInsertion`).
    func add(_ p: NewPerson) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO person (contract_id, email, name, role, login_method, password_hash, registered, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [p.contractID, p.email, p.name, p.role, p.loginMethod, p.passwordHash, p.registered,
                                     p.createdAt.stored])
        let id = db.lastInsertedRowID
        try index(personID: id, old: nil, email: p.email, name: p.name)
        return id
    }

    /// The full-text index needs nothing more.
    func afterImport(of count: Int) throws {}

    /// The contract's kept number of people (v13-people-count).
    func countPeople(contractID: Int64, added: Int) throws {
        try db.cachedStatement(sql: "UPDATE contract SET person_count = person_count + ? WHERE id = ?")
            .execute(arguments: [added, contractID])
    }

    func setFailedAttempts(personID: Int64, count: Int, lockedAt: Date?) throws {
        try db.execute(sql: "UPDATE person SET failed_attempts = ?, locked_at = ? WHERE id = ?",
                       arguments: [count, lockedAt?.stored, personID])
    }

    func lock(personID: Int64, at: Date) throws -> Bool {
        try db.execute(sql: "UPDATE person SET locked_at = ? WHERE id = ? AND locked_at IS NULL",
                       arguments: [at.stored, personID])
        return db.changesCount > 0
    }

    func unlock(personID: Int64) throws {
        try db.execute(sql: "UPDATE person SET locked_at = NULL, failed_attempts = 0, two_step_failures = 0 WHERE id = ?",
                       arguments: [personID])
    }

    func recordRightPassword(personID: Int64, passwordHash: String) throws {
        try db.execute(sql: "UPDATE person SET failed_attempts = 0, password_hash = ? WHERE id = ?",
                       arguments: [passwordHash, personID])
    }

    func setLastSignIn(personID: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE person SET last_sign_in_at = ? WHERE id = ?", arguments: [at.stored, personID])
    }

    func countTwoStepFailure(personID: Int64) throws {
        try db.execute(sql: "UPDATE person SET two_step_failures = two_step_failures + 1 WHERE id = ?",
                       arguments: [personID])
    }

    func recordSecondStep(personID: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE person SET two_step_failures = 0, last_sign_in_at = ? WHERE id = ?",
                       arguments: [at.stored, personID])
    }

    func bumpTwoFactorGeneration(personID: Int64) throws {
        try db.execute(sql: "UPDATE person SET two_factor_generation = two_factor_generation + 1 WHERE id = ?",
                       arguments: [personID])
    }

    func setPasswordReleasingLock(personID: Int64, passwordHash: String) throws {
        try db.execute(
            sql: """
                UPDATE person SET password_hash = ?, failed_attempts = 0, two_step_failures = 0, locked_at = NULL
                WHERE id = ?
                """,
            arguments: [passwordHash, personID])
    }

    func changePassword(personID: Int64, passwordHash: String) throws {
        try db.execute(sql: "UPDATE person SET password_hash = ?, failed_attempts = 0 WHERE id = ?",
                       arguments: [passwordHash, personID])
    }

    func setPasswordLogin(personID: Int64, passwordHash: String, register: Bool) throws {
        let also = register ? "registered = 1" : "failed_attempts = 0"
        try db.execute(
            sql: "UPDATE person SET password_hash = ?, login_method = 'email_password', \(also) WHERE id = ?",
            arguments: [passwordHash, personID])
    }

    func clearFailedAttempts(personID: Int64) throws {
        try db.execute(sql: "UPDATE person SET failed_attempts = 0 WHERE id = ?", arguments: [personID])
    }

    func markRegistered(personID: Int64) throws {
        try db.execute(sql: "UPDATE person SET registered = 1 WHERE id = ?", arguments: [personID])
    }

    func setFederatedLogin(personID: Int64, method: String) throws {
        try db.execute(sql: "UPDATE person SET login_method = ?, password_hash = NULL WHERE id = ?",
                       arguments: [method, personID])
    }

    func setEmail(personID: Int64, to email: String, old: (email: String, name: String)) throws {
        try db.execute(sql: "UPDATE person SET email = ? WHERE id = ?", arguments: [email, personID])
        try index(personID: personID, old: old, email: email, name: old.name)
    }
}
