import Foundation

/// What differs between installations: the service's name in e-mails and the
/// base of e-mailed links (TK-3).
public struct ServiceSettings: Sendable, Equatable {
    public var serviceName: String
    /// Scheme and host (and optional path prefix) of e-mailed links, no trailing slash.
    public var linkBase: String
    /// The issuer an authenticator app lists the account under (TF-3). Short
    /// ASCII on purpose: every byte of it appears twice in the QR code, and a
    /// percent-encoded Japanese name would make the code too big for a terminal.
    public var authenticatorIssuer: String

    public init(
        serviceName: String = "おまかせクラウドストレージ", linkBase: String = "https://login.monban.example",
        authenticatorIssuer: String = "monban"
    ) {
        self.serviceName = serviceName
        self.authenticatorIssuer = authenticatorIssuer
        self.linkBase = linkBase.hasSuffix("/") ? String(linkBase.dropLast()) : linkBase
    }

    public func link(_ purpose: TicketPurpose, _ ticket: Ticket) -> String {
        "\(linkBase)\(purpose.path)?ticket=\(ticket.token)"
    }
}
