import FoundationEssentials
import MonbanCrypto

/// The secret in an e-mailed link (TK-1): 256 random bits, URL-safe base64,
/// single-use, bound to a purpose and a person, valid 14 days. Only its
/// SHA-256 is stored.
public struct Ticket: Sendable, Equatable {
    public static let byteLength = 32
    public static let lifetime: TimeInterval = 14 * 86_400

    public let token: String

    public init(token: String) { self.token = token }

    public static func generate(using random: any RandomSource) throws(EngineError) -> Ticket {
        Ticket(token: base64URL(try random.bytes(byteLength)))
    }

    /// What the database keeps instead of the token.
    public var storedHash: [UInt8] { Digest.sha256(Array(token.utf8)) }

    /// What the database keeps of the address a ticket is issued for (TM-3): the
    /// SHA-256 of the address in lower case. A ticket is good only while its person's
    /// address is still this one.
    public static func addressHash(_ email: String) -> [UInt8] {
        Digest.sha256(Array(email.lowercased().utf8))
    }

    /// Whether a string could be a ticket at all: checked before any database work.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
        }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingEvery("+", with: "-")
            .replacingEvery("/", with: "_")
            .replacingEvery("=", with: "")
    }
}
