import CLibCrypto

/// SHA-256 and HMAC through libcrypto.
public enum Digest {
    public static func sha256(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBufferPointer { d in
            out.withUnsafeMutableBufferPointer { o in
                _ = lc_sha256(d.baseAddress, d.count, o.baseAddress)
            }
        }
        return out
    }

    public enum Algorithm: Sendable {
        case sha1, sha256

        var code: Int32 {
            switch self {
            case .sha1: 1
            case .sha256: 256
            }
        }

        var length: Int {
            switch self {
            case .sha1: 20
            case .sha256: 32
            }
        }
    }

    public static func hmac(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    _ = lc_hmac(algorithm.code, k.baseAddress, Int32(k.count), m.baseAddress, m.count, o.baseAddress, &length)
                }
            }
        }
        return Array(out.prefix(Int(length)))
    }
}
