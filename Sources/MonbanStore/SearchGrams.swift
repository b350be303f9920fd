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

    /// A PostgreSQL store's words for queries of one or two characters, which its pg_trgm
    /// index cannot find (issue 21 item 7): every character of the address and of the name,
    /// and every pair of neighbouring characters within either, each once, as 32-bit codes
    /// (`shortCode`): a row of them stays narrow, and a million people's are read within a frame.
    public static func shortGrams(email: String, name: String) -> [Int32] {
        var grams = Set<Int32>()
        for field in [normalized(email), normalized(name)] {
            for i in field.indices {
                grams.insert(shortCode(field[i], nil).value)
                if i + 1 < field.count { grams.insert(shortCode(field[i], field[i + 1]).value) }
            }
        }
        return grams.sorted()
    }

    /// The code of one character (`second` nil) or of a pair. A character that is one Unicode
    /// scalar of the Basic Multilingual Plane is that scalar, U+0001…U+FFFF; a pair of two such
    /// is the first's scalar times 65,536 plus the second's (U+0000 never occurs, so no pair is
    /// a single character's code): both exact. Any other character (beyond the plane, or of
    /// several scalars) gives a hash inside the surrogates' range U+D800…U+DFFF as a first
    /// scalar, which no exact pair uses: `exact` is false, and a person with that code may
    /// not hold the text, so such a query is checked against the words too.
    public static func shortCode(_ first: Character, _ second: Character?) -> (value: Int32, exact: Bool) {
        func scalar(_ c: Character) -> UInt32? {
            let scalars = c.unicodeScalars
            guard scalars.count == 1, let only = scalars.first, only.value <= 0xFFFF else { return nil }
            return only.value
        }
        if let a = scalar(first) {
            guard let second else { return (Int32(bitPattern: a), true) }
            if let b = scalar(second) { return (Int32(bitPattern: a << 16 | b), true) }
        }
        // FNV-1a over the UTF-8 of the character or pair, a mark between the two.
        var hash: UInt32 = 0x811C_9DC5
        for byte in Array(String(first).utf8) + (second.map { [0xFF] + Array(String($0).utf8) } ?? []) {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return (Int32(bitPattern: 0xD800_0000 | (hash & 0x07FF_FFFF)), false)
    }

    /// The code that finds `text` among `shortGrams` when it has one or two characters once
    /// normalised; nil otherwise.
    public static func shortGram(_ text: String) -> (value: Int32, exact: Bool)? {
        let q = normalized(text)
        switch q.count {
        case 1: return shortCode(q[0], nil)
        case 2: return shortCode(q[0], q[1])
        default: return nil
        }
    }

    /// Whether the person matches `text` exactly: a substring of the normalised address or name.
    public static func matches(_ text: String, email: String, name: String) -> Bool {
        let q = String(normalized(text))
        guard !q.isEmpty else { return true }
        return String(normalized(email)).contains(q) || String(normalized(name)).contains(q)
    }
}
