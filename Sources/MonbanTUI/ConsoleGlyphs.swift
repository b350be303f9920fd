/// What the Linux virtual console can draw (UI-4). Its fonts hold 256 or 512
/// glyphs: ASCII everywhere; the QR code's █ in every font, ▀ and ▄ in the
/// kernel's built-in (VGA, code page 437) font and some of Debian's (Uni2-VGA14,
/// Uni2-VGA8, Uni2-VGA28x16, and others), not in console-setup's default
/// Lat15/Uni2-Fixed16 (measured with psfgettable; see the README). Kana and
/// kanji are in none. On the console the English client folds every other
/// character to ASCII, keeping the text's width: punctuation to its ASCII
/// look-alike, anything else (a Japanese name, a mail subject) to "?".
public enum ConsoleGlyphs {
    /// The non-ASCII characters drawn as they are: the QR code's half and full blocks.
    public static let kept: Set<Character> = ["▀", "▄", "█"]

    static let lookAlikes: [Character: String] = [
        "…": "...", "—": "-", "–": "-", "―": "-", "→": "->", "←": "<-", "↑": "^", "↓": "v", "×": "x",
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "・": "-", "　": "  ", "，": ",", "。": ".", "：": ":",
        "（": "(", "）": ")", "「": "\"", "」": "\"", "【": "[", "】": "]",
    ]

    /// `ch` as the console can draw it.
    public static func fold(_ ch: Character) -> String {
        if ch.isASCII || kept.contains(ch) { return String(ch) }
        if let s = lookAlikes[ch] { return s }
        return String(repeating: "?", count: max(1, DisplayWidth.of(ch)))
    }

    /// Whether `ch` needs no folding.
    public static func isDrawable(_ ch: Character) -> Bool { ch.isASCII || kept.contains(ch) }
}
