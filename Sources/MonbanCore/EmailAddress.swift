import FoundationEssentials

/// An e-mail address as monban accepts it: trimmed, one "@", a dot in the domain,
/// no spaces or control characters, at most 254 characters (RFC 5321).
public struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(EngineError) {
        let text = raw.trimmingWhitespace()
        guard Self.isValid(text), let at = text.lastIndex(of: "@") else { throw .invalidEmail }
        // The domain is case-insensitive; keep the local part as typed.
        value = String(text[..<at]) + "@" + text[text.index(after: at)...].lowercased()
    }

    public var description: String { value }

    static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 254 else { return false }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return false }
        for scalar in s.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { return false }
            if scalar.properties.generalCategory == .control { return false }
            if "()<>,;:\\\"[]".unicodeScalars.contains(scalar) { return false }
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != "-", label.last != "-" else { return false }
        }
        if local.first == "." || local.last == "." || local.contains("..") { return false }
        return true
    }
}

