import Foundation
import GRDB

// contract
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
