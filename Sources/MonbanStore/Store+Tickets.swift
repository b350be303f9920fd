import Foundation

// ticket (TK-1, TK-2)

public struct TicketRecord: Sendable, Equatable {
    public var id: Int64
    public var hash: [UInt8]
    public var purpose: String
    public var personID: Int64
    public var payload: String
    public var createdAt: Date?
    public var expiresAt: Date?
    public var usedAt: Date?
    /// The SHA-256 of the address the ticket was issued for (TM-3); nil for tickets
    /// issued before the address was recorded.
    public var addressHash: [UInt8]?
}

public protocol TicketReads {
    /// The ticket whose token hashes to `hash`.
    func ticket(hash: [UInt8]) throws -> TicketRecord?
}

public protocol TicketWrites {
    func insertTicket(hash: [UInt8], purpose: String, personID: Int64, payload: String, addressHash: [UInt8],
                      createdAt: Date, expiresAt: Date) throws
    /// Uses the ticket unless it is used already; whether this call used it (single use).
    func useTicket(id: Int64, at: Date) throws -> Bool
    /// Marks the person's unused tickets of these purposes as used.
    func voidTickets(personID: Int64, purposes: [String], at: Date) throws
}
