/// Wraps text to a display width (UI-3). Explicit newlines are kept.
///
/// - Japanese breaks between any two characters, with 禁則: closing punctuation and small
///   kana never begin a line (the character before moves down with them), opening
///   brackets never end one.
/// - A run of Latin letters, digits and punctuation (a word, an ID, a URL) is never split
///   while it fits on a line of its own: it moves down whole (issue 20 item 14), and a
///   space is where Latin text breaks.
/// - A run longer than a whole line (a long URL) fills the line and breaks after `/`, `.`,
///   `-`, `?`, `&`, `=` or `_` where it can, else at the edge.
public enum TextWrap {
    /// Characters that must not begin a line (行頭禁則).
    static let noLineStart: Set<Character> = ["、", "。", "，", "．", "」", "』", "）", "】", "〕", "！", "？", "ー", "・", "：", "；", ")", ".", ",", "ッ", "ャ", "ュ", "ョ", "っ", "ゃ", "ゅ", "ょ"]
    /// Characters that must not end a line (行末禁則).
    static let noLineEnd: Set<Character> = ["「", "『", "（", "【", "〔", "("]
    /// Where a run too long for any line may break, after the character.
    static let runBreaks: Set<Character> = ["/", ".", "-", "?", "&", "=", "_"]

    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var filler = Filler(width: width)
            for unit in units(paragraph) { filler.add(unit) }
            out += filler.finish()
        }
        return out
    }

    /// The paragraph as break units: a space, one wide character, or a run of narrow ones.
    static func units(_ paragraph: Substring) -> [String] {
        var units: [String] = []
        var run = ""
        for ch in paragraph {
            let w = DisplayWidth.of(ch)
            if ch == " " {
                if !run.isEmpty { units.append(run); run = "" }
                units.append(" ")
            } else if w == 1 {
                run.append(ch)
            } else if w == 0, !run.isEmpty {
                run.append(ch)
            } else if w == 0, let last = units.popLast() {
                units.append(last + String(ch))
            } else {
                if !run.isEmpty { units.append(run); run = "" }
                units.append(String(ch))
            }
        }
        if !run.isEmpty { units.append(run) }
        return units
    }

    /// Lines being filled, unit by unit.
    struct Filler {
        let width: Int
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        /// The line began at a wrap: spaces there are the break, not indentation.
        var wrapped = false

        init(width: Int) { self.width = width }

        mutating func add(_ unit: String) {
            let w = DisplayWidth.of(unit)
            if unit == " " {
                // A space at the edge is the break itself.
                if lineWidth + 1 > width { newLine(carrying: "") } else if !(wrapped && line.isEmpty) { append(unit) }
                return
            }
            if lineWidth + w <= width {
                append(unit)
                return
            }
            if w <= width {
                newLine(carrying: unit)
                return
            }
            // Longer than any line: fill this one, breaking where a URL can.
            var rest = Substring(unit)
            while !rest.isEmpty && lineWidth + DisplayWidth.of(rest) > width {
                let room = width - lineWidth
                if room < min(8, width), !line.isEmpty {
                    newLine(carrying: "")
                    continue
                }
                let cut = Self.cut(rest, room: room)
                append(String(rest.prefix(cut)))
                rest = rest.dropFirst(cut)
                newLine(carrying: "")
            }
            append(String(rest))
        }

        /// How many characters of `run` to keep on a line with `room` columns.
        static func cut(_ run: Substring, room: Int) -> Int {
            var used = 0, count = 0, best = 0
            for ch in run {
                let w = DisplayWidth.of(ch)
                if used + w > room { break }
                used += w
                count += 1
                if TextWrap.runBreaks.contains(ch) { best = count }
            }
            return best >= max(1, count / 2) ? best : max(1, count)
        }

        mutating func append(_ text: String) {
            line += text
            lineWidth += DisplayWidth.of(text)
        }

        /// Ends the line and starts the next with `unit`, keeping 禁則: a unit that must not
        /// begin a line takes the character before it along; an opening bracket at the end
        /// of the line moves down too.
        mutating func newLine(carrying unit: String) {
            var carried = ""
            if let first = unit.first, TextWrap.noLineStart.contains(first), let last = line.last, last != " " {
                // The unit before: one wide character, or a whole run of narrow ones (an ID).
                var take = 1
                if DisplayWidth.of(last) == 1 {
                    take = line.reversed().prefix { $0 != " " && DisplayWidth.of($0) == 1 }.count
                }
                if take < line.count {
                    carried = String(line.suffix(take))
                    line.removeLast(take)
                }
            }
            while let last = line.last, TextWrap.noLineEnd.contains(last), line.count > 1 {
                line.removeLast()
                carried = String(last) + carried
            }
            lines.append(line)
            line = ""
            lineWidth = 0
            wrapped = true
            append(carried)
            if !(unit == " " && line.isEmpty) { append(unit) }
            // What moved down may itself be wider than the line: fill again.
            if lineWidth > width {
                let text = line
                line = ""
                lineWidth = 0
                for ch in text { add(String(ch)) }
            }
        }

        mutating func finish() -> [String] {
            lines.append(line)
            return lines.map { l in
                var s = l
                while s.last == " " { s.removeLast() }
                return s
            }
        }
    }
}
