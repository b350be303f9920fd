import FoundationEssentials
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

extension AdminConsoleFlow {
    /// How many people a person filter follows at most.
    static let auditPeopleLimit = 50

    /// 操作ログ (AU-1): the contract's entries, newest first, filtered, a page at a
    /// time. The contractor only. Each page is read from indexes — one range scan
    /// per chosen event (or person), merged — so 100,000 entries page as fast as 100.
    func auditLog(
        by actorID: Int64, filter: AuditLogFilter = AuditLogFilter(), page: AuditLogPageRequest = .newest,
        limit: Int = 20
    ) throws(EngineError) -> AuditLogPage {
        let limit = max(1, min(limit, 500))
        let result = try read { tx -> Result<AuditLogPage, EngineError> in
            guard let actor = try Rows.fetchPerson(tx, id: actorID)?.0, actor.role == .contractor else {
                return .failure(.notPermitted)
            }
            if actor.isLocked { return .failure(actor.lockError) }
            let contractID = actor.contractID

            // Who: the people of the contract the text names (through the search index).
            var people: [Int64]?
            var tooMany = false
            let personText = filter.person.trimmingWhitespace()
            if SearchGrams.query(personText) != nil {
                let found = try tx.searchPeople(text: personText, contractID: contractID, limit: Self.auditPeopleLimit + 1)
                let ids = found.filter { SearchGrams.matches(personText, email: $0.email, name: $0.name) }.map(\.id)
                tooMany = ids.count > Self.auditPeopleLimit
                people = Array(ids.prefix(Self.auditPeopleLimit))
            }
            if people?.isEmpty == true || filter.events?.isEmpty == true {
                return .success(AuditLogPage(tooManyPeople: tooMany))
            }

            // When: an id range from the dates (ids grow with time).
            var low: Int64?, high: Int64?
            if let from = filter.from {
                low = try tx.firstAuditID(contractID: contractID, atOrAfter: from) ?? Int64.max
            }
            if let to = filter.to {
                high = try tx.lastAuditID(contractID: contractID, before: to) ?? Int64.min
            }
            var older = true
            switch page {
            case .newest: break
            case .older(let id): high = min(high ?? Int64.max, id - 1)
            case .newer(let id): low = max(low ?? Int64.min, id + 1); older = false
            }

            // One scan per chosen event, or per person, each in id order from the page's edge.
            func scan(event: String?, person: Int64?) throws -> [AuditRecord] {
                try tx.auditEntries(AuditScan(
                    contractID: contractID, event: event, personID: person, people: people,
                    events: filter.events?.sorted(), lowID: low, highID: high, newestFirst: older, limit: limit + 1))
            }
            var rows: [AuditRecord]
            if let events = filter.events, events.count <= (people?.count ?? Int.max) {
                rows = try events.sorted().flatMap { try scan(event: $0, person: nil) }
            } else if let people {
                rows = try people.flatMap { try scan(event: nil, person: $0) }
            } else {
                rows = try scan(event: nil, person: nil)
            }
            rows.sort { older ? $0.id > $1.id : $0.id < $1.id }
            let more = rows.count > limit
            rows = Array(rows.prefix(limit))
            if !older { rows.reverse() }

            // The people named, with their current address.
            let emails = try tx.emails(personIDs: Array(Set(rows.compactMap(\.personID))))
            let out = rows.map { r in
                AuditLogRow(id: r.id, at: r.at ?? .distantPast, event: r.event, personID: r.personID,
                            personEmail: r.personID.flatMap { emails[$0] }, terminal: r.terminal, line: r.line,
                            detail: r.detail)
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
