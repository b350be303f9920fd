/// Wraps text to a display width (UI-3): Japanese breaks between any two
/// characters; Latin text breaks at the last space when there is one. Explicit
/// newlines are kept.
public enum TextWrap {
    /// Characters that must not begin a line (行頭禁則).
    static let noLineStart: Set<Character> = ["、", "。", "，", "．", "」", "』", "）", "】", "〕", "！", "？", "ー", "・", "：", "；", ")", ".", ",", "ッ", "ャ", "ュ", "ョ", "っ", "ゃ", "ゅ", "ょ"]

    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for ch in paragraph {
                let w = DisplayWidth.of(ch)
                if lineWidth + w > width {
                    // Break at the last space if the line has one and the break is not a Japanese one.
                    if ch != " ", let space = line.lastIndex(of: " "), w == 1,
                       line[line.index(after: space)...].allSatisfy({ DisplayWidth.of($0) == 1 }) {
                        let rest = String(line[line.index(after: space)...])
                        out.append(String(line[..<space]))
                        line = rest
                        lineWidth = DisplayWidth.of(rest)
                    } else if noLineStart.contains(ch), let last = line.last, line.count > 1 {
                        // 禁則: punctuation never starts a line; the character before it moves down too.
                        line.removeLast()
                        out.append(line)
                        line = String(last)
                        lineWidth = DisplayWidth.of(last)
                    } else {
                        out.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    if ch == " " && line.isEmpty { continue }
                }
                line.append(ch)
                lineWidth += w
            }
            out.append(line)
        }
        return out.map { l in
            var s = l
            while s.last == " " { s.removeLast() }
            return s
        }
    }
}
