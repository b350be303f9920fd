import Foundation
import GRDB

extension SQLiteAccess {
    func isDemoDatabase() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM database_mark WHERE name = 'demo')") ?? false
    }

    func markDemoDatabase(at: Date) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO database_mark (name, set_at) VALUES ('demo', ?)",
                       arguments: [at.stored])
    }
}
