import Glibc

/// Cryptographically secure bytes from the kernel (`getentropy`, the getrandom system call).
public enum SystemRandomBytes {
    public enum Failure: Error { case unavailable }

    public static func bytes(_ count: Int) throws(Failure) -> [UInt8] {
        guard count > 0 else { return [] }
        guard CryptoFaults.allows(.random) else { throw .unavailable }
        var out = [UInt8](repeating: 0, count: count)
        // getentropy fills at most 256 bytes a call, all of them or none.
        let filled = out.withUnsafeMutableBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset < buffer.count {
                let chunk = min(256, buffer.count - offset)
                guard getentropy(base + offset, chunk) == 0 else { return false }
                offset += chunk
            }
            return true
        }
        guard filled else { throw .unavailable }
        return out
    }
}
