import Foundation

/// The words of the people search (US-1): every character and every pair of
/// neighbouring characters of a person's e-mail address and name, normalised
/// (NFKC, lower case, no white space), each written as a plain token
/// (`u` or `b` and the hex of its UTF-8) for an FTS5 table. A query of one
/// character looks up its `u` token, a longer one all its pairs: a superset of
/// the people whose address or name contains it, checked exactly afterwards.
public enum SearchGrams {
    /// The text as searched: NFKC (full-width letters become ASCII), lower case, no white space.
    public static func normalized(_ text: String) -> [Character] {
        Array(text.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace })
    }

    static func token(_ prefix: String, _ chars: ArraySlice<Character>) -> String {
        prefix + String(chars).utf8.map { String(format: "%02x", $0) }.joined()
    }

    /// The tokens of a person, for the index.
    public static func document(email: String, name: String) -> String {
        var seen = Set<String>()
        var out: [String] = []
        for field in [normalized(email), normalized(name)] {
            for i in field.indices {
                let u = token("u", field[i...i])
                if seen.insert(u).inserted { out.append(u) }
                if i + 1 < field.count {
                    let b = token("b", field[i...(i + 1)])
                    if seen.insert(b).inserted { out.append(b) }
                }
            }
        }
        return out.joined(separator: " ")
    }

    /// The FTS5 query for `text`, nil when it has no characters.
    public static func query(_ text: String) -> String? {
        let q = normalized(text)
        guard !q.isEmpty else { return nil }
        if q.count == 1 { return token("u", q[0...0]) }
        var seen = Set<String>()
        var out: [String] = []
        for i in 0..<(q.count - 1) {
            let b = token("b", q[i...(i + 1)])
            if seen.insert(b).inserted { out.append(b) }
        }
        return out.joined(separator: " ")
    }

    /// Whether the person matches `text` exactly: a substring of the normalised address or name.
    public static func matches(_ text: String, email: String, name: String) -> Bool {
        let q = String(normalized(text))
        guard !q.isEmpty else { return true }
        return String(normalized(email)).contains(q) || String(normalized(name)).contains(q)
    }
}
