import CLibCrypto

/// Cryptographically secure bytes from OpenSSL's `RAND_bytes`.
public enum SystemRandomBytes {
    public enum Failure: Error { case unavailable }

    public static func bytes(_ count: Int) throws(Failure) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(0, count))
        guard count > 0 else { return [] }
        let ok = out.withUnsafeMutableBufferPointer { lc_RAND_bytes($0.baseAddress, Int32($0.count)) }
        guard ok == 1 else { throw .unavailable }
        return out
    }
}
