import FoundationEssentials

/// The connection ID of a contract's Active Directory設定 (LG-5): "adfs-" and
/// 14 characters of lower-case letters and digits (about 72 random bits).
/// People type it on 接続ID入力: surrounding spaces, upper case and full-width
/// characters are accepted.
public struct ConnectionID: Sendable, Equatable, Hashable {
    public static let prefix = "adfs-"
    public static let randomLength = 14
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    public let value: String

    /// An ID as monban writes it (the terminal's saved ID, a generated one): exactly
    /// "adfs-" and 14 lower-case letters or digits, read as written (no Unicode folding).
    public init?(exact text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.utf8.dropFirst(Self.prefix.utf8.count)
        guard rest.count == Self.randomLength, rest.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        value = text
    }

    /// A fresh ID, each character by rejection sampling (no modulo bias).
    static func generate(using random: any RandomSource) throws(EngineError) -> ConnectionID {
        let n = alphabet.count
        let limit = 256 - 256 % n
        var out: [UInt8] = []
        while out.count < randomLength {
            for b in try random.bytes(randomLength) where out.count < randomLength && Int(b) < limit {
                out.append(alphabet[Int(b) % n])
            }
        }
        guard let id = ConnectionID(exact: prefix + String(decoding: out, as: UTF8.self)) else { throw .cryptoUnavailable }
        return id
    }
}
