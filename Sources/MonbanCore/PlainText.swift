/// String operations without Foundation's NSString (which is CoreFoundation underneath),
/// used by the engine and the screens instead of `trimmingCharacters(in:)` and
/// `replacingOccurrences(of:with:)`. Same results (PlainTextTests): white space
/// as `CharacterSet.whitespaces` / `.whitespacesAndNewlines` defines it, and a search by
/// characters like NSString's.
extension StringProtocol {
    /// Without leading and trailing tabs and space separators (`CharacterSet.whitespaces`).
    public func trimmingWhitespace() -> String {
        trimming(where: PlainText.isWhitespace)
    }

    /// Without leading and trailing white space and line breaks (`CharacterSet.whitespacesAndNewlines`).
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming { PlainText.isWhitespace($0) || PlainText.isNewline($0) }
    }

    /// Every occurrence of `target` replaced by `replacement`, left to right, without overlaps,
    /// compared character by character as NSString's default search does (an "e" inside "é"
    /// written as e + U+0301 is not an "e").
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        let text = Array(self), needle = Array(target)
        guard !needle.isEmpty, needle.count <= text.count else { return String(self) }
        var out = ""
        var i = 0
        let last = text.count - needle.count
        while i < text.count {
            if i <= last, text[i] == needle[0], text[i..<(i + needle.count)].elementsEqual(needle) {
                out += replacement
                i += needle.count
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    private func trimming(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
              let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}

enum PlainText {
    /// `CharacterSet.whitespaces` as CoreFoundation defines it: the tab, the space separators,
    /// and U+200B ZERO WIDTH SPACE.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The rest of `CharacterSet.whitespacesAndNewlines`: U+000A–000D, U+0085 and the line and
    /// paragraph separators.
    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
