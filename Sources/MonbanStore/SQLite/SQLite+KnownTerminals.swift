import Foundation
import GRDB

extension SQLiteAccess {
    func isKnownTerminal(personID: Int64, hash: [UInt8]) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM known_terminal WHERE person_id = ? AND terminal_hash = ?)",
            arguments: [personID, Data(hash)]) ?? false
    }

    func hasKnownTerminals(personID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM known_terminal WHERE person_id = ?)",
                          arguments: [personID]) ?? false
    }

    func addKnownTerminal(personID: Int64, hash: [UInt8], at: Date) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO known_terminal (person_id, terminal_hash, first_seen) VALUES (?, ?, ?)",
            arguments: [personID, Data(hash), at.stored])
    }
}
