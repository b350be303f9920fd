/// A multi-line editor (the line-number editor of the 管理コンソール uses it):
/// one entry per line, arrows, Home/End, PageUp/PageDown, insert and delete
/// lines, and a paste of many lines at once. Control characters never enter.
public struct LineEditor: Sendable, Equatable {
    public private(set) var lines: [[Character]] = [[]]
    public private(set) var row = 0
    public private(set) var column = 0
    /// The first line shown.
    public private(set) var top = 0
    public let maxLineLength: Int
    /// Lines beyond the owner's limit are kept (so they can be fixed) and marked
    /// by the owner; beyond `maxLines` (a paste of thousands) they are dropped.
    public let maxLines: Int
    public let pageSize: Int

    public init(text: String = "", maxLineLength: Int = 64, pageSize: Int = 10, maxLines: Int = 1000) {
        self.maxLineLength = maxLineLength
        self.maxLines = max(1, maxLines)
        self.pageSize = max(1, pageSize)
        if !text.isEmpty { insert(text) }
        row = 0
        column = 0
        top = 0
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var lineTexts: [String] { lines.map { String($0) } }

    /// Inserts text at the cursor; newlines split lines.
    public mutating func insert(_ text: String) {
        for ch in text {
            // Any line break starts a new line: U+2028 and U+2029 too, which are not
            // control characters and would otherwise sit inside a line (issue 9 fuzzing).
            if ch.isNewline {
                newline()
                continue
            }
            if ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { continue }
            guard lines[row].count < maxLineLength else { continue }
            lines[row].insert(ch, at: column)
            column += 1
        }
        scrollToCursor()
    }

    public mutating func newline() {
        guard lines.count < maxLines else { return }
        let rest = Array(lines[row][column...])
        lines[row].removeSubrange(column...)
        lines.insert(rest, at: row + 1)
        row += 1
        column = 0
        scrollToCursor()
    }

    public mutating func deleteLine() {
        if lines.count == 1 {
            lines = [[]]
        } else {
            lines.remove(at: row)
            row = min(row, lines.count - 1)
        }
        column = min(column, lines[row].count)
        scrollToCursor()
    }

    /// Handles an editing key; returns whether it was one. Tab and Esc are not:
    /// they belong to the form.
    public mutating func handle(_ key: KeyEvent) -> Bool {
        switch key {
        case .character(let c): insert(String(c))
        case .paste(let s): insert(s)
        case .enter: newline()
        case .left:
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .right:
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .up:
            guard row > 0 else { return false }
            row -= 1
            column = min(column, lines[row].count)
        case .down:
            guard row + 1 < lines.count else { return false }
            row += 1
            column = min(column, lines[row].count)
        case .home: column = 0
        case .end: column = lines[row].count
        case .pageUp:
            row = max(0, row - pageSize)
            column = min(column, lines[row].count)
        case .pageDown:
            row = min(lines.count - 1, row + pageSize)
            column = min(column, lines[row].count)
        case .backspace:
            if column > 0 {
                lines[row].remove(at: column - 1)
                column -= 1
            } else if row > 0, lines[row - 1].count + lines[row].count <= maxLineLength {
                // Joining two lines keeps to the line length like typing does: two long
                // lines are not joined (they made a line past the limit, issue 9 fuzzing).
                column = lines[row - 1].count
                lines[row - 1] += lines[row]
                lines.remove(at: row)
                row -= 1
            }
        case .delete:
            if column < lines[row].count {
                lines[row].remove(at: column)
            } else if row + 1 < lines.count, lines[row].count + lines[row + 1].count <= maxLineLength {
                lines[row] += lines[row + 1]
                lines.remove(at: row + 1)
            }
        case .control("k"): deleteLine()
        case .insert, .control("o"):
            guard lines.count < maxLines else { return true }
            lines.insert([], at: row)
            column = 0
        default:
            return false
        }
        scrollToCursor()
        return true
    }

    mutating func scrollToCursor() {
        if row < top { top = row }
        if row >= top + pageSize { top = row - pageSize + 1 }
    }

    /// Replaces the whole text, the cursor on the first line.
    public mutating func replace(with text: String) {
        lines = [[]]
        row = 0
        column = 0
        top = 0
        insert(text)
        row = 0
        column = 0
        top = 0
    }

    /// One visible row: its line number, text, mark, and the cursor's column in the text.
    public struct Row: Sendable, Equatable {
        public var gutter: String
        public var text: String
        public var mark: String?
        public var cursor: Int?
    }

    /// The `pageSize` visible rows (empty ones below the last line).
    public func rows(marks: [Int: String], focused: Bool) -> [Row] {
        (0..<pageSize).map { i in
            let index = top + i
            guard index < lines.count else { return Row(gutter: "", text: "", mark: nil, cursor: nil) }
            let number = String(index + 1)
            let gutter = String(repeating: " ", count: max(0, 4 - number.count)) + number + " "
            let cursor = focused && index == row ? DisplayWidth.of(String(lines[index][..<column])) : nil
            return Row(gutter: gutter, text: String(lines[index]), mark: marks[index], cursor: cursor)
        }
    }

    /// Draws the visible lines with line numbers and, per line, an optional mark
    /// (a reason the line is bad) at `markColumn`. Returns the cursor position.
    public func draw(
        into canvas: inout Canvas, x: Int, y: Int, width: Int, focused: Bool, marks: [Int: String] = [:]
    ) -> (x: Int, y: Int)? {
        var cursor: (x: Int, y: Int)?
        for i in 0..<pageSize {
            let index = top + i
            guard index < lines.count else { break }
            let number = String(index + 1)
            let gutter = String(repeating: " ", count: max(0, 4 - number.count)) + number + " "
            canvas.put(gutter, x: x, y: y + i, style: .muted)
            let style: Style = marks[index] == nil ? .normal : .error
            let used = canvas.put(String(lines[index]), x: x + 5, y: y + i, style: style, limit: max(0, width - 5))
            if let mark = marks[index] {
                canvas.put("<- " + mark, x: x + 5 + max(used, 16) + 1, y: y + i, style: .error,
                           limit: max(0, width - 5 - max(used, 16) - 1))
            }
            if focused && index == row {
                let col = DisplayWidth.of(String(lines[index][..<column]))
                cursor = (x + 5 + col, y + i)
            }
        }
        return cursor
    }
}
