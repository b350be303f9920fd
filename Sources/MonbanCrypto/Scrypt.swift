import Crypto
import CryptoExtras

/// scrypt (RFC 7914) from swift-crypto's `KDF.Scrypt` (BoringSSL's `EVP_PBE_scrypt`).
public enum Scrypt {
    public enum Failure: Error, Equatable {
        /// Parameters RFC 7914 does not allow (checked here, before the library is asked).
        case invalidParameters
        /// The library could not derive the key: the memory scrypt needs (128·N·r bytes,
        /// 128 MiB at the shipped cost) could not be had, or a test injected a failure.
        case failed
    }

    /// Derives `length` bytes.
    public static func derive(
        password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int
    ) throws(Failure) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0, n <= 1 << 32, r > 0, r < 1 << 20, p > 0, p < 1 << 20, length > 0
        else { throw .invalidParameters }
        // RFC 7914 §2: N < 2^(128·r/8).
        if 16 * r < 64, n >= UInt64(1) << (16 * r) { throw .invalidParameters }
        guard CryptoFaults.allows(.scrypt) else { throw .failed }
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: password, salt: salt, outputByteCount: length,
                rounds: Int(n), blockSize: Int(r), parallelism: Int(p))
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .failed
        }
    }
}
