import Foundation
import GRDB

// line, line_notice
extension SQLiteAccess {
    func lines(contractID: Int64) throws -> [LineRecord] {
        try Row.fetchAll(db, sql: "SELECT number, area FROM line WHERE contract_id = ? ORDER BY position",
                         arguments: [contractID])
            .map { LineRecord(number: $0["number"] ?? "", area: $0["area"] ?? "") }
    }

    func lineArea(contractID: Int64, number: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT area FROM line WHERE contract_id = ? AND number = ?",
                            arguments: [contractID, number])
    }

    func lineNoticeDecided(contractID: Int64, number: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM line_notice WHERE contract_id = ? AND number = ?",
                          arguments: [contractID, number]) ?? false
    }

    func replaceLines(contractID: Int64, _ lines: [LineRecord]) throws {
        try db.execute(sql: "DELETE FROM line WHERE contract_id = ?", arguments: [contractID])
        for (i, line) in lines.enumerated() {
            try db.execute(sql: "INSERT INTO line (contract_id, position, number, area) VALUES (?, ?, ?, ?)",
                           arguments: [contractID, i, line.number, line.area])
        }
    }

    func recordLineNotice(contractID: Int64, number: String, notify: Bool, personID: Int64, at: Date) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO line_notice (contract_id, number, notify, person_id, decided_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [contractID, number, notify, personID, at.stored])
    }
}
