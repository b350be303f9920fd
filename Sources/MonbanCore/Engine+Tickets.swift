import FoundationEssentials
import GRDB

/// What a valid link shows before it is used: whom it is for, and until when.
public struct LinkInfo: Sendable, Equatable {
    public var purpose: TicketPurpose
    public var email: String
    public var name: String
    /// For an e-mail change: the new address.
    public var payload: String
    public var expiresAt: Date
    /// The person's login method now: an e-mail change asks a password user for
    /// the new password twice (EM-4), and completes at once for others (EM-3).
    public var loginMethod: LoginMethod
}

extension Engine {
    /// Issues a ticket for `person` inside the caller's transaction and returns its link (TK-1).
    func issueTicket(
        _ db: Database, _ purpose: TicketPurpose, for person: Person, payload: String = "", context: AccessContext
    ) throws -> String {
        let ticket = try Ticket.generate(using: random)
        let now = clock.now()
        try db.execute(
            sql: """
                INSERT INTO ticket (hash, purpose, person_id, payload, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                Data(ticket.storedHash), purpose.rawValue, person.id, payload, now.timeIntervalSince1970,
                (now + Ticket.lifetime).timeIntervalSince1970,
            ])
        try audit(db, .linkIssued, person: person.id, contract: person.contractID, context: context, detail: purpose.rawValue)
        return settings.link(purpose, ticket)
    }

    struct TicketRow {
        var id: Int64
        var purpose: TicketPurpose
        var person: Person
        var passwordHash: String?
        var payload: String
        var expiresAt: Date
    }

    /// Finds the ticket of `link` and checks it is usable now, without using it.
    func validTicket(_ db: Database, _ link: Link) throws -> Result<TicketRow, EngineError> {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM ticket WHERE hash = ?", arguments: [Data(link.ticket.storedHash)])
        else { return .failure(.linkInvalid) }
        guard let purpose = TicketPurpose(rawValue: row["purpose"] ?? ""), purpose == link.purpose else {
            return .failure(.linkInvalid)
        }
        guard let found = try Rows.fetchPerson(db, id: row["person_id"]) else { return .failure(.linkInvalid) }
        if (row["used_at"] as Double?) != nil { return .failure(.linkUsed) }
        let expires = Rows.date(row, "expires_at") ?? .distantPast
        if clock.now() > expires { return .failure(.linkExpired(purpose)) }
        return .success(TicketRow(
            id: row["id"], purpose: purpose, person: found.0, passwordHash: found.passwordHash,
            payload: row["payload"], expiresAt: expires))
    }

    /// Uses the ticket of `link` (single use) inside the caller's transaction.
    /// A refusal is audited; the caller commits and then reports it.
    func consumeTicket(
        _ db: Database, _ link: Link, context: AccessContext
    ) throws -> Result<TicketRow, EngineError> {
        switch try validTicket(db, link) {
        case .failure(let error):
            try audit(db, .linkRefused, context: context, detail: "\(link.purpose.rawValue): \(Self.reason(error))")
            return .failure(error)
        case .success(let ticket):
            try db.execute(sql: "UPDATE ticket SET used_at = ? WHERE id = ?",
                           arguments: [clock.now().timeIntervalSince1970, ticket.id])
            try audit(db, .linkUsed, person: ticket.person.id, contract: ticket.person.contractID, context: context,
                      detail: ticket.purpose.rawValue)
            return .success(ticket)
        }
    }

    static func reason(_ error: EngineError) -> String {
        switch error {
        case .linkExpired: "expired"
        case .linkUsed: "used"
        default: "invalid"
        }
    }

    /// What a link is for and whether it can still be used (TK-2). Nothing changes.
    public func inspect(_ link: Link) throws(EngineError) -> LinkInfo {
        let result = try read { db in try validTicket(db, link) }
        let t = try result.get()
        return LinkInfo(purpose: t.purpose, email: t.person.email, name: t.person.name, payload: t.payload,
                        expiresAt: t.expiresAt, loginMethod: t.person.loginMethod)
    }
}
