import Crypto

/// SHA-256 and HMAC from swift-crypto. Both are plain computations on memory compiled
/// into the binary (no library to load, no allocation that can be refused), so they have
/// no failure to report: there is no `throws` here, and no result that could be left unfilled.
public enum Digest {
    public static func sha256(_ data: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: data))
    }

    public enum Algorithm: Sendable {
        case sha1, sha256
    }

    public static func hmac(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch algorithm {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        }
    }
}
