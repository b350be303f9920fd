import FoundationEssentials
import GRDB
import MonbanStore

/// What the 操作ログ shows of one entry (AU-1): never a secret, since none is recorded.
public struct AuditLogRow: Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var event: String
    public var personID: Int64?
    /// The person's address now, when the entry names a person of the contract.
    public var personEmail: String?
    public var terminal: String
    public var line: String
    public var detail: String
}

/// The 操作ログ's filters: who (part of an address or name), which events, when.
public struct AuditLogFilter: Sendable, Equatable {
    /// Part of a person's address or name; empty for everyone.
    public var person: String
    /// Only these events (raw names); nil for every event.
    public var events: Set<String>?
    /// From this moment (inclusive) to that (exclusive); nil for no bound.
    public var from: Date?
    public var to: Date?

    public init(person: String = "", events: Set<String>? = nil, from: Date? = nil, to: Date? = nil) {
        self.person = person
        self.events = events
        self.from = from
        self.to = to
    }
}

public enum AuditLogPageRequest: Sendable, Equatable {
    case newest
    /// The page of entries older than this id.
    case older(than: Int64)
    /// The page of entries newer than this id.
    case newer(than: Int64)
}

/// A page of the 操作ログ, newest first.
public struct AuditLogPage: Sendable, Equatable {
    public var rows: [AuditLogRow]
    public var hasNewer: Bool
    public var hasOlder: Bool
    /// The person filter matched more people than are followed; type more.
    public var tooManyPeople: Bool

    public init(rows: [AuditLogRow] = [], hasNewer: Bool = false, hasOlder: Bool = false, tooManyPeople: Bool = false) {
        self.rows = rows
        self.hasNewer = hasNewer
        self.hasOlder = hasOlder
        self.tooManyPeople = tooManyPeople
    }
}

extension Engine {
    /// How many people a person filter follows at most.
    public static let auditPeopleLimit = 50

    /// 操作ログ (AU-1): the contract's entries, newest first, filtered, a page at a
    /// time. The contractor only. Each page is read from indexes — one range scan
    /// per chosen event (or person), merged — so 100,000 entries page as fast as 100.
    public func auditLog(
        by actorID: Int64, filter: AuditLogFilter = AuditLogFilter(), page: AuditLogPageRequest = .newest,
        limit: Int = 20
    ) throws(EngineError) -> AuditLogPage {
        let limit = max(1, min(limit, 500))
        let result = try read { db -> Result<AuditLogPage, EngineError> in
            guard let actor = try Rows.fetchPerson(db, id: actorID)?.0, actor.role == .contractor else {
                return .failure(.notPermitted)
            }
            if actor.isLocked { return .failure(.locked) }
            let contractID = actor.contractID

            // Who: the people of the contract the text names (through the search index).
            var people: [Int64]?
            var tooMany = false
            let personText = filter.person.trimmingWhitespace()
            if let fts = SearchGrams.query(personText) {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT p.id, p.email, p.name FROM person_search CROSS JOIN person p ON p.id = person_search.rowid
                    WHERE person_search MATCH ? AND p.contract_id = ? ORDER BY p.id LIMIT ?
                    """, arguments: [fts, contractID, Self.auditPeopleLimit + 1])
                var ids: [Int64] = []
                for row in rows where SearchGrams.matches(personText, email: row["email"] ?? "", name: row["name"] ?? "") {
                    ids.append(row["id"])
                }
                tooMany = ids.count > Self.auditPeopleLimit
                people = Array(ids.prefix(Self.auditPeopleLimit))
            }
            if people?.isEmpty == true || filter.events?.isEmpty == true {
                return .success(AuditLogPage(tooManyPeople: tooMany))
            }

            // When: an id range from the dates (ids grow with time).
            var low: Int64?, high: Int64?
            if let from = filter.from {
                low = try Int64.fetchOne(db, sql: "SELECT min(id) FROM audit WHERE contract_id = ? AND at >= ?",
                                         arguments: [contractID, from.timeIntervalSince1970]) ?? Int64.max
            }
            if let to = filter.to {
                high = try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit WHERE contract_id = ? AND at < ?",
                                          arguments: [contractID, to.timeIntervalSince1970]) ?? Int64.min
            }
            var older = true
            switch page {
            case .newest: break
            case .older(let id): high = min(high ?? Int64.max, id - 1)
            case .newer(let id): low = max(low ?? Int64.min, id + 1); older = false
            }

            // One scan per chosen event, or per person, each in id order from the page's edge.
            func scan(event: String?, person: Int64?) throws -> [Row] {
                // The index is named: each scan must walk one index in id order, whatever the planner guesses.
                let index = person != nil ? "audit_person_id" : (event != nil ? "audit_contract_event" : "audit_contract")
                var sql = "SELECT * FROM audit INDEXED BY \(index) WHERE contract_id = ?"
                var arguments: StatementArguments = [contractID]
                if let event { sql += " AND event = ?"; arguments += [event] }
                if let person { sql += " AND person_id = ?"; arguments += [person] }
                if event != nil, person == nil, let people {
                    sql += " AND person_id IN (\(Array(repeating: "?", count: people.count).joined(separator: ",")))"
                    arguments += StatementArguments(people)
                }
                if person != nil, let events = filter.events {
                    sql += " AND event IN (\(Array(repeating: "?", count: events.count).joined(separator: ",")))"
                    arguments += StatementArguments(events.sorted())
                }
                if let low { sql += " AND id >= ?"; arguments += [low] }
                if let high { sql += " AND id <= ?"; arguments += [high] }
                sql += older ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id ASC LIMIT ?"
                arguments += [limit + 1]
                return try Row.fetchAll(db, sql: sql, arguments: arguments)
            }
            var rows: [Row]
            if let events = filter.events, events.count <= (people?.count ?? Int.max) {
                rows = try events.sorted().flatMap { try scan(event: $0, person: nil) }
            } else if let people {
                rows = try people.flatMap { try scan(event: nil, person: $0) }
            } else {
                rows = try scan(event: nil, person: nil)
            }
            rows.sort { older ? ($0["id"] as Int64) > ($1["id"] as Int64) : ($0["id"] as Int64) < ($1["id"] as Int64) }
            let more = rows.count > limit
            rows = Array(rows.prefix(limit))
            if !older { rows.reverse() }

            // The people named, with their current address.
            let ids = Set(rows.compactMap { $0["person_id"] as Int64? })
            var emails: [Int64: String] = [:]
            if !ids.isEmpty {
                let list = Array(ids)
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, email FROM person WHERE id IN (\(Array(repeating: "?", count: list.count).joined(separator: ",")))",
                    arguments: StatementArguments(list))
                {
                    emails[row["id"]] = row["email"]
                }
            }
            let out = rows.map { row in
                AuditLogRow(id: row["id"], at: Rows.date(row, "at") ?? .distantPast, event: row["event"],
                            personID: row["person_id"], personEmail: (row["person_id"] as Int64?).flatMap { emails[$0] },
                            terminal: row["terminal"], line: row["line"], detail: row["detail"])
            }
            let hasNewer: Bool, hasOlder: Bool
            switch page {
            case .newest: (hasNewer, hasOlder) = (false, more)
            case .older: (hasNewer, hasOlder) = (true, more)
            case .newer: (hasNewer, hasOlder) = (more, true)
            }
            return .success(AuditLogPage(rows: out, hasNewer: hasNewer, hasOlder: hasOlder, tooManyPeople: tooMany))
        }
        return try result.get()
    }
}
