import FoundationEssentials
import MonbanStore

/// Decoding of stored records into domain values. Unknown enum values in a row
/// (a newer writer, a hand edit) are reported as a damaged store, never trapped.
enum Rows {
    static func person(_ r: PersonRecord) throws -> Person {
        guard let role = Role(rawValue: r.role), let method = LoginMethod(rawValue: r.loginMethod),
              let created = r.createdAt
        else { throw DamagedRow(table: "person") }
        return Person(
            id: r.id, contractID: r.contractID, email: r.email, name: r.name, role: role, loginMethod: method,
            failedAttempts: r.failedAttempts, lockedAt: r.lockedAt, registered: r.registered,
            twoFactorGeneration: r.twoFactorGeneration, createdAt: created, lastSignInAt: r.lastSignInAt,
            lockReason: r.lockedAt == nil ? nil
                : (r.twoStepFailures >= LockoutPolicy.threshold ? .wrongCodes : .wrongPasswords))
    }

    static func contract(_ r: ContractRecord) throws -> Contract {
        guard let plan = Plan(rawValue: r.plan), let route = Contract.AccessRoute(rawValue: r.accessRoute),
              let created = r.createdAt
        else { throw DamagedRow(table: "contract") }
        return Contract(
            id: r.id, plan: plan, createdAt: created, trialStartedAt: r.trialStartedAt,
            twoFactorEnabled: r.twoFactorEnabled, accessRoute: route)
    }

    static func fetchPerson(_ tx: any StoreReader, email: String) throws -> (Person, passwordHash: String?)? {
        guard let r = try tx.person(email: email) else { return nil }
        return (try person(r), r.passwordHash)
    }

    static func fetchPerson(_ tx: any StoreReader, id: Int64) throws -> (Person, passwordHash: String?)? {
        guard let r = try tx.person(id: id) else { return nil }
        return (try person(r), r.passwordHash)
    }

    static func fetchContract(_ tx: any StoreReader, id: Int64) throws -> Contract? {
        try tx.contract(id: id).map(contract)
    }
}

struct DamagedRow: Error {
    var table: String
}
