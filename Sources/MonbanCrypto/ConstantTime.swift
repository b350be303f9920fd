import CLibCrypto

public enum ConstantTime {
    /// Compares two byte strings without an early exit (`CRYPTO_memcmp`).
    /// Different lengths are unequal; the length itself is not secret.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                lc_CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0
            }
        }
    }
}
