import Foundation

// contract, database_mark, line, line_notice, rate_event, known_terminal
extension ContractRecord {
    init(pg row: PGRow) throws {
        guard let id: Int64 = row["id"] else { throw PGFailure(sqlState: "XX001", message: "contract row without id") }
        self.init(
            id: id, plan: row["plan"] ?? "", createdAt: row.date("created_at"),
            trialStartedAt: row.date("trial_started_at"), convertedAt: row.date("converted_at"),
            twoFactorEnabled: row["two_factor_enabled"] ?? true, accessRoute: row["access_route"] ?? "")
    }
}

extension PostgresAccess {
    func contract(id: Int64) throws -> ContractRecord? {
        try one("SELECT * FROM contract WHERE id = ?", [id]).map(ContractRecord.init(pg:))
    }

    func insertContract(plan: String, createdAt: Date, trialStartedAt: Date?) throws -> Int64 {
        try insert("INSERT INTO contract (plan, created_at, trial_started_at) VALUES (?, ?, ?)",
                   [plan, createdAt.stored, trialStartedAt?.stored])
    }

    func convertToBasic(contractID: Int64, at: Date) throws {
        try run("UPDATE contract SET plan = 'basic', converted_at = ? WHERE id = ?", [at.stored, contractID])
    }

    func setTwoFactorEnabled(contractID: Int64, _ enabled: Bool) throws {
        try run("UPDATE contract SET two_factor_enabled = ? WHERE id = ?", [enabled, contractID])
    }

    func setAccessRoute(contractID: Int64, _ route: String) throws {
        try run("UPDATE contract SET access_route = ? WHERE id = ?", [route, contractID])
    }

    // MARK: database_mark

    func isDemoDatabase() throws -> Bool {
        try value("SELECT EXISTS (SELECT 1 FROM database_mark WHERE name = 'demo')") ?? false
    }

    func markDemoDatabase(at: Date) throws {
        try run("INSERT INTO database_mark (name, set_at) VALUES ('demo', ?) ON CONFLICT DO NOTHING", [at.stored])
    }

    // MARK: line, line_notice

    func lines(contractID: Int64) throws -> [LineRecord] {
        try all("SELECT number, area FROM line WHERE contract_id = ? ORDER BY position", [contractID])
            .map { LineRecord(number: $0["number"] ?? "", area: $0["area"] ?? "") }
    }

    func lineArea(contractID: Int64, number: String) throws -> String? {
        try value("SELECT area FROM line WHERE contract_id = ? AND number = ?", [contractID, number])
    }

    func lineNoticeDecided(contractID: Int64, number: String) throws -> Bool {
        try value("SELECT EXISTS (SELECT 1 FROM line_notice WHERE contract_id = ? AND number = ?)",
                  [contractID, number]) ?? false
    }

    func replaceLines(contractID: Int64, _ lines: [LineRecord]) throws {
        try run("DELETE FROM line WHERE contract_id = ?", [contractID])
        for (i, line) in lines.enumerated() {
            try run("INSERT INTO line (contract_id, position, number, area) VALUES (?, ?, ?, ?)",
                    [contractID, i, line.number, line.area])
        }
    }

    func recordLineNotice(contractID: Int64, number: String, notify: Bool, personID: Int64, at: Date) throws {
        try run("""
            INSERT INTO line_notice (contract_id, number, notify, person_id, decided_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, [contractID, number, notify, personID, at.stored])
    }

    // MARK: rate_event

    func rateEventCount(counter: String, subject: [UInt8], since: Date) throws -> Int {
        try value("SELECT count(*) FROM rate_event WHERE counter = ? AND subject = ? AND at > ?",
                  [counter, subject, since.stored]) ?? 0
    }

    func recordRateEvent(counter: String, subject: [UInt8], at: Date) throws {
        try run("INSERT INTO rate_event (counter, subject, at) VALUES (?, ?, ?)", [counter, subject, at.stored])
    }

    func forgetRateEvents(before: Date) throws {
        try run("DELETE FROM rate_event WHERE at <= ?", [before.stored])
    }

    // MARK: known_terminal

    func isKnownTerminal(personID: Int64, hash: [UInt8]) throws -> Bool {
        try value("SELECT EXISTS (SELECT 1 FROM known_terminal WHERE person_id = ? AND terminal_hash = ?)",
                  [personID, hash]) ?? false
    }

    func hasKnownTerminals(personID: Int64) throws -> Bool {
        try value("SELECT EXISTS (SELECT 1 FROM known_terminal WHERE person_id = ?)", [personID]) ?? false
    }

    func addKnownTerminal(personID: Int64, hash: [UInt8], at: Date) throws {
        try run("""
            INSERT INTO known_terminal (person_id, terminal_hash, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """, [personID, hash, at.stored])
    }
}
