import Foundation
import GRDB

// ticket
extension TicketRecord: FetchableRecord {
    public init(row: Row) throws {
        self.init(
            id: row["id"], hash: row.bytes("hash") ?? [], purpose: row["purpose"] ?? "", personID: row["person_id"],
            payload: row["payload"] ?? "", createdAt: row.date("created_at"), expiresAt: row.date("expires_at"),
            usedAt: row.date("used_at"), addressHash: row.bytes("address_hash"))
    }
}

extension SQLiteAccess {
    func ticket(hash: [UInt8]) throws -> TicketRecord? {
        try TicketRecord.fetchOne(db, sql: "SELECT * FROM ticket WHERE hash = ?", arguments: [Data(hash)])
    }

    func insertTicket(hash: [UInt8], purpose: String, personID: Int64, payload: String, addressHash: [UInt8],
                      createdAt: Date, expiresAt: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO ticket (hash, purpose, person_id, payload, address_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [Data(hash), purpose, personID, payload, Data(addressHash), createdAt.stored, expiresAt.stored])
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
