import FoundationEssentials

/// An e-mailed link taken apart: its purpose and its ticket (TK-2).
public struct Link: Sendable, Equatable {
    public var purpose: TicketPurpose
    public var ticket: Ticket

    /// Accepts any host (mail may have been forwarded between installations);
    /// the path says the purpose and the `ticket` query item carries the secret.
    public init(parsing text: String) throws(EngineError) {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard trimmed.utf8.count <= 2048,
              let components = URLComponents(string: trimmed),
              let purpose = TicketPurpose(path: components.path),
              let token = components.queryItems?.first(where: { $0.name == "ticket" })?.value,
              Ticket.isWellFormed(token)
        else { throw .linkInvalid }
        self.purpose = purpose
        self.ticket = Ticket(token: token)
    }
}
