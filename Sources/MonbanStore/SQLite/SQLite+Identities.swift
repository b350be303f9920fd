import Foundation
import GRDB

// identity, directory
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
