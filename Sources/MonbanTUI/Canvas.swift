/// A grid of cells that screens draw into; the terminal draws the grid. It
/// knows display width: a wide character takes its cell and a continuation
/// cell, and is never cut in half at an edge (UI-3). Writes outside the grid
/// are dropped.
public struct Canvas: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// The character drawn here; nil for the right half of a wide character.
        public var character: Character?
        public var style: Style

        public static let blank = Cell(character: " ", style: .normal)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor goes (on the focused control, AC-1), if anywhere.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set {
            if let c = newValue, c.x >= 0, c.y >= 0, c.x < width, c.y < height {
                cursorX = c.x
                cursorY = c.y
            } else {
                cursorX = nil
            }
        }
    }
    private var cursorX: Int?
    private var cursorY = 0
    /// The Linux console in English: text is folded to what its font can draw (UI-4, `ConsoleGlyphs`).
    public var consoleGlyphs = false

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` from (x, y) on one row, clipped at `limit` columns (and at
    /// the right edge). Returns the columns used.
    ///
    /// Every text a screen draws comes through here, data included (names, e-mail
    /// addresses, server messages, audit details, a directory's diagnostic, message
    /// bodies): a control character (C0, DEL, C1), a bidi control or a line or paragraph
    /// separator is drawn as its inert escape (`\u{1B}`, `TerminalText.line`), so the
    /// terminal never receives it and the reader sees it was there (issue 19 finding 10).
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, limit: Int? = nil)
        -> Int
    {
        if text.unicodeScalars.contains(where: TerminalText.isUnsafe) {
            return put(TerminalText.line(String(text)), x: x, y: y, style: style, limit: limit)
        }
        guard y >= 0, y < height else { return 0 }
        let right = limit.map { min(width, x + $0) } ?? width
        var col = x
        // Most text on a screen is ASCII, kana and kanji, where every scalar is a character
        // of its own: walking the scalars gives the same cells without breaking graphemes.
        if !consoleGlyphs, text.unicodeScalars.allSatisfy({ Self.standsAlone($0.value) }) {
            for scalar in text.unicodeScalars {
                let w = DisplayWidth.of(scalar)
                if w == 0 { continue }
                if col + w > right { break }
                if col >= 0 {
                    setCell(col, y, Cell(character: Character(scalar), style: style))
                    if w == 2 { setCell(col + 1, y, Cell(character: nil, style: style)) }
                }
                col += w
            }
            return max(0, col - x)
        }
        let folded: String? = consoleGlyphs && !text.allSatisfy(ConsoleGlyphs.isDrawable)
            ? text.map(ConsoleGlyphs.fold).joined() : nil
        for ch in folded.map({ Substring($0) }) ?? Substring(text) {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > right { break }
            if col >= 0 {
                setCell(col, y, Cell(character: ch, style: style))
                if w == 2 { setCell(col + 1, y, Cell(character: nil, style: style)) }
            }
            col += w
        }
        return max(0, col - x)
    }

    /// Whether a scalar is always a character (grapheme cluster) of its own: printable ASCII,
    /// Latin-1 and Latin Extended letters, punctuation, arrows, box drawing, CJK punctuation,
    /// kana, CJK ideographs and full-width forms; no combining, joining or prepended scalar,
    /// no Hangul jamo, no regional indicator, no control (checked against the Character
    /// breaking of every such scalar next to each kind).
    static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2190...0x21FF, 0x2500...0x25FF, 0x3001...0x3029,
             0x3041...0x3096, 0x30A1...0x30FE, 0x4E00...0x9FFF, 0xFF01...0xFF60:
            return true
        default:
            return false
        }
    }

    /// Fills a rectangle with spaces of `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .normal) {
        let rows = max(0, y), rowEnd = min(height, y + h)
        let cols = max(0, x), colEnd = min(width, x + w)
        guard rows < rowEnd, cols < colEnd else { return }
        for row in rows..<rowEnd {
            for col in cols..<colEnd {
                setCell(col, row, Cell(character: " ", style: style))
            }
        }
    }

    private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        // Overwriting half of a wide character blanks its other half (unless this
        // is the new wide character's own right half, written just after it).
        if cell.character != nil, cells[i].character == nil, x > 0,
           cells[i - 1].character.map({ DisplayWidth.of($0) == 2 }) == true {
            cells[i - 1] = Cell(character: " ", style: cells[i - 1].style)
        }
        if let c = cells[i].character, DisplayWidth.of(c) == 2, x + 1 < width, cell.character.map({ DisplayWidth.of($0) }) != 2 {
            cells[i + 1] = Cell(character: " ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// The grid as plain text, one line per row, trailing spaces removed: the
    /// storyboard's format.
    public var text: String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                if let c = self[x, y].character { line.append(c) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func == (a: Canvas, b: Canvas) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX
            && a.cursorY == b.cursorY
    }
}
