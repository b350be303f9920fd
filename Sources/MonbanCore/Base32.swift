/// Base32 as in RFC 4648 §6: the alphabet `A–Z 2–7`, used for TOTP secrets
/// because authenticator apps expect it in `otpauth://` links.
///
/// Encoding gives upper case without `=` padding (what authenticator apps
/// and `oathtool -b` accept). Decoding is lenient about what a person may
/// have copied: lower case, spaces (also tabs, line breaks) anywhere, and
/// trailing `=` padding. Anything else — another character, `=` followed
/// by data, or a length that no byte string encodes to — gives nil.
/// Unused low bits of the last character are ignored, as most decoders do.
public enum Base32 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 {
            out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for c in text.utf8 {
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case UInt8(ascii: "="):
                padding += 1
            default:
                // Data after padding is malformed.
                guard padding == 0, let v = value(of: c) else { return nil }
                values.append(v)
            }
        }
        // Lengths modulo 8 that some byte count encodes to: 0, 2, 4, 5, 7.
        guard [0, 2, 4, 5, 7].contains(values.count % 8) else { return nil }
        // Padding, when present, must complete a block of 8 exactly.
        if padding > 0 {
            guard (values.count + padding) % 8 == 0, padding < 8 else { return nil }
        }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for v in values {
            buffer = (buffer << 5) | UInt32(v)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    private static func value(of c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): c - UInt8(ascii: "2") + 26
        default: nil
        }
    }
}
