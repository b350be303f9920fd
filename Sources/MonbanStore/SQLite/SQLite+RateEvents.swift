import Foundation
import GRDB

extension SQLiteAccess {
    func rateEventCount(counter: String, subject: [UInt8], since: Date) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rate_event WHERE counter = ? AND subject = ? AND at > ?",
                         arguments: [counter, Data(subject), since.stored]) ?? 0
    }

    func recordRateEvent(counter: String, subject: [UInt8], at: Date) throws {
        try db.execute(sql: "INSERT INTO rate_event (counter, subject, at) VALUES (?, ?, ?)",
                       arguments: [counter, Data(subject), at.stored])
    }

    func forgetRateEvents(before: Date) throws {
        try db.execute(sql: "DELETE FROM rate_event WHERE at <= ?", arguments: [before.stored])
    }
}
