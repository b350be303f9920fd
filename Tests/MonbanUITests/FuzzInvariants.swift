import Foundation
import MonbanCore
@testable import MonbanTUI
@testable import MonbanUI

/// What must hold after every key, on every screen (issue 9 part 2).
enum FuzzInvariants {
    /// The problems of `app` drawn into a canvas of its size; empty when all is well.
    static func check(_ app: App, canvas: Canvas, cells: Bool = true, text: Bool = true) -> [String] {
        var problems: [String] = []
        if app.history.isEmpty { return ["the history is empty"] }
        if app.busy || !app.pending.isEmpty { problems.append("work left undone (busy \(app.busy), \(app.pending.count) pending)") }

        // Focus on a real item (UI-2): nil only when the screen has nothing to focus.
        let items = app.screen.items(app.language, now: app.now)
        let ids = items.flatMap(\.focusIDs)
        let focus = app.screen.form.focus
        if let focus, !ids.contains(focus) {
            problems.append("focus \(focus) is on no item of the screen (\(ids.prefix(12)))")
        } else if focus == nil, !ids.isEmpty {
            problems.append("no focus although the screen has \(ids.count) focusable items")
        }

        // Field limits, on every screen of the history (what Esc goes back to).
        for (depth, screen) in app.history.enumerated() {
            for (id, field) in screen.form.fields {
                let where_ = "screen \(depth) field \(id)"
                if field.characters.count > field.maxLength {
                    problems.append("\(where_): \(field.characters.count) characters, the limit is \(field.maxLength)")
                }
                if field.cursor < 0 || field.cursor > field.characters.count {
                    problems.append("\(where_): cursor \(field.cursor) outside 0…\(field.characters.count)")
                }
                if let bad = field.characters.first(where: isForbidden) {
                    problems.append("\(where_): holds \(String(reflecting: String(bad)))")
                }
            }
            for (id, editor) in screen.form.editors {
                let where_ = "screen \(depth) editor \(id)"
                if editor.lines.count > editor.maxLines {
                    problems.append("\(where_): \(editor.lines.count) lines, the limit is \(editor.maxLines)")
                }
                if let long = editor.lines.firstIndex(where: { $0.count > editor.maxLineLength }) {
                    problems.append("\(where_): line \(long + 1) has \(editor.lines[long].count) characters, the limit is \(editor.maxLineLength)")
                }
                if editor.lines.isEmpty || !editor.lines.indices.contains(editor.row) {
                    problems.append("\(where_): row \(editor.row) of \(editor.lines.count) lines")
                } else if editor.column < 0 || editor.column > editor.lines[editor.row].count {
                    problems.append("\(where_): column \(editor.column) outside line \(editor.row + 1)")
                }
                if editor.row < editor.top || editor.row >= editor.top + editor.pageSize {
                    problems.append("\(where_): row \(editor.row) not on the page from \(editor.top)")
                }
                for line in editor.lines {
                    if let bad = line.first(where: isForbidden) {
                        problems.append("\(where_): holds \(String(reflecting: String(bad)))")
                        break
                    }
                }
            }
        }

        // A store error on a working database is a bug (a query the input broke).
        if let m = app.screen.message?.text, m.hasPrefix(Texts.storeProblem(app.language)) {
            problems.append("a store error on the screen: \(m)")
        }

        if cells { problems += checkCanvas(canvas, text: text) }
        problems += checkCursor(app, canvas: canvas, focusedKind: items.first { item in focus.map { item.focusIDs.contains($0) } ?? false })
        return problems
    }

    /// Characters a field or a line must not hold: control characters, line breaks.
    static func isForbidden(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.properties.generalCategory == .control } || c.isNewline
    }

    /// Nothing drawn outside, nothing cut in half (UI-3): every cell holds a
    /// character of width 1 or 2, a wide one is followed by its continuation;
    /// with `text`, also the text: `height` lines of at most `width` columns.
    static func checkCanvas(_ canvas: Canvas, text: Bool = true) -> [String] {
        var problems: [String] = []
        let (w, h) = (canvas.width, canvas.height)
        let cells = canvas.cells
        if cells.count != w * h { return ["the canvas has \(cells.count) cells for \(w)×\(h)"] }
        var previousWide = false
        for i in 0..<cells.count {
            let x = i % w
            if x == 0 { previousWide = false }
            guard let c = cells[i].character else {
                if !previousWide {
                    problems.append("(\(x),\(i / w)): the right half of no wide character")
                    break
                }
                previousWide = false
                continue
            }
            if previousWide {
                problems.append("(\(x),\(i / w)): \(String(reflecting: String(c))) over the right half of a wide character")
                break
            }
            // Printable ASCII, most of the screen, needs no look-up.
            if let a = c.asciiValue, a >= 0x20, a < 0x7F { continue }
            let cw = DisplayWidth.of(c)
            if cw == 0 || cw > 2 || isForbidden(c) {
                problems.append("(\(x),\(i / w)): \(String(reflecting: String(c))) of width \(cw) on the screen")
                break
            }
            if cw == 2 {
                if x + 1 >= w {
                    problems.append("(\(x),\(i / w)): \(c) cut at the right edge")
                    break
                }
                previousWide = true
            }
        }
        guard text, problems.isEmpty else { return problems }
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        if lines.count != h { problems.append("the text has \(lines.count) lines for a height of \(h)") }
        if let wide = lines.firstIndex(where: { DisplayWidth.of($0) > w }) {
            problems.append("line \(wide) is \(DisplayWidth.of(lines[wide])) columns wide in \(w)")
        }
        return problems
    }

    /// The cursor shows where the focus is (AC-1): in the canvas, never on half a wide
    /// character, inside the form's column; at the insertion point of a focused field or
    /// editor, on a focus-drawn cell of any other focused control.
    static func checkCursor(_ app: App, canvas: Canvas, focusedKind: ScreenItem?) -> [String] {
        let (w, h) = (canvas.width, canvas.height)
        let normal = w >= App.minimumWidth && h >= App.minimumHeight && !app.screen.qrFullScreen
        let typing: Bool = switch focusedKind {
        case .field, .inlineField, .editor: true
        default: false
        }
        let focus = app.screen.form.focus.map { "\($0)" } ?? "nothing"
        guard let c = canvas.cursor else {
            // Text scrolled by the person (PageUp/PageDown, issue 20 item 2) may leave the
            // focused control out of view, and the cursor with it.
            return normal && focusedKind != nil && !app.screen.form.scrollPinned
                ? ["no cursor although \(focus) has the focus"] : []
        }
        var problems: [String] = []
        if !normal { problems.append("a cursor at \(c) on a \(w)×\(h) screen that shows no form") }
        if focusedKind == nil { problems.append("a cursor at \(c) while focus is on \(focus)") }
        if !typing && canvas[c.x, c.y].style.role != .focus {
            problems.append("the cursor at \(c) is not on the focused \(focus)")
        }
        if c.x < 0 || c.y < 0 || c.x >= w || c.y >= h { problems.append("cursor \(c) outside \(w)×\(h)") }
        if canvas[c.x, c.y].character == nil { problems.append("cursor \(c) on the right half of a wide character") }
        // The form's column, as App.render lays it out.
        let frame = app.formFrame(width: w, height: h)
        let (x, columnWidth) = (frame.x, frame.width)
        if c.x < x || c.x > x + columnWidth || c.y < 2 || c.y >= h - 2 {
            problems.append("cursor \(c) outside the form's column x \(x)…\(x + columnWidth), y 2…\(h - 3)")
        }
        return problems
    }
}
