/// A line registered for line authentication (LA-2): the 回線番号 of an NTT East or
/// West フレッツ光 line, `CAF` + 10 letters or digits (13 in all) or `COP` + 8
/// (11 in all), as the manual's 英数 says. Lower case is accepted and stored
/// upper case; spaces, before, after or inside, are ignored.
public struct LineNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    public init?(_ text: String) {
        // Spaces anywhere are ignored, as the editor's note says: 「CAF 0000 000 003」 is a
        // number as printed on some papers (issue 20 item 13).
        let t = String(text.filter { $0 != " " && $0 != "\t" && $0 != "　" }).trimmingWhitespace().uppercased()
        let scalars = Array(t.unicodeScalars)
        let isAlnum: (Unicode.Scalar) -> Bool = { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }
        guard scalars.allSatisfy(isAlnum),
              (t.hasPrefix("CAF") && scalars.count == 13) || (t.hasPrefix("COP") && scalars.count == 11)
        else { return nil }
        value = t
    }

    public var description: String { value }
    public static func < (a: LineNumber, b: LineNumber) -> Bool { a.value < b.value }
}

/// Where a line is (LG-7): the first line-authenticated sign-in from a West-Japan
/// line shows the 回線情報通知設定 screen.
public enum LineArea: String, Sendable, Codable, CaseIterable {
    case east
    case west

    /// The words the editor accepts after a number: `west`/`w`/`西`/`西日本`, `east`/`e`/`東`/`東日本`.
    public init?(word: String) {
        switch word.lowercased() {
        case "west", "w", "西", "西日本", "nttwest", "ntt西日本": self = .west
        case "east", "e", "東", "東日本", "ntteast", "ntt東日本": self = .east
        default: return nil
        }
    }
}

/// One registered line.
public struct LineEntry: Sendable, Equatable {
    public var number: LineNumber
    public var area: LineArea

    public init(number: LineNumber, area: LineArea = .east) {
        self.number = number
        self.area = area
    }

    /// The line as the editor shows it: the number, and ` west` for a West-Japan line.
    public var text: String { area == .west ? "\(number.value) west" : number.value }
}

/// The line-number editor's rules (LA-2): one line per line of text, an optional
/// area after the number, empty lines ignored, at most 100. Each bad line gets
/// its reason; nothing is saved while any is bad.
public enum LineList {
    public static let maximum = 100

    public enum Problem: Sendable, Equatable {
        /// Not `CAF` + 10 or `COP` + 8 letters or digits (or an unknown area word).
        case format
        /// The same number as an earlier line (1-based).
        case duplicate(ofLine: Int)
        /// The 101st number and after.
        case overLimit
    }

    /// The lines' problems by index (0-based), and the entries of the good lines, in order.
    public static func check(_ lines: [String]) -> (problems: [Int: Problem], entries: [LineEntry]) {
        var problems: [Int: Problem] = [:]
        var entries: [LineEntry] = []
        var seen: [LineNumber: Int] = [:]
        var count = 0
        for (i, raw) in lines.enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "　" || $0 == "," })
            guard !words.isEmpty else { continue }
            count += 1
            // The number may have spaces inside (issue 20 item 13); an area word, if any, is last.
            var area = LineArea.east
            var numberWords = words
            if words.count >= 2, let a = LineArea(word: String(words[words.count - 1])) {
                area = a
                numberWords.removeLast()
            }
            guard let number = LineNumber(numberWords.joined()) else {
                problems[i] = .format
                continue
            }
            if let first = seen[number] {
                problems[i] = .duplicate(ofLine: first + 1)
                continue
            }
            seen[number] = i
            if count > maximum {
                problems[i] = .overLimit
                continue
            }
            entries.append(LineEntry(number: number, area: area))
        }
        return (problems, entries)
    }
}
