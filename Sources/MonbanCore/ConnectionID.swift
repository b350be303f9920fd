import Foundation

/// The connection ID of a contract's Active Directory設定 (LG-5): "adfs-" and
/// 14 characters of lower-case letters and digits (about 72 random bits).
/// People type it on 接続ID入力: surrounding spaces, upper case and full-width
/// characters are accepted.
public struct ConnectionID: Sendable, Equatable, Hashable {
    public static let prefix = "adfs-"
    public static let randomLength = 14
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    public let value: String

    public init?(_ typed: String) {
        let folded = typed.precomposedStringWithCompatibilityMapping
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard folded.hasPrefix(Self.prefix) else { return nil }
        let rest = folded.utf8.dropFirst(Self.prefix.utf8.count)
        guard rest.count == Self.randomLength, rest.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        value = folded
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
        guard let id = ConnectionID(prefix + String(decoding: out, as: UTF8.self)) else { throw .cryptoUnavailable }
        return id
    }
}
