import FoundationEssentials
import MonbanCrypto

/// Time-based one-time passwords (RFC 6238) for two-step verification
/// (TF-3): HMAC-SHA1, 30-second steps counted from the Unix epoch, six
/// digits — the parameters every authenticator app understands.
///
/// This type is pure: it neither stores nor remembers anything. "The same
/// code is never accepted twice" is the caller's job: it keeps the last
/// step it accepted for the person and passes it as `usedStep`, so that a
/// code of that step or an earlier one is refused.
public struct TOTP: Sendable {
    public static let digits = 6
    public static let period: TimeInterval = 30
    /// 160 bits, the HMAC-SHA1 block-output size RFC 4226 recommends.
    public static let secretLength = 20

    /// A fresh secret from the engine's random source.
    public static func newSecret(using random: any RandomSource) throws -> [UInt8] {
        try random.bytes(secretLength)
    }

    /// The time step containing `date`: ⌊unix time / 30⌋ (negative before 1970).
    public static func step(at date: Date) -> Int64 {
        let steps = (date.timeIntervalSince1970 / period).rounded(.down)
        // Dates beyond ±2^63 steps (or not finite) are clamped rather than trapping.
        guard steps.isFinite else { return steps > 0 ? .max : .min }
        return Int64(exactly: steps) ?? (steps > 0 ? .max : .min)
    }

    /// The code shown by an authenticator app at `date`.
    public static func code(secret: [UInt8], at date: Date) -> String {
        code(secret: secret, step: step(at: date))
    }

    /// The code of one time step (RFC 4226 HOTP with the step as counter).
    public static func code(secret: [UInt8], step: Int64) -> String {
        let counter = UInt64(bitPattern: step)
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> UInt64(56 - 8 * $0)) }
        let mac = Digest.hmac(.sha1, key: secret, message: message)
        // libcrypto unavailable: an empty code, which never matches a typed one.
        guard mac.count == 20 else { return "" }
        // Dynamic truncation (RFC 4226 §5.3).
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24)
            | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        let value = binary % 1_000_000
        let text = String(value)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The step within ±`window` steps of `date` whose code is `code`, or nil.
    ///
    /// `code` may contain spaces (apps show "123 456"); anything other than
    /// six ASCII digits never matches. Steps at or before `usedStep` (the
    /// last step the caller accepted) are not considered, so a code cannot
    /// be replayed. Every candidate step is computed and compared in
    /// constant time, without an early exit; if several match (a chance
    /// collision), the latest is returned.
    public static func matchingStep(
        _ code: String, secret: [UInt8], at date: Date, window: Int = 1, usedStep: Int64? = nil
    ) -> Int64? {
        let typed = Array(code.utf8.filter { $0 != 0x20 })
        guard typed.count == digits,
              typed.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        let now = step(at: date)
        let window = max(0, window)
        var found: Int64?
        for delta in -window...window {
            let candidate = now &+ Int64(delta)
            let equal = ConstantTime.equals(Array(Self.code(secret: secret, step: candidate).utf8), typed)
            if equal, usedStep.map({ candidate > $0 }) ?? true {
                found = candidate
            }
        }
        return found
    }

    /// The `otpauth://` link an authenticator app reads from a QR code:
    /// `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER`.
    /// Without `algorithm=SHA1&digits=6&period=30`: those are the key-URI format's defaults,
    /// which every authenticator app assumes when they are absent, and the 35 characters
    /// they take made the code of a 40-character address one version too big for 80×24
    /// (TF-3, issue 20 item 1).
    /// Issuer and account are percent-encoded as UTF-8, keeping the RFC 3986
    /// unreserved characters and "@" (a pchar, as in Google's key-URI examples
    /// "ACME%20Co:john.doe@email.com"); the ":" between them is literal.
    public static func uri(issuer: String, account: String, secret: [UInt8]) -> String {
        let i = percentEncode(issuer)
        let a = percentEncode(account)
        return "otpauth://totp/\(i):\(a)?secret=\(Base32.encode(secret))&issuer=\(i)"
    }

    static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "@"):
                out.append(c)
            default:
                out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
