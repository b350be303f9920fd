import Foundation
import GRDB

extension AuditRecord: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"

    public init(row: Row) throws {
        self.init(
            id: row["id"], at: row.date("at"), event: row["event"] ?? "", personID: row["person_id"],
            contractID: row["contract_id"], terminal: row["terminal"] ?? "", line: row["line"] ?? "",
            detail: row["detail"] ?? "", previousHash: row.bytes("prev_hash") ?? [], hash: row.bytes("hash") ?? [])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["at"] = at?.stored
        container["event"] = event
        container["person_id"] = personID
        container["contract_id"] = contractID
        container["terminal"] = terminal
        container["line"] = line
        container["detail"] = detail
        container["prev_hash"] = Data(previousHash)
        container["hash"] = Data(hash)
    }
}

extension SQLiteAccess {
    func lastAuditLink() throws -> (id: Int64, hash: [UInt8])? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1") else {
            return nil
        }
        return (row["id"], row.bytes("hash") ?? [])
    }

    func appendAudit(_ record: AuditRecord) throws {
        try record.insert(db)
    }

    func auditEntries(after afterID: Int64, limit: Int) throws -> [AuditRecord] {
        try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?",
                                 arguments: [afterID, limit])
    }

    func firstAuditID(contractID: Int64, atOrAfter date: Date) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT min(id) FROM audit WHERE contract_id = ? AND at >= ?",
                           arguments: [contractID, date.stored])
    }

    func lastAuditID(contractID: Int64, before date: Date) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit WHERE contract_id = ? AND at < ?",
                           arguments: [contractID, date.stored])
    }

    func auditEntries(_ scan: AuditScan) throws -> [AuditRecord] {
        // The index is named: each scan must walk one index in id order, whatever the planner guesses.
        let index = scan.personID != nil ? "audit_person_id" : (scan.event != nil ? "audit_contract_event" : "audit_contract")
        var sql = "SELECT * FROM audit INDEXED BY \(index) WHERE contract_id = ?"
        var arguments: StatementArguments = [scan.contractID]
        if let event = scan.event { sql += " AND event = ?"; arguments += [event] }
        if let person = scan.personID { sql += " AND person_id = ?"; arguments += [person] }
        if scan.event != nil, scan.personID == nil, let people = scan.people {
            sql += " AND person_id IN (\(Self.marks(people.count)))"
            arguments += StatementArguments(people)
        }
        if scan.personID != nil, let events = scan.events {
            sql += " AND event IN (\(Self.marks(events.count)))"
            arguments += StatementArguments(events)
        }
        if let low = scan.lowID { sql += " AND id >= ?"; arguments += [low] }
        if let high = scan.highID { sql += " AND id <= ?"; arguments += [high] }
        sql += scan.newestFirst ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id ASC LIMIT ?"
        arguments += [scan.limit]
        return try AuditRecord.fetchAll(db, sql: sql, arguments: arguments)
    }
}
