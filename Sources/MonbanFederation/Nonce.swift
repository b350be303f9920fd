import Foundation

/// Where the device flow's randomness comes from: a closure returning `count`
/// random bytes. Tests inject a fixed one.
public typealias RandomBytes = (_ count: Int) -> [UInt8]

enum Nonce {
    static let byteCount = 32

    /// The system's cryptographically secure generator.
    static func systemRandomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// `byteCount` bytes from `random`, base64url without padding (43 characters).
    static func make(_ random: RandomBytes) -> String {
        let bytes = random(byteCount)
        precondition(bytes.count >= 16, "the random source returned too few bytes for a nonce")
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
