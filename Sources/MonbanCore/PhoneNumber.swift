import Foundation

/// A mobile number for SMS codes (TF-2), as typed: "090-1234-5678",
/// "０９０ １２３４ ５６７８", "+81 90 1234 5678". Kept in E.164 form
/// ("+819012345678"); a domestic number (leading 0) is taken as Japanese.
public struct PhoneNumber: Sendable, Equatable {
    public let e164: String

    public init?(_ typed: String) {
        let folded = typed.precomposedStringWithCompatibilityMapping
        guard folded.unicodeScalars.count <= 32 else { return nil }
        var digits = ""
        var plus = false
        for (i, s) in folded.unicodeScalars.enumerated() {
            switch s {
            case "0"..."9": digits.unicodeScalars.append(s)
            case "+" where i == 0: plus = true
            case " ", "-", "(", ")", "\u{2010}", "\u{2212}", "\u{3000}": continue
            default: return nil
            }
        }
        if plus {
            guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
            e164 = "+" + digits
        } else {
            // Japanese mobile numbers: 0 + 10 digits (070/080/090…); landlines cannot take SMS.
            guard digits.count == 11, digits.hasPrefix("0"), digits.dropFirst().first != "0" else { return nil }
            e164 = "+81" + digits.dropFirst()
        }
    }

    /// The number with all but its last four digits hidden, for screens and the audit log.
    public var masked: String {
        let tail = e164.suffix(4)
        return String(repeating: "*", count: max(0, e164.count - 5)) + tail
    }
}
