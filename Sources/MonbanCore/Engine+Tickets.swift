import FoundationEssentials
import MonbanStore

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
    struct TicketRow {
        var id: Int64
        var purpose: TicketPurpose
        var person: Person
        var passwordHash: String?
        var payload: String
        var expiresAt: Date
    }

    /// Finds the ticket of `link` and checks it is usable now, without using it.
    func validTicket(_ tx: any StoreReader, _ link: Link) throws -> Result<TicketRow, EngineError> {
        guard let row = try tx.ticket(hash: link.ticket.storedHash) else { return .failure(.linkInvalid) }
        guard let purpose = TicketPurpose(rawValue: row.purpose), purpose == link.purpose else {
            return .failure(.linkInvalid)
        }
        guard let found = try Rows.fetchPerson(tx, id: row.personID) else { return .failure(.linkInvalid) }
        if row.usedAt != nil { return .failure(.linkUsed) }
        let expires = row.expiresAt ?? .distantPast
        if clock.now() > expires { return .failure(.linkExpired(purpose)) }
        return .success(TicketRow(
            id: row.id, purpose: purpose, person: found.0, passwordHash: found.passwordHash,
            payload: row.payload, expiresAt: expires))
    }

    /// Uses the ticket of `link` (single use) inside the caller's transaction.
    /// A refusal is audited; the caller commits and then reports it.
    func consumeTicket(
        _ tx: any StoreTransaction, _ link: Link, context: AccessContext
    ) throws -> Result<TicketRow, EngineError> {
        switch try validTicket(tx, link) {
        case .failure(let error):
            try audit(tx, .linkRefused, context: context, detail: "\(link.purpose.rawValue): \(Self.reason(error))")
            return .failure(error)
        case .success(let ticket):
            // Single use (TK-2): the write transaction already excludes a second user; the
            // store's conditional update is the guard for a store without that lock.
            guard try tx.useTicket(id: ticket.id, at: clock.now()) else {
                try audit(tx, .linkRefused, context: context, detail: "\(link.purpose.rawValue): used")
                return .failure(.linkUsed)
            }
            try audit(tx, .linkUsed, person: ticket.person.id, contract: ticket.person.contractID, context: context,
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
        let result = try read { tx in try validTicket(tx, link) }
        let t = try result.get()
        return LinkInfo(purpose: t.purpose, email: t.person.email, name: t.person.name, payload: t.payload,
                        expiresAt: t.expiresAt, loginMethod: t.person.loginMethod)
    }
}
