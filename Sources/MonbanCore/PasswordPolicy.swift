import Foundation
import MonbanCommonPasswords

/// The password rule of the manual (PP-1): at least 8 characters, with at least
/// three of the four classes upper-case letters, lower-case letters, digits and
/// symbols. Up to 128 characters of any Unicode are accepted, never truncated;
/// control characters are refused (PP-2). Besides, PP-2 refuses the most common
/// passwords (`isCommon`, the list of the MonbanCommonPasswords module) and passwords that
/// contain the local part of the person's e-mail address.
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
        /// On the list of the most common passwords, or one of them with only digits,
        /// symbols or spaces added before or after it (PP-2).
        case common
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
        if isCommon(password) { out.append(.common) }
        return out
    }

    /// The fewest characters left, once digits, symbols and spaces are taken off a
    /// password's ends, for what is left to be looked up: a list entry of 3 characters
    /// padded with digits and symbols is left to PP-1 (the shipped list has no entry
    /// shorter than 4; "love" and "pass" are 4, so "Love-2026!" is refused).
    public static let commonCoreMinimum = 4

    /// PP-2's list of the most common passwords (10,000 from SecLists, see
    /// CommonPasswords.swift). The password is compared NFKC-normalised and
    /// lower-cased, so "Ｐａｓｓｗｏｒｄ" and "PASSWORD" are "password". It is common when
    /// - it is on the list as a whole ("Pa55w0rd", "1qaz2wsx"), or
    /// - taking digits, symbols and spaces (any character that is not a letter) off
    ///   its start, its end or both leaves a list entry of at least
    ///   `commonCoreMinimum` characters: "Password1!", "!!Dragon2026", "1qaz2wsx!",
    ///   "Passw0rd!" ("passw0rd" is on the list).
    /// Only the letters' span with some of what surrounds it is looked up, never any
    /// other part: "Horse-Battery-7" is not refused for "horse". At most
    /// (longest entry + 1)² look-ups, whatever the password's length.
    public static func isCommon(_ password: String) -> Bool {
        let folded = Array(password.precomposedStringWithCompatibilityMapping.lowercased())
        let list = CommonPasswords.all
        if folded.count <= CommonPasswords.longest, list.contains(String(folded)) { return true }
        // The letters' span: first and last letter.
        guard let first = folded.firstIndex(where: \.isLetter), let last = folded.lastIndex(where: \.isLetter) else {
            return false
        }
        let longest = CommonPasswords.longest
        // A candidate starts at or before the first letter and ends at or after the last.
        for start in stride(from: first, through: 0, by: -1) {
            let spanToLast = last - start + 1
            if spanToLast > longest { break }
            for end in (last + 1)...folded.count {
                let length = end - start
                if length > longest { break }
                if length < commonCoreMinimum || (start == 0 && end == folded.count) { continue }
                if list.contains(String(folded[start..<end])) { return true }
            }
        }
        return false
    }

    public static func check(_ password: String, email: String? = nil) throws(EngineError) {
        let v = violations(of: password, email: email)
        if !v.isEmpty { throw .passwordRejected(v) }
    }
}
