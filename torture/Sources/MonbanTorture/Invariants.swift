import Foundation
import GRDB
import MonbanCore

/// What must hold in a database the torture workers wrote, however and whenever
/// they were killed (issue 9 part 1): no operation half done.
///
/// The engine runs each operation as one IMMEDIATE transaction and appends its
/// audit entries inside it; transactions are serialised, so the entries of one
/// operation have consecutive ids. The checks read the audit log as groups of
/// consecutive entries and hold the rest of the database against it:
///
/// - **tickets**: a used reset link is followed by `password.changed` and
///   `two_factor.reset`; a used e-mail-change link by `email.changed` and the
///   new password; a used unlock link by `account.unlocked`. Every used ticket
///   row is explained by the first entry of its person at or after the moment
///   it was marked used — its own `link.used`, or the operation that voided it
///   — and every `link.used` by exactly one ticket (no link usable twice).
/// - **passwords and two-step**: a reset or an e-mail change with a password
///   carries its `two_factor.reset`; each person's `two_factor_generation` equals
///   the number of their `two_factor.reset` entries; pending second steps
///   belong to the current generation; stored hashes verify with a workload password.
/// - **locks**: `account.locked` follows the tenth wrong password and comes with
///   its unlock `link.issued` and the queued lock e-mail; a locked person has an
///   unused unlock ticket and an unlock e-mail from the moment of the lock; the
///   lock state and the failure count are what the person's entries say.
/// - **e-mail**: a person's address is the payload of the last e-mail-change
///   ticket used (or the first address).
/// - **lines**: each contract's list is list 0 or list 1, exactly.
/// - **outbox**: one `message.queued` per message.
public enum TortureInvariants {
    public enum Kind: String, Sendable, CaseIterable {
        case auditIDs, auditGroup, failureCount, lockState, lockMail, twoStep, ticket, email, password, lines, outbox
    }

    public struct Violation: Sendable, CustomStringConvertible {
        public var kind: Kind
        public var message: String
        public var description: String { "[\(kind.rawValue)] \(message)" }
    }

    public struct Report: Sendable {
        public var violations: [Violation] = []
        /// Entries per event, and derived counts (`consumed.reset`, `kind.lines_saved`…), to show what a run did.
        public var counts: [String: Int] = [:]

        public func has(_ kind: Kind) -> Bool { violations.contains { $0.kind == kind } }

        public var summary: String {
            let interesting = ["link.used", "email.changed", "password.changed", "two_factor.reset", "account.locked",
                               "account.unlocked", "contract.lines_saved", "sign_in.succeeded", "sign_in.failed",
                               "two_factor.asked", "message.queued", "consumed.reset", "consumed.email_change",
                               "consumed.unlock", "voided", "entries"]
            return interesting.map { "\($0)=\(counts[$0] ?? 0)" }.joined(separator: " ")
        }
    }

    /// Opens the database at `path` and checks it in one read transaction.
    public static func check(path: String) throws -> Report {
        var config = Configuration()
        config.busyMode = .timeout(30)
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            var report = Report()
            try db.inTransaction(.deferred) {
                report = try check(db)
                return .commit
            }
            return report
        }
    }

    struct Entry {
        var id: Int64
        var at: Double
        var event: String
        var person: Int64?
        var detail: String
    }

    struct TicketRow {
        var id: Int64
        var purpose: String
        var person: Int64
        var payload: String
        var createdAt: Double
        var usedAt: Double?
    }

    /// Checks `db` (the caller holds a read transaction for a consistent snapshot).
    public static func check(_ db: Database) throws -> Report {
        var report = Report()
        var violations: [Violation] = []
        func fail(_ kind: Kind, _ message: String) {
            // Enough to diagnose; a broken run would otherwise print thousands.
            if violations.filter({ $0.kind == kind }).count < 20 {
                violations.append(Violation(kind: kind, message: message))
            }
        }

        let audit = try Row.fetchAll(db, sql: "SELECT id, at, event, person_id, detail FROM audit ORDER BY id").map {
            Entry(id: $0["id"], at: $0["at"], event: $0["event"], person: $0["person_id"], detail: $0["detail"])
        }
        let tickets = try Row.fetchAll(db, sql: "SELECT id, purpose, person_id, payload, created_at, used_at FROM ticket ORDER BY id")
            .map {
                TicketRow(id: $0["id"], purpose: $0["purpose"], person: $0["person_id"], payload: $0["payload"],
                          createdAt: $0["created_at"], usedAt: $0["used_at"])
            }
        report.counts["entries"] = audit.count
        for e in audit { report.counts[e.event, default: 0] += 1 }

        // The chain's ids run 1, 2, 3… (monban audit --verify checks the hashes).
        for (i, e) in audit.enumerated() where e.id != Int64(i + 1) {
            fail(.auditIDs, "entry \(i + 1) is missing (found \(e.id))")
            break
        }

        checkGroups(audit, fail)

        // Per person: the failure count, the lock, the two-step generation.
        let people = try Row.fetchAll(db, sql: """
            SELECT id, email, password_hash, failed_attempts, locked_at, two_factor_generation FROM person ORDER BY id
            """)
        var byPerson: [Int64: [Entry]] = [:]
        for e in audit { if let p = e.person { byPerson[p, default: []].append(e) } }
        let hasher = PasswordHasher(cost: TortureWorkload.cost, random: SystemRandom())
        // The lock e-mail by its subject: its link is sealed, not in the links column (issue 19 finding 4).
        let unblock = TortureWorkload.lockMailSubjectPattern
        for row in people {
            let id: Int64 = row["id"]
            let entries = byPerson[id] ?? []
            var count = 0, locked = false, resets = 0
            for e in entries {
                switch e.event {
                case "sign_in.failed":
                    if let k = wrongPasswordCount(e.detail) {
                        if k != count + 1 {
                            fail(.failureCount, "entry \(e.id): wrong password (\(k)) of person \(id) after \(count) failures")
                        }
                        count = k
                    }
                case "sign_in.succeeded", "two_factor.asked", "account.unlocked", "password.changed":
                    count = 0
                default: break
                }
                if e.event == "account.locked" { locked = true }
                if e.event == "account.unlocked" { locked = false }
                if e.event == "two_factor.reset" { resets += 1 }
            }
            let stored: Int = row["failed_attempts"]
            if stored != count {
                fail(.failureCount, "person \(id): failed_attempts \(stored), the log counts \(count)")
            }
            let lockedAt: Double? = row["locked_at"]
            if (lockedAt != nil) != locked {
                fail(.lockState, "person \(id): \(lockedAt != nil ? "locked" : "unlocked") but the log says \(locked ? "locked" : "unlocked")")
            }
            if let lockedAt {
                if stored != 10 { fail(.lockState, "person \(id) locked with \(stored) failures") }
                let ticket = tickets.contains { $0.person == id && $0.purpose == "unlock" && $0.usedAt == nil && $0.createdAt >= lockedAt }
                if !ticket { fail(.lockMail, "person \(id) is locked without an unused unlock link issued since") }
                let mail = try Bool.fetchOne(db, sql: """
                    SELECT 1 FROM outbox WHERE person_id = ? AND subject LIKE ? AND created_at >= ?
                    """, arguments: [id, unblock, lockedAt]) ?? false
                if !mail { fail(.lockMail, "person \(id) is locked without the lock e-mail") }
            }
            let generation: Int = row["two_factor_generation"]
            if generation != resets {
                fail(.twoStep, "person \(id): two-step generation \(generation), the log has \(resets) resets")
            }
            let hash: String? = row["password_hash"]
            if let hash, try !TortureWorkload.passwords.contains(where: { try hasher.verify($0, against: hash) }) {
                fail(.password, "person \(id): the stored password is none of the workload's")
            }
            let locks = entries.filter { $0.event == "account.locked" }.count
            let unlockTickets = tickets.filter { $0.person == id && $0.purpose == "unlock" }.count
            let unlockMails = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM outbox WHERE person_id = ? AND subject LIKE ?
                """, arguments: [id, unblock]) ?? 0
            if locks != unlockTickets || locks != unlockMails {
                fail(.lockMail, "person \(id): \(locks) locks, \(unlockTickets) unlock links, \(unlockMails) lock e-mails")
            }
        }
        let staleChallenges = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sign_in_challenge c JOIN person p ON p.id = c.person_id
            WHERE c.generation != p.two_factor_generation
            """) ?? 0
        let staleRegistrations = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM two_step t JOIN person p ON p.id = t.person_id WHERE t.generation != p.two_factor_generation
            """) ?? 0
        if staleChallenges + staleRegistrations > 0 {
            fail(.twoStep, "\(staleChallenges) pending second steps and \(staleRegistrations) registrations of an older generation")
        }

        checkTickets(tickets, byPerson, people, &report, fail)

        // Lines: list 0 or list 1 of the contract, whole.
        for contract in TortureWorkload.contracts {
            let rows = try Row.fetchAll(db, sql: "SELECT position, number, area FROM line WHERE contract_id = ? ORDER BY position",
                                        arguments: [contract])
            let stored = rows.map { "\($0["position"] as Int):\($0["number"] as String):\($0["area"] as String)" }
            let lists = (0..<2).map { list in
                TortureWorkload.lines(contract: contract, list: list).enumerated()
                    .map { "\($0.offset):\($0.element.number.value):\($0.element.area.rawValue)" }
            }
            if let list = lists.firstIndex(of: stored) {
                report.counts["contract\(contract).list\(list)", default: 0] += 1
            } else {
                let fromA = stored.filter { lists[0].contains($0) }.count, fromB = stored.filter { lists[1].contains($0) }.count
                fail(.lines, "contract \(contract): \(stored.count) lines, \(fromA) of list 0 and \(fromB) of list 1")
            }
        }

        // Outbox: one message.queued entry per message, per person.
        let outbox = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0
        if outbox != report.counts["message.queued", default: 0] {
            fail(.outbox, "\(outbox) messages, \(report.counts["message.queued", default: 0]) message.queued entries")
        }
        report.violations = violations
        return report
    }

    static func wrongPasswordCount(_ detail: String) -> Int? {
        guard detail.hasPrefix("wrong password ("), detail.hasSuffix(")") else { return nil }
        return Int(detail.dropFirst("wrong password (".count).dropLast())
    }

    /// The groups of consecutive entries each operation writes.
    static func checkGroups(_ a: [Entry], _ fail: (Kind, String) -> Void) {
        func at(_ i: Int) -> Entry? { a.indices.contains(i) ? a[i] : nil }
        /// Whether entry `i` is `event` of `person` (and `detail`, when given).
        func isEntry(_ i: Int, _ event: String, _ person: Int64?, _ detail: String? = nil) -> Bool {
            guard let e = at(i) else { return false }
            return e.event == event && e.person == person && (detail == nil || e.detail == detail)
        }
        func expect(_ ok: Bool, _ e: Entry, _ what: String) {
            if !ok { fail(.auditGroup, "entry \(e.id) (\(e.event) \(e.detail), person \(e.person.map(String.init) ?? "-")): \(what)") }
        }
        for (i, e) in a.enumerated() {
            let p = e.person
            switch (e.event, e.detail) {
            case ("link.used", "reset"):
                expect(isEntry(i + 1, "password.changed", p, "password reset"), e, "the reset link was used without the new password")
            case ("link.used", "email_change"):
                expect(isEntry(i + 1, "email.changed", p), e, "the e-mail-change link was used without the change")
                expect(isEntry(i + 2, "password.changed", p, "e-mail change"), e, "the e-mail change set no password")
            case ("link.used", "unlock"):
                expect(isEntry(i + 1, "account.unlocked", p, "unlock link"), e, "the unlock link was used without unlocking")
            case ("password.changed", "password reset"), ("password.changed", "e-mail change"):
                let before = e.detail == "password reset" ? isEntry(i - 1, "link.used", p, "reset") : isEntry(i - 1, "email.changed", p)
                expect(before, e, "a password set without its link")
                let next = isEntry(i + 1, "account.unlocked", p, e.detail) ? i + 2 : i + 1
                expect(isEntry(next, "two_factor.reset", p, e.detail), e, "the password changed without the two-step reset")
            case ("two_factor.reset", "password reset"), ("two_factor.reset", "e-mail change"):
                let prev = isEntry(i - 1, "account.unlocked", p, e.detail) ? i - 2 : i - 1
                expect(isEntry(prev, "password.changed", p, e.detail), e, "a two-step reset without its password change")
            case ("email.changed", _):
                expect(isEntry(i - 1, "link.used", p, "email_change"), e, "an e-mail changed without its link")
            case ("account.unlocked", "unlock link"):
                expect(isEntry(i - 1, "link.used", p, "unlock"), e, "unlocked without the link")
            case ("account.locked", _):
                expect(isEntry(i - 1, "sign_in.failed", p, "wrong password (10)"), e, "a lock without the tenth wrong password")
                expect(isEntry(i + 1, "link.issued", p, "unlock"), e, "a lock without its unlock link")
                expect(isEntry(i + 2, "message.queued", p) && at(i + 2)?.detail.contains("アカウントロック") == true, e,
                       "a lock without its e-mail")
            case ("sign_in.failed", "wrong password (10)"):
                expect(isEntry(i + 1, "account.locked", p), e, "the tenth wrong password did not lock")
            case ("link.issued", "reset"):
                expect(isEntry(i - 1, "password_reset.requested", p), e, "a reset link nobody asked for")
                expect(isEntry(i + 1, "message.queued", p), e, "a reset link not mailed")
            case ("link.issued", "email_change"):
                expect(isEntry(i + 1, "email_change.requested", p), e, "an e-mail-change link without its request")
                expect(isEntry(i + 2, "message.queued", p), e, "an e-mail-change link not mailed")
            case ("link.issued", "unlock"):
                expect(isEntry(i - 1, "account.locked", p), e, "an unlock link without a lock")
            case ("message.queued", let detail):
                // A security notice (NT-1) carries no link: it follows the change it tells of.
                expect(isEntry(i - 1, "link.issued", p) || isEntry(i - 1, "email_change.requested", p)
                       || detail.contains("のお知らせ"), e, "a message queued without its link")
            case ("contract.lines_saved", let detail):
                expect(detail == "\(LineList.maximum) lines", e, "a list of lines that is not a whole list")
            default:
                break
            }
        }
    }

    /// Every used ticket explained by the operation that used or voided it; every `link.used` by one ticket.
    static func checkTickets(
        _ tickets: [TicketRow], _ byPerson: [Int64: [Entry]], _ people: [Row], _ report: inout Report,
        _ fail: (Kind, String) -> Void
    ) {
        // What may be the first entry of the person once a ticket of this purpose is marked used.
        // Any address change voids every ticket of the person (TM-3, issue 19 finding 2); an
        // administrator's change voids the earlier change and approval links (finding 7).
        let voiders: [String: [(String, String?)]] = [
            "reset": [("password.changed", nil), ("email.changed", nil)],
            "unlock": [("password.changed", nil), ("account.unlocked", nil), ("email.changed", nil)],
            "email_change": [("email.changed", nil), ("link.issued", "email_change"),
                             ("link.issued", "email_change_approval"), ("link.used", "email_change_approval")],
            "email_change_approval": [("email.changed", nil), ("link.issued", "email_change"),
                                      ("link.issued", "email_change_approval")],
            "login_method_change": [("email.changed", nil), ("link.issued", "login_method_change")],
            "registration": [("email.changed", nil), ("link.issued", "registration")],
        ]
        var consumedBy: [Int64: Int] = [:]  // link.used entry id → tickets it explains
        var lastEmailTicket: [Int64: TicketRow] = [:]
        // The wall clock is the only time shared by processes; a person whose entries
        // go back in time (the clock was stepped during the run) cannot be checked this way.
        let monotonic = byPerson.mapValues { e in zip(e, e.dropFirst()).allSatisfy { $0.at <= $1.at } }
        for (person, ok) in monotonic where !ok { report.counts["clock.backwards.person\(person)"] = 1 }
        for t in tickets {
            guard let used = t.usedAt, monotonic[t.person] ?? true else { continue }
            let entries = byPerson[t.person] ?? []
            // The person's entries are in id order, and so in time: the first at or after `used`.
            var lo = 0, hi = entries.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if entries[mid].at < used { lo = mid + 1 } else { hi = mid }
            }
            guard lo < entries.count else {
                fail(.ticket, "ticket \(t.id) (\(t.purpose)) of person \(t.person) is used, and nothing happened after")
                continue
            }
            let e = entries[lo]
            if e.event == "link.used" && e.detail == t.purpose {
                consumedBy[e.id, default: 0] += 1
                report.counts["consumed.\(t.purpose)", default: 0] += 1
                if t.purpose == "email_change", (lastEmailTicket[t.person]?.usedAt ?? -1) < used {
                    lastEmailTicket[t.person] = t
                }
            } else if voiders[t.purpose, default: []].contains(where: { $0.0 == e.event && ($0.1 == nil || $0.1 == e.detail) }) {
                report.counts["voided", default: 0] += 1
            } else {
                fail(.ticket, "ticket \(t.id) (\(t.purpose)) of person \(t.person) is used, but the next entry is \(e.id) \(e.event) \(e.detail)")
            }
        }
        for entries in byPerson.values {
            for e in entries where e.event == "link.used" && consumedBy[e.id] != 1 {
                fail(.ticket, "entry \(e.id) link.used \(e.detail): \(consumedBy[e.id] ?? 0) tickets marked used for it")
            }
        }
        for row in people {
            let id: Int64 = row["id"], email: String = row["email"]
            guard (1...Int64(TortureWorkload.peopleCount)).contains(id), monotonic[id] ?? true else { continue }
            let expected = lastEmailTicket[id]?.payload ?? TortureWorkload.address(person: id, variant: 0)
            if email != expected {
                fail(.email, "person \(id): address \(email), the last e-mail change used says \(expected)")
            }
        }
    }
}
