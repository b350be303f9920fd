import Foundation
import MonbanCrypto

/// The SMS code of two-step verification (TF-2): six digits, valid ten
/// minutes, five wrong tries, a new one no sooner than 60 seconds after the
/// last. Only a salted SHA-256 of the code is stored.
public enum SMSPolicy {
    public static let digits = 6
    public static let lifetime: TimeInterval = 10 * 60
    public static let maximumTries = 5
    public static let resendAfter: TimeInterval = 60

    /// Six decimal digits, uniformly drawn (rejection sampling, no modulo bias).
    static func newCode(using random: any RandomSource) throws(EngineError) -> String {
        while true {
            let b = try random.bytes(4)
            let v = b.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            // 4_294_000_000 is the largest multiple of 10^6 below 2^32.
            if v < 4_294_000_000 {
                let text = String(v % 1_000_000)
                return String(repeating: "0", count: digits - text.count) + text
            }
        }
    }

    /// The stored form: SHA-256 of the challenge's salt and the code.
    static func hash(_ code: String, salt: [UInt8]) -> [UInt8] {
        Digest.sha256(salt + Array(code.utf8))
    }

    /// The digits of a typed code ("123 456", full-width digits), or nil.
    static func normalize(_ typed: String) -> String? {
        let folded = typed.precomposedStringWithCompatibilityMapping.filter { $0 != " " && $0 != "-" }
        guard folded.count == digits, folded.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return folded
    }
}
