import Foundation

/// The words of the people search (US-1). A person's e-mail address and name,
/// normalised (NFKC, lower case, no white space), become two columns of an FTS5
/// table: `chars`, every character, and `pairs`, every pair of neighbouring
/// characters in order, each written as a plain token (`u`/`b` and the hex of
/// its UTF-8). A query of one character looks its token up in `chars`; a
/// longer one is the phrase of its pairs in `pairs`, which matches exactly the
/// texts that contain the query (a boundary token keeps the address and the
/// name apart). FTS5 answers in person id order, page by page.
public enum SearchGrams {
    /// The text as searched: NFKC (full-width letters become ASCII), lower case, no white space.
    public static func normalized(_ text: String) -> [Character] {
        Array(text.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace })
    }

    static func token(_ prefix: String, _ chars: ArraySlice<Character>) -> String {
        prefix + String(chars).utf8.map { String(format: "%02x", $0) }.joined()
    }

    /// Between the address's pairs and the name's: no phrase crosses it.
    static let boundary = "x"

    /// The two columns of a person, for the index: (chars, pairs).
    public static func document(email: String, name: String) -> (chars: String, pairs: String) {
        var chars = Set<String>()
        var pairs: [String] = []
        for (n, field) in [normalized(email), normalized(name)].enumerated() {
            if n > 0 { pairs.append(boundary) }
            for i in field.indices {
                chars.insert(token("u", field[i...i]))
                if i + 1 < field.count { pairs.append(token("b", field[i...(i + 1)])) }
            }
        }
        return (chars.sorted().joined(separator: " "), pairs.joined(separator: " "))
    }

    /// The FTS5 query for `text`, nil when it has no characters.
    public static func query(_ text: String) -> String? {
        let q = normalized(text)
        guard !q.isEmpty else { return nil }
        if q.count == 1 { return "chars : " + token("u", q[0...0]) }
        let pairs = (0..<(q.count - 1)).map { token("b", q[$0...($0 + 1)]) }
        return "pairs : \"" + pairs.joined(separator: " ") + "\""
    }

    /// Whether the person matches `text` exactly: a substring of the normalised address or name.
    public static func matches(_ text: String, email: String, name: String) -> Bool {
        let q = String(normalized(text))
        guard !q.isEmpty else { return true }
        return String(normalized(email)).contains(q) || String(normalized(name)).contains(q)
    }
}
