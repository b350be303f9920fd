import Foundation
import MonbanCrypto

/// A recovery code for two-step verification (TF-5, TF-6): what a person
/// types when the authenticator is lost.
///
/// 24 characters from a 31-letter alphabet: upper-case A–Z and 2–9 without
/// the look-alikes 0/O, 1/I/L. That is 24 · log2(31) ≈ 119 bits of entropy.
/// Shown in groups of four ("ABCD EFGH …"); accepted as copied — with or
/// without spaces, hyphens or full-width spaces, in lower case, or typed in
/// full-width letters through a Japanese input method.
///
/// Only `storedHash` is kept: a plain SHA-256. A slow password hash is not
/// needed here because the code is random with ~119 bits of entropy, far
/// beyond any guessing, unlike a chosen password.
public struct RecoveryCode: Sendable, Equatable {
    /// No 0/O, 1/I/L.
    public static let alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    public static let length = 24
    static let alphabetBytes: [UInt8] = Array(alphabet.utf8)

    /// The normalized code: 24 alphabet characters, no separators.
    public let value: String

    /// A code from its typed or stored form; nil when it is not one.
    public init?(_ typed: String) {
        guard let normalized = Self.normalize(typed) else { return nil }
        value = normalized
    }

    private init(normalized: String) { value = normalized }

    /// A fresh code. Each character comes from one random byte by rejection
    /// sampling: bytes ≥ 248 (= 8 · 31) are discarded, so every letter is
    /// equally likely (no modulo bias).
    public static func generate(using random: any RandomSource) throws -> RecoveryCode {
        let n = alphabetBytes.count
        let limit = 256 - 256 % n
        var out: [UInt8] = []
        out.reserveCapacity(length)
        while out.count < length {
            for b in try random.bytes(length - out.count + 4) where out.count < length && Int(b) < limit {
                out.append(alphabetBytes[Int(b) % n])
            }
        }
        return RecoveryCode(normalized: String(decoding: out, as: UTF8.self))
    }

    /// "ABCD EFGH JKMN PQRS TUVW XYZ2": groups of four, separated by spaces.
    public var grouped: String {
        var out = ""
        for (i, c) in value.enumerated() {
            if i > 0, i % 4 == 0 { out.append(" ") }
            out.append(c)
        }
        return out
    }

    /// What the database keeps: SHA-256 of the normalized code.
    public var storedHash: [UInt8] { Digest.sha256(Array(value.utf8)) }

    /// The 24 alphabet characters of a code as typed or copied, or nil.
    /// Full-width forms are folded (NFKC), letters upper-cased; white space
    /// (including U+3000) and hyphens/dashes are dropped; anything else
    /// outside the alphabet, or a length other than 24, gives nil.
    public static func normalize(_ typed: String) -> String? {
        let folded = typed.precomposedStringWithCompatibilityMapping
        var out: [UInt8] = []
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace || separators.contains(scalar.value) { continue }
            guard scalar.isASCII else { return nil }
            var c = UInt8(scalar.value)
            if c >= UInt8(ascii: "a"), c <= UInt8(ascii: "z") { c -= 0x20 }
            guard alphabetBytes.contains(c) else { return nil }
            out.append(c)
            if out.count > length { return nil }
        }
        guard out.count == length else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hyphen-minus and the Unicode hyphens and dashes a copy may bring.
    private static let separators: Set<UInt32> = [0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]

    /// Whether `typed` is the code whose hash is `storedHash`, compared in
    /// constant time. Malformed input never matches.
    public static func matches(_ typed: String, storedHash: [UInt8]) -> Bool {
        guard let normalized = normalize(typed) else { return false }
        return ConstantTime.equals(Digest.sha256(Array(normalized.utf8)), storedHash)
    }
}
