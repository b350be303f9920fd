/// Text that comes from data — the audit log, the outbox, a server's reply, a name, an
/// e-mail address, a directory's diagnostic — made safe for a terminal (issue 19, finding 10),
/// in one place for the command line and the screens (`Canvas.put` passes every text it
/// draws through `line`, so nothing drawn on a screen can bypass it): an LDAP server's diagnostic, a
/// name or a subject can hold escape sequences (retitle the window, clear the screen,
/// hide the rest with SGR 8) or bidi controls (U+202E turns a line around). Each such
/// character is printed as its inert escape, `\u{1B}`, so the operator sees that it was
/// there and the terminal never acts on it. Removed into view: C0 (U+0000–001F, a newline
/// kept only in a body), DEL, C1 (U+0080–009F), the bidi controls (U+200E, U+200F, U+061C,
/// U+202A–202E, U+2066–2069) and the line and paragraph separators (U+2028, U+2029).
/// `PlainText` (MonbanCore) has white-space rules only, no rule for these characters.
public enum TerminalText {
    /// Whether `scalar` may make a terminal do something other than show a character.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// One line: every unsafe character (newlines and tabs too, which would forge lines
    /// and columns) as its escape.
    public static func line(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// A body of several lines: newlines kept (a CR LF as a newline), the rest as in `line`.
    public static func body(_ text: String) -> String {
        clean(text, keepNewlines: true)
    }

    private static func clean(_ text: String, keepNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let s = pending {
            pending = scalars.next()
            if keepNewlines, s == "\n" || (s == "\r" && pending == "\n") {
                if s == "\r" { pending = scalars.next() }
                out.append("\n")
            } else if isUnsafe(s) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// A line of JSON made by JSONEncoder (which escapes C0 and nothing else): DEL, C1, the
    /// bidi controls and the separators escaped as `\uXXXX` too. JSON's syntax is ASCII, so
    /// they can only be inside strings, where the escape means exactly the same text.
    public static func json(_ encoded: String) -> String {
        guard encoded.unicodeScalars.contains(where: isUnsafe) else { return encoded }
        var out = String.UnicodeScalarView()
        for s in encoded.unicodeScalars {
            if isUnsafe(s) {
                let hex = String(s.value, radix: 16, uppercase: false)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
