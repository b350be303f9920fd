import Foundation

/// An e-mail or SMS the service sent (TK-3). Until delivery exists, the outbox
/// is where messages go; `monban outbox` and the 受信箱 read it.
public struct OutboxMessage: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case email
        case sms
    }

    public var id: Int64
    public var kind: Kind
    public var to: String
    public var subject: String
    public var body: String
    public var links: [String]
    public var sentAt: Date
}
