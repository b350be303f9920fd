import CLibCrypto

/// scrypt (RFC 7914) through OpenSSL's `EVP_PBE_scrypt`.
public enum Scrypt {
    public enum Failure: Error, Equatable {
        case invalidParameters
    }

    /// Derives `length` bytes. `maxmem` is raised to what N and r need: OpenSSL's
    /// default of 0 means a 32 MiB cap, which refuses N = 2^17, r = 8.
    public static func derive(
        password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int
    ) throws(Failure) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0, n <= 1 << 32, r > 0, r < 1 << 20, p > 0, p < 1 << 20, length > 0
        else { throw .invalidParameters }
        let needed = 128 * r * n + 128 * r * p + 256 * r + 1024 * 1024
        var out = [UInt8](repeating: 0, count: length)
        // A trailing zero keeps both buffers non-empty, so their base addresses
        // exist even for an empty password or salt; the lengths passed exclude it.
        let pw = password.map { CChar(bitPattern: $0) } + [0]
        let s = salt + [0]
        let ok = pw.withUnsafeBufferPointer { pwp in
            s.withUnsafeBufferPointer { sp in
                out.withUnsafeMutableBufferPointer { o in
                    lc_EVP_PBE_scrypt(pwp.baseAddress, password.count, sp.baseAddress, salt.count, n, r, p, needed,
                                   o.baseAddress, o.count)
                }
            }
        }
        guard ok == 1 else { throw .invalidParameters }
        return out
    }
}
