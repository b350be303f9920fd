import Foundation

extension PersonRecord {
    init(pg row: PGRow) throws {
        guard let id: Int64 = row["id"], let contractID: Int64 = row["contract_id"] else {
            throw PGFailure(sqlState: "XX001", message: "person row without id")
        }
        self.init(
            id: id, contractID: contractID, email: row["email"] ?? "", name: row["name"] ?? "",
            role: row["role"] ?? "", loginMethod: row["login_method"] ?? "", passwordHash: row["password_hash"],
            failedAttempts: row["failed_attempts"] ?? 0, lockedAt: row.date("locked_at"),
            registered: row["registered"] ?? false, twoFactorGeneration: row["two_factor_generation"] ?? 0,
            twoStepFailures: row["two_step_failures"] ?? 0, createdAt: row.date("created_at"),
            lastSignInAt: row.date("last_sign_in_at"))
    }
}

extension PostgresAccess {
    func person(id: Int64) throws -> PersonRecord? {
        try one("SELECT * FROM person WHERE id = ?", [id]).map(PersonRecord.init(pg:))
    }

    func person(email: String) throws -> PersonRecord? {
        try one("SELECT * FROM person WHERE lower(email) = lower(?)", [email]).map(PersonRecord.init(pg:))
    }

    func twoStepFailures(personID: Int64) throws -> Int {
        try value("SELECT two_step_failures FROM person WHERE id = ?", [personID]) ?? 0
    }

    func persons(contractID: Int64, ids: [Int64]) throws -> [PersonRecord] {
        guard !ids.isEmpty else { return [] }
        return try all("SELECT * FROM person WHERE contract_id = ? AND id IN (\(Self.marks(ids.count)))",
                       [contractID] + ids).map(PersonRecord.init(pg:))
    }

    func persons(contractID: Int64, beyond edge: Int64?, descending: Bool, limit: Int) throws -> [PersonRecord] {
        var sql = "SELECT * FROM person WHERE contract_id = ?"
        var arguments: [(any PGEncodable)?] = [contractID]
        if let edge { sql += " AND id \(descending ? "<" : ">") ?"; arguments.append(edge) }
        sql += " ORDER BY id\(descending ? " DESC" : "") LIMIT ?"
        arguments.append(limit)
        return try all(sql, arguments).map(PersonRecord.init(pg:))
    }

    func personCount(contractID: Int64) throws -> Int {
        // Kept by `insertPerson` (migration v13-people-count), not counted: a million people
        // took longer than a frame to count.
        try value("SELECT person_count FROM contract WHERE id = ?", [contractID]) ?? 0
    }

    func emails(personIDs: [Int64]) throws -> [Int64: String] {
        guard !personIDs.isEmpty else { return [:] }
        var emails: [Int64: String] = [:]
        for row in try all("SELECT id, email FROM person WHERE id IN (\(Self.marks(personIDs.count)))", personIDs) {
            if let id: Int64 = row["id"] { emails[id] = row["email"] ?? "" }
        }
        return emails
    }

    // MARK: The people search (US-1): a substring of the normalised address or name, as
    // SearchGrams defines it; `person_gram` or the pg_trgm index finds the candidates.

    /// The LIKE pattern for `text`, nil when it has no characters.
    static func searchPattern(_ text: String) -> String? {
        let q = String(SearchGrams.normalized(text))
        // No stored address or name holds a NUL (both are checked), so such a query finds no one,
        // as on SQLite; libpq could not send it anyway.
        guard !q.isEmpty, !q.utf8.contains(0) else { return nil }
        var escaped = ""
        for ch in q {
            if ch == "%" || ch == "_" || ch == "\\" { escaped.append("\\") }
            escaped.append(ch)
        }
        return "%" + escaped + "%"
    }

    /// What is searched for a person: the normalised address and name, apart.
    static func searchWords(email: String, name: String) -> String {
        String(SearchGrams.normalized(email)) + "\n" + String(SearchGrams.normalized(name))
    }

    /// Where the people search looks for `text`. One or two characters: their code in
    /// `person_gram` (pg_trgm needs three), checked against the words too when the code is not
    /// exact (`SearchGrams.shortCode`); longer texts: LIKE over the pg_trgm index of the words.
    /// Nil when the text has no characters (or a NUL, which no one has).
    struct SearchSource {
        /// The tables, with the person id as `id` and the contract as `contract` when at hand.
        let from: String
        let id: String
        let contract: String?
        let condition: String
        let arguments: [(any PGEncodable)?]
    }

    static func searchSource(_ text: String) -> SearchSource? {
        guard let pattern = searchPattern(text) else { return nil }
        guard let gram = SearchGrams.shortGram(text) else {
            return SearchSource(from: "person_search s", id: "s.person_id", contract: nil,
                                condition: "s.words LIKE ?", arguments: [pattern])
        }
        if gram.exact {
            return SearchSource(from: "person_gram g", id: "g.person_id", contract: "g.contract_id",
                                condition: "g.grams @> ARRAY[?::integer]", arguments: [gram.value])
        }
        return SearchSource(from: "person_gram g JOIN person_search s ON s.person_id = g.person_id", id: "g.person_id",
                            contract: "g.contract_id", condition: "g.grams @> ARRAY[?::integer] AND s.words LIKE ?",
                            arguments: [gram.value, pattern])
    }

    func searchPersonIDs(text: String, beyond edge: Int64?, descending: Bool, limit: Int) throws -> [Int64] {
        guard let source = Self.searchSource(text) else { return [] }
        var sql = "SELECT \(source.id) AS id FROM \(source.from) WHERE \(source.condition)"
        var arguments = source.arguments
        if let edge { sql += " AND \(source.id) \(descending ? "<" : ">") ?"; arguments.append(edge) }
        sql += " ORDER BY \(source.id)\(descending ? " DESC" : "") LIMIT ?"
        arguments.append(limit)
        return try all(sql, arguments).compactMap { $0["id"] }
    }

    func searchCount(text: String, contractID: Int64, upTo limit: Int) throws -> Int {
        guard let source = Self.searchSource(text) else { return 0 }
        let sql: String
        if let contract = source.contract {
            sql = "SELECT count(*) FROM (SELECT \(source.id) FROM \(source.from) WHERE \(source.condition)"
                + " AND \(contract) = ? LIMIT ?) AS hits"
        } else {
            sql = "SELECT count(*) FROM (SELECT p.id FROM \(source.from) JOIN person p ON p.id = \(source.id)"
                + " WHERE \(source.condition) AND p.contract_id = ? LIMIT ?) AS hits"
        }
        return try value(sql, source.arguments + [contractID, limit]) ?? 0
    }

    func searchPeople(text: String, contractID: Int64, limit: Int) throws -> [PersonName] {
        guard let source = Self.searchSource(text) else { return [] }
        return try all("""
            SELECT p.id, p.email, p.name FROM \(source.from) JOIN person p ON p.id = \(source.id)
            WHERE \(source.condition) AND p.contract_id = ? ORDER BY p.id LIMIT ?
            """, source.arguments + [contractID, limit])
            .compactMap { row in
                guard let id: Int64 = row["id"] else { return nil }
                return PersonName(id: id, email: row["email"] ?? "", name: row["name"] ?? "")
            }
    }

    /// A person's search words (`person_search`) and short codes (`person_gram`), written anew.
    private func index(personID: Int64, contractID: Int64?, email: String, name: String) throws {
        try run("""
            INSERT INTO person_search (person_id, words) VALUES (?, ?)
            ON CONFLICT (person_id) DO UPDATE SET words = excluded.words
            """, [personID, Self.searchWords(email: email, name: name)])
        let grams = PGSchema.integerArray(SearchGrams.shortGrams(email: email, name: name))
        if let contractID {
            try run("INSERT INTO person_gram (person_id, contract_id, grams) VALUES (?, ?, ?::integer[])",
                    [personID, contractID, grams])
        } else {
            try run("UPDATE person_gram SET grams = ?::integer[] WHERE person_id = ?", [grams, personID])
        }
    }

    // MARK: Writes

    /// A person and their search words, not yet counted in their contract (`PeopleInsertion`).
    func add(_ p: NewPerson) throws -> Int64 {
        let id = try insert("""
            INSERT INTO person (contract_id, email, name, role, login_method, password_hash, registered, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [p.contractID, p.email, p.name, p.role, p.loginMethod, p.passwordHash, p.registered, p.createdAt.stored])
        try index(personID: id, contractID: p.contractID, email: p.email, name: p.name)
        return id
    }

    /// After a large import, the search tables' statistics at once (ANALYZE may run inside the
    /// transaction and counts its rows): the planner chooses between the people's order and the
    /// GIN indexes by them, and autovacuum would gather them only a minute or so later, when a
    /// search meanwhile could read every row. A role that does not own the tables is skipped
    /// with a warning (dropped with every notice, `PGConnection`), not an error: autovacuum's
    /// statistics come later.
    func afterImport(of count: Int) throws {
        guard count >= 1000 else { return }
        try run("ANALYZE person, person_search, person_gram")
    }

    /// The contract's kept number of people (v13-people-count): one update per transaction
    /// and contract where possible, since each update of a row in one transaction leaves a
    /// version that the next one walks past.
    func countPeople(contractID: Int64, added: Int) throws {
        try run("UPDATE contract SET person_count = person_count + ? WHERE id = ?", [added, contractID])
    }

    func setFailedAttempts(personID: Int64, count: Int, lockedAt: Date?) throws {
        try run("UPDATE person SET failed_attempts = ?, locked_at = ? WHERE id = ?", [count, lockedAt?.stored, personID])
    }

    func lock(personID: Int64, at: Date) throws -> Bool {
        try run("UPDATE person SET locked_at = ? WHERE id = ? AND locked_at IS NULL", [at.stored, personID]) > 0
    }

    func unlock(personID: Int64) throws {
        try run("UPDATE person SET locked_at = NULL, failed_attempts = 0, two_step_failures = 0 WHERE id = ?", [personID])
    }

    func recordRightPassword(personID: Int64, passwordHash: String) throws {
        try run("UPDATE person SET failed_attempts = 0, password_hash = ? WHERE id = ?", [passwordHash, personID])
    }

    func setLastSignIn(personID: Int64, at: Date) throws {
        try run("UPDATE person SET last_sign_in_at = ? WHERE id = ?", [at.stored, personID])
    }

    func countTwoStepFailure(personID: Int64) throws {
        try run("UPDATE person SET two_step_failures = two_step_failures + 1 WHERE id = ?", [personID])
    }

    func recordSecondStep(personID: Int64, at: Date) throws {
        try run("UPDATE person SET two_step_failures = 0, last_sign_in_at = ? WHERE id = ?", [at.stored, personID])
    }

    func bumpTwoFactorGeneration(personID: Int64) throws {
        try run("UPDATE person SET two_factor_generation = two_factor_generation + 1 WHERE id = ?", [personID])
    }

    func setPasswordReleasingLock(personID: Int64, passwordHash: String) throws {
        try run("""
            UPDATE person SET password_hash = ?, failed_attempts = 0, two_step_failures = 0, locked_at = NULL
            WHERE id = ?
            """, [passwordHash, personID])
    }

    func changePassword(personID: Int64, passwordHash: String) throws {
        try run("UPDATE person SET password_hash = ?, failed_attempts = 0 WHERE id = ?", [passwordHash, personID])
    }

    func setPasswordLogin(personID: Int64, passwordHash: String, register: Bool) throws {
        let also = register ? "registered = true" : "failed_attempts = 0"
        try run("UPDATE person SET password_hash = ?, login_method = 'email_password', \(also) WHERE id = ?",
                [passwordHash, personID])
    }

    func clearFailedAttempts(personID: Int64) throws {
        try run("UPDATE person SET failed_attempts = 0 WHERE id = ?", [personID])
    }

    func markRegistered(personID: Int64) throws {
        try run("UPDATE person SET registered = true WHERE id = ?", [personID])
    }

    func setFederatedLogin(personID: Int64, method: String) throws {
        try run("UPDATE person SET login_method = ?, password_hash = NULL WHERE id = ?", [method, personID])
    }

    func setEmail(personID: Int64, to email: String, old: (email: String, name: String)) throws {
        try run("UPDATE person SET email = ? WHERE id = ?", [email, personID])
        try index(personID: personID, contractID: nil, email: email, name: old.name)
    }
}
