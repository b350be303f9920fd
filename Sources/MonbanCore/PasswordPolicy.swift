/// The password rule of the manual (PP-1): at least 8 characters, with at least
/// three of the four classes upper-case letters, lower-case letters, digits and
/// symbols. Up to 128 characters of any Unicode are accepted, never truncated;
/// control characters are refused (PP-2).
public enum PasswordPolicy {
    public static let minimumLength = 8
    public static let maximumLength = 128
    public static let requiredClasses = 3

    /// The manual's text, shown wherever a password is set.
    public static let ruleTextJapanese = "パスワードは英大文字、英小文字、数字、記号から3種類以上を含め8文字以上で設定してください"
    public static let ruleTextEnglish =
        "Use at least 8 characters, including at least 3 of: upper-case letters, lower-case letters, digits, symbols"

    public enum Violation: String, Sendable, Equatable, CaseIterable {
        case tooShort
        case tooLong
        case tooFewClasses
        case controlCharacter
        case containsEmailLocalPart
    }

    public enum CharacterClass: Sendable, CaseIterable {
        case upper, lower, digit, symbol
    }

    public static func classes(of password: String) -> Set<CharacterClass> {
        var found = Set<CharacterClass>()
        for scalar in password.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: found.insert(.upper)
            case 0x61...0x7A: found.insert(.lower)
            case 0x30...0x39: found.insert(.digit)
            case 0x20...0x7E: found.insert(.symbol)
            default:
                switch scalar.properties.generalCategory {
                case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                     .initialPunctuation, .finalPunctuation, .otherPunctuation,
                     .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                    found.insert(.symbol)
                default: break
                }
            }
        }
        return found
    }

    /// Every rule the password breaks, in a stable order; empty when it is acceptable.
    public static func violations(of password: String, email: String? = nil) -> [Violation] {
        var out: [Violation] = []
        let length = password.count
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            out.append(.controlCharacter)
        }
        if length < minimumLength { out.append(.tooShort) }
        if length > maximumLength { out.append(.tooLong) }
        if classes(of: password).count < requiredClasses { out.append(.tooFewClasses) }
        if let email, let at = email.lastIndex(of: "@") {
            let local = email[..<at].lowercased()
            if local.count >= 4, password.lowercased().contains(local) { out.append(.containsEmailLocalPart) }
        }
        return out
    }

    public static func check(_ password: String, email: String? = nil) throws(EngineError) {
        let v = violations(of: password, email: email)
        if !v.isEmpty { throw .passwordRejected(v) }
    }
}
