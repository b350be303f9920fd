import Foundation
import MonbanCore
import MonbanHTTP

/// The `[smtp]` section: where e-mails go and as whom.
public struct SMTPSettings: Sendable, Equatable {
    public var server: SMTPServer
    /// The envelope sender and From address.
    public var from: String
    /// The From header's name (default: the service name).
    public var fromName: String?

    public init(server: SMTPServer, from: String, fromName: String? = nil) {
        self.server = server
        self.from = from
        self.fromName = fromName
    }

    /// The From address's domain: the right side of Message-IDs.
    public var domain: String {
        guard let at = from.lastIndex(of: "@") else { return "monban.invalid" }
        let d = from[from.index(after: at)...]
        return d.isEmpty ? "monban.invalid" : String(d)
    }
}

/// The `[sms]` section: a Twilio-compatible HTTP gateway (a form POST of To,
/// From and Body with HTTP basic authentication).
public struct SMSSettings: Sendable, Equatable {
    /// The gateway's URL, e.g. https://api.twilio.com/2010-04-01/Accounts/AC…/Messages.json
    public var url: String
    /// The sender: a number or an alphanumeric sender ID.
    public var from: String
    /// Basic-auth user name (Twilio: the account SID) and password (the auth token).
    public var account: String?
    public var token: String?
    public var caFile: String?
    public var timeout: Duration

    public init(url: String, from: String, account: String? = nil, token: String? = nil, caFile: String? = nil,
                timeout: Duration = .seconds(15)) {
        self.url = url
        self.from = from
        self.account = account
        self.token = token
        self.caFile = caFile
        self.timeout = timeout
    }
}

/// The `[delivery]` section.
public struct DeliverySettings: Sendable, Equatable {
    /// Whether the client delivers in the background (besides `monban deliver`).
    public var inClient: Bool
    /// Seconds between looks at the outbox while watching.
    public var pollInterval: Double
    public var policy: DeliveryPolicy

    public init(inClient: Bool = true, pollInterval: Double = 2, policy: DeliveryPolicy = DeliveryPolicy()) {
        self.inClient = inClient
        self.pollInterval = pollInterval
        self.policy = policy
    }
}

extension SMSSettings: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never the token.
    public var description: String {
        "SMSSettings(\(url), from: \(from), account: \(account ?? "-"), token: \(token == nil ? "none" : "(set)"))"
    }
    public var debugDescription: String { description }
}

extension SMTPSettings: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "SMTPSettings(\(server), from: \(from))" }
    public var debugDescription: String { description }
}
