import FoundationEssentials
import GRDB

/// Decoding of stored rows into domain values. Unknown enum values in a row
/// (a newer writer, a hand edit) are reported as a damaged store, never trapped.
enum Rows {
    static func date(_ row: Row, _ column: String) -> Date? {
        (row[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }

    static func person(_ row: Row) throws -> Person {
        guard let role = Role(rawValue: row["role"] ?? ""),
              let method = LoginMethod(rawValue: row["login_method"] ?? ""),
              let created = date(row, "created_at")
        else { throw DamagedRow(table: "person") }
        return Person(
            id: row["id"], contractID: row["contract_id"], email: row["email"], name: row["name"],
            role: role, loginMethod: method, failedAttempts: row["failed_attempts"],
            lockedAt: date(row, "locked_at"), registered: row["registered"],
            twoFactorGeneration: row["two_factor_generation"], createdAt: created,
            lastSignInAt: date(row, "last_sign_in_at"))
    }

    static func contract(_ row: Row) throws -> Contract {
        guard let plan = Plan(rawValue: row["plan"] ?? ""),
              let route = Contract.AccessRoute(rawValue: row["access_route"] ?? ""),
              let created = date(row, "created_at")
        else { throw DamagedRow(table: "contract") }
        return Contract(
            id: row["id"], plan: plan, createdAt: created, trialStartedAt: date(row, "trial_started_at"),
            twoFactorEnabled: row["two_factor_enabled"], accessRoute: route)
    }

    static func fetchPerson(_ db: Database, email: String) throws -> (Person, passwordHash: String?)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE email = ? COLLATE NOCASE", arguments: [email])
        else { return nil }
        return (try person(row), row["password_hash"])
    }

    static func fetchPerson(_ db: Database, id: Int64) throws -> (Person, passwordHash: String?)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [id]) else { return nil }
        return (try person(row), row["password_hash"])
    }

    static func fetchContract(_ db: Database, id: Int64) throws -> Contract? {
        try Row.fetchOne(db, sql: "SELECT * FROM contract WHERE id = ?", arguments: [id]).map(contract)
    }
}

struct DamagedRow: Error {
    var table: String
}
