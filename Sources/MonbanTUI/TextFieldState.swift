/// A one-line text field: cursor, insert, delete, Home/End, a maximum length in
/// characters. Control characters and newlines never enter it.
public struct TextFieldState: Sendable, Equatable {
    public private(set) var characters: [Character] = []
    public private(set) var cursor = 0
    public let maxLength: Int
    /// Masked (password); `revealed` shows it (the manual's eye icon).
    public let secure: Bool
    public var revealed = false
    /// Why the last key or paste was not taken whole, for the screen to say so.
    public enum Refusal: Sendable, Equatable {
        /// Characters past `maxLength`.
        case tooLong
        /// Control characters, newlines or invisible characters.
        case notPrintable
        /// Anything but a digit in a field of digits.
        case notADigit
    }
    /// A field of digits (a code): full-width digits are taken as ASCII, spaces and hyphens
    /// (as codes are sometimes written or pasted) are left out, anything else refused.
    public let digitsOnly: Bool
    public private(set) var refused: Refusal?
    /// The whole text is selected (after a refusal): the next character or paste replaces it,
    /// Backspace or Delete clears it, a cursor key keeps it for editing.
    public private(set) var selectedAll = false

    public init(maxLength: Int, secure: Bool = false, digitsOnly: Bool = false, text: String = "") {
        self.maxLength = maxLength
        self.secure = secure
        self.digitsOnly = digitsOnly
        insert(text)
    }

    public var text: String { String(characters) }

    public mutating func set(_ text: String) {
        characters = []
        cursor = 0
        insert(text)
    }

    /// Inserts at the cursor what fits; returns false when something was dropped.
    @discardableResult
    public mutating func insert(_ text: String) -> Bool {
        var dropped = false
        refused = nil
        for var ch in text {
            if digitsOnly {
                if ch == " " || ch == "　" || ch == "-" { continue }
                if let s = ch.unicodeScalars.first, ch.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(s.value),
                   let ascii = Unicode.Scalar(s.value - 0xFF10 + 0x30) {
                    ch = Character(ascii)
                }
                guard ch.isASCII, ch.isNumber else {
                    dropped = true
                    refused = refused ?? .notADigit
                    continue
                }
            }
            // Every line break, not only "\n": U+2028, U+2029 (Unicode's own line and
            // paragraph separators, in text pasted from some editors) are not control
            // characters, but a one-line field must not hold them either (issue 9 fuzzing).
            if ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || ch.isNewline {
                dropped = true
                refused = refused ?? .notPrintable
                continue
            }
            if DisplayWidth.of(ch) == 0 && ch.unicodeScalars.count == 1 && ch != " " {
                dropped = true
                refused = refused ?? .notPrintable
                continue
            }
            guard characters.count < maxLength else {
                dropped = true
                refused = .tooLong
                break
            }
            characters.insert(ch, at: cursor)
            cursor += 1
        }
        return !dropped
    }

    /// Selects the whole text, so that typing the code again replaces it rather than adding
    /// to it; the cursor goes after it, for adding what is missing with a cursor key first.
    public mutating func selectAll() {
        selectedAll = !characters.isEmpty
        cursor = characters.count
    }

    /// Handles an editing key; returns whether it was one.
    public mutating func handle(_ key: KeyEvent) -> Bool {
        refused = nil
        if selectedAll {
            selectedAll = false
            switch key {
            case .character, .paste, .backspace, .delete, .control("d"):
                set("")
                if case .backspace = key { return true }
                if case .delete = key { return true }
                if case .control("d") = key { return true }
            default:
                break
            }
        }
        switch key {
        case .character(let c): insert(String(c))
        case .paste(let s):
            let flat = s.replacingNewlines()
            insert(flat)
            if refused == nil, flat.count != s.count { refused = .notPrintable }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            characters.removeLast(characters.count - cursor)
        default:
            return false
        }
        return true
    }

    /// What is drawn: the text, or one "*" per character when masked.
    public var displayed: [Character] {
        secure && !revealed ? Array(repeating: "*", count: characters.count) : characters
    }
}

extension String {
    func replacingNewlines() -> String {
        var out = ""
        for ch in self where !ch.isNewline { out.append(ch) }
        return out
    }
}
