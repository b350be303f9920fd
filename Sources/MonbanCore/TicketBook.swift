import FoundationEssentials
import MonbanCrypto
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

/// Where a ticket stands (TK-1, TK-2), derived once from its row and the time.
enum TicketState: Sendable, Equatable {
    /// Usable until `expiresAt` (inclusive).
    case issued(expiresAt: Date)
    /// Used once already, or voided by a newer link.
    case used
    /// Past its 14 days.
    case expired

    init(usedAt: Date?, expiresAt: Date?, now: Date) {
        if usedAt != nil {
            self = .used
        } else if let expiresAt, now <= expiresAt {
            self = .issued(expiresAt: expiresAt)
        } else {
            self = .expired
        }
    }

    init(_ row: TicketRecord, now: Date) {
        self.init(usedAt: row.usedAt, expiresAt: row.expiresAt, now: now)
    }

    /// Why a ticket in this state is refused for `purpose`, nil while it is usable.
    func refusal(for purpose: TicketPurpose) -> EngineError? {
        switch self {
        case .issued: nil
        case .used: .linkUsed
        case .expired: .linkExpired(purpose)
        }
    }
}

/// The tickets of e-mailed links (TK-1, TK-2): finding one, using it once, and
/// voiding a person's older ones. Every flow that opens a link goes through here.
struct TicketBook: EngineFlow {
    let shared: EngineContext

    /// A usable ticket and whom it is for.
    struct Usable {
        var id: Int64
        var purpose: TicketPurpose
        var person: Person
        var passwordHash: String?
        var payload: String
        var expiresAt: Date
    }

    /// A refused ticket: the error the person sees and the word the audit keeps.
    struct Refusal: Error {
        var error: EngineError
        var reason: String

        init(_ error: EngineError, _ reason: String? = nil) {
            self.error = error
            self.reason = reason ?? TicketBook.reason(error)
        }
    }

    /// Finds the ticket of `link` and checks it is usable now, without using it.
    func validTicket(_ tx: any StoreReader, _ link: Link) throws -> Result<Usable, EngineError> {
        try checkedTicket(tx, link).mapError(\.error)
    }

    /// `validTicket`, with the reason of a refusal for the audit.
    func checkedTicket(_ tx: any StoreReader, _ link: Link) throws -> Result<Usable, Refusal> {
        guard let row = try tx.ticket(hash: link.ticket.storedHash) else { return .failure(Refusal(.linkInvalid)) }
        guard let purpose = TicketPurpose(rawValue: row.purpose), purpose == link.purpose else {
            return .failure(Refusal(.linkInvalid))
        }
        guard let found = try Rows.fetchPerson(tx, id: row.personID) else { return .failure(Refusal(.linkInvalid)) }
        let state = TicketState(row, now: clock.now())
        if let refusal = state.refusal(for: purpose) { return .failure(Refusal(refusal)) }
        guard case .issued(let expires) = state else { return .failure(Refusal(.linkInvalid)) }
        if let refusal = Self.bindingRefusal(row, purpose: purpose, person: found.0) { return .failure(refusal) }
        return .success(Usable(
            id: row.id, purpose: purpose, person: found.0, passwordHash: found.passwordHash,
            payload: row.payload, expiresAt: expires))
    }

    /// Links follow the address (TM-3, issue 19 finding 2): a ticket is good only for
    /// the address it was issued for — one mailed to an address the person no longer
    /// has (a typo corrected, a mailbox given up) is refused, as is a ticket with no
    /// address recorded — and a registration link only until the person has registered.
    static func bindingRefusal(_ row: TicketRecord, purpose: TicketPurpose, person: Person) -> Refusal? {
        guard let bound = row.addressHash, ConstantTime.equals(bound, Ticket.addressHash(person.email)) else {
            return Refusal(.linkInvalid, "address changed")
        }
        if purpose == .registration, person.registered { return Refusal(.linkUsed, "already registered") }
        return nil
    }

    /// Uses the ticket of `link` (single use) inside the caller's transaction.
    /// A refusal is audited; the caller commits and then reports it.
    func consumeTicket(
        _ tx: any StoreTransaction, _ link: Link, context: AccessContext
    ) throws -> Result<Usable, EngineError> {
        switch try checkedTicket(tx, link) {
        case .failure(let refusal):
            try audit(tx, .linkRefused, context: context, detail: "\(link.purpose.rawValue): \(refusal.reason)")
            return .failure(refusal.error)
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

    /// Uses the link's ticket inside the caller's transaction and runs `body` with it;
    /// a refused ticket is reported (and audited) without running it.
    func usingTicket<T>(
        _ tx: any StoreTransaction, _ link: Link, context: AccessContext, _ body: (Usable) throws -> Result<T, EngineError>
    ) throws -> Result<T, EngineError> {
        switch try consumeTicket(tx, link, context: context) {
        case .failure(let e): return .failure(e)
        case .success(let ticket): return try body(ticket)
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
    func inspect(_ link: Link) throws(EngineError) -> LinkInfo {
        let result = try read { tx in try validTicket(tx, link) }
        let t = try result.get()
        return LinkInfo(purpose: t.purpose, email: t.person.email, name: t.person.name, payload: t.payload,
                        expiresAt: t.expiresAt, loginMethod: t.person.loginMethod)
    }

    /// Marks the person's unused tickets of these purposes as used: a newer link replaces them.
    func voidTickets(_ tx: any StoreTransaction, personID: Int64, purposes: [TicketPurpose]) throws {
        try tx.voidTickets(personID: personID, purposes: purposes.map(\.rawValue), at: clock.now())
    }

    /// Marks every unused ticket of the person as used, whatever its purpose: their
    /// address changed, and links mailed for the old one die with it (TM-3).
    func voidAllTickets(_ tx: any StoreTransaction, personID: Int64) throws {
        try voidTickets(tx, personID: personID, purposes: TicketPurpose.allCases)
    }
}
