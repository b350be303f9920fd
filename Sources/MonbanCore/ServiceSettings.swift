import FoundationEssentials

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
    /// Scheme and host of the line-authentication entrance's links (LG-6), no trailing slash.
    public var lineLinkBase: String
    /// Whether SMS codes may go to numbers outside Japan (not +81): off unless the operator
    /// turns it on (`[service] international_sms = true`), against SMS pumping (RL-1, issue 19
    /// finding 13).
    public var internationalSMS: Bool

    public init(
        serviceName: String = "おまかせクラウドストレージ", linkBase: String = "https://login.monban.example",
        authenticatorIssuer: String = "monban", lineLinkBase: String = "https://line.login.monban.example",
        internationalSMS: Bool = false
    ) {
        self.internationalSMS = internationalSMS
        self.lineLinkBase = lineLinkBase.hasSuffix("/") ? String(lineLinkBase.dropLast()) : lineLinkBase
        self.serviceName = serviceName
        self.authenticatorIssuer = authenticatorIssuer
        self.linkBase = linkBase.hasSuffix("/") ? String(linkBase.dropLast()) : linkBase
    }

    /// The Active Directory login URLs of a connection (LG-5): internet and line authentication.
    public func directoryLoginURLs(_ id: ConnectionID) -> (internet: String, line: String) {
        ("\(linkBase)\(Self.directoryLoginPath)?cid=\(id.value)", "\(lineLinkBase)\(Self.directoryLoginPath)?cid=\(id.value)")
    }

    public static let directoryLoginPath = "/lo/ad"

    public func link(_ purpose: TicketPurpose, _ ticket: Ticket) -> String {
        "\(linkBase)\(purpose.path)?ticket=\(ticket.token)"
    }
}
