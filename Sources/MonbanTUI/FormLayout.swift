/// Lays a screen's items out as lines at a content width and draws them (UI-1,
/// UI-3): the title, wrapped texts, fields as boxes, buttons, links, notes.
/// When the lines do not fit, the form scrolls so the focused item shows.
public enum FormLayout {
    struct Segment {
        var text: String
        var style: Style
    }

    struct Line<ID: ControlIdentifier> {
        var segments: [Segment] = []
        var focusID: ID?
        /// Column of the terminal's cursor within the line, on the focused control (AC-1): the
        /// insertion point in a field, the first character of a button, link, check box or row,
        /// so that screen readers, braille displays and magnifiers follow the focus.
        var cursorColumn: Int?
        var indent = 0
    }

    static let fieldWidth = 44

    /// What a focused secret field says after its box: how to show or to hide what was typed.
    public struct SecretHints: Sendable, Equatable {
        public var show: String
        public var hide: String

        public init(show: String, hide: String) {
            self.show = show
            self.hide = hide
        }
    }

    static func lines<ID>(_ items: [FormItem<ID>], form: Form<ID>, width: Int, hints: SecretHints) -> [Line<ID>] {
        var out: [Line<ID>] = []
        for item in items {
            switch item {
            case .title(let t):
                out.append(Line(segments: [Segment(text: t, style: .title)]))
                out.append(Line(segments: [Segment(text: String(repeating: "-", count: min(width, max(DisplayWidth.of(t), 20))), style: .muted)]))
            case .text(let t, let style):
                for l in TextWrap.lines(t, width: width) { out.append(Line(segments: [Segment(text: l, style: style)])) }
            case .gap:
                out.append(Line<ID>())
            case .message(let t, let style):
                for l in TextWrap.lines(t, width: width) { out.append(Line(segments: [Segment(text: l, style: style)])) }
            case .field(let id, let label):
                out.append(Line(segments: [Segment(text: label, style: .normal)]))
                out.append(fieldLine(id: id, form: form, width: width, hints: hints))
            case .inlineField(let id, let label):
                let labelWidth = DisplayWidth.of(label) + 1
                var line = fieldLine(id: id, form: form, width: max(8, width - labelWidth), hints: hints)
                line.segments.insert(Segment(text: label + " ", style: .normal), at: 0)
                line.cursorColumn = line.cursorColumn.map { $0 + labelWidth }
                out.append(line)
            case .checkbox(let id, let label):
                let on = form.checks[id] ?? false
                let focused = form.focus == id
                out.append(Line(segments: [Segment(text: (on ? "[x] " : "[ ] ") + label, style: focused ? .focus : .normal)],
                                focusID: id, cursorColumn: focused ? 0 : nil))
            case .radio(let id, let options):
                let chosen = form.radios[id] ?? 0
                for (i, o) in options.enumerated() {
                    let fid = ID.option(i, of: id)
                    out.append(Line(segments: [Segment(text: (i == chosen ? "(*) " : "( ) ") + o,
                                                       style: form.focus == fid ? .focus : .normal)], focusID: fid,
                                    cursorColumn: form.focus == fid ? 0 : nil))
                }
            case .button(let id, let label):
                out.append(Line(segments: [button(id: id, label: label, form: form)], focusID: id,
                                cursorColumn: form.focus == id ? 0 : nil))
            case .buttons(let list):
                // As many buttons on a line as fit; the rest go on the next.
                var line = Line<ID>()
                var used = 0
                for b in list {
                    let segment = button(id: b.id, label: b.label, form: form)
                    let w = DisplayWidth.of(segment.text)
                    if used > 0 && used + 2 + w > width {
                        out.append(line)
                        line = Line<ID>()
                        used = 0
                    }
                    if used > 0 {
                        line.segments.append(Segment(text: "  ", style: .normal))
                        used += 2
                    }
                    if form.focus == b.id {
                        line.focusID = b.id
                        line.cursorColumn = used
                    }
                    line.segments.append(segment)
                    used += w
                }
                out.append(line)
            case .link(let id, let before, let label, let after):
                let focused = form.focus == id
                let all = before + label + after
                if DisplayWidth.of(all) <= width {
                    out.append(Line(segments: [
                        Segment(text: before, style: .normal),
                        Segment(text: label, style: focused ? .focus : .link),
                        Segment(text: after, style: .normal),
                    ], focusID: id, cursorColumn: focused ? DisplayWidth.of(before) : nil))
                } else {
                    for (i, l) in TextWrap.lines(all, width: width).enumerated() {
                        out.append(Line(segments: [Segment(text: l, style: focused ? .focus : .link)], focusID: id,
                                        cursorColumn: focused && i == 0 ? 0 : nil))
                    }
                }
            case .note(let heading, let lines):
                out.append(Line(segments: [Segment(text: heading, style: Style(.note, bold: true))]))
                for l in lines {
                    for (j, w) in TextWrap.lines(l, width: max(1, width - 2)).enumerated() {
                        _ = j
                        out.append(Line(segments: [Segment(text: w, style: .note)], indent: 2))
                    }
                }
            case .editor(let id, let marks):
                guard let editor = form.editors[id] else { break }
                let room = max(1, width - 6)
                for r in editor.rows(marks: marks, focused: form.focus == id) {
                    var segments = [Segment(text: r.gutter, style: .muted)]
                    var chars = Array(r.text)
                    var cursor = r.cursor
                    if let c = cursor, c > room - 1 {
                        // The cursor's line scrolls sideways so the cursor stays in view, as in
                        // a field's box: a line wider than the column (64 kanji are 128 columns)
                        // put the cursor past the edge, where it was dropped (issue 9 fuzzing).
                        var before = 0, index = 0
                        while index < chars.count && before < c { before += DisplayWidth.of(chars[index]); index += 1 }
                        var start = 0
                        while start < index && before > room - 1 { before -= DisplayWidth.of(chars[start]); start += 1 }
                        chars.removeFirst(start)
                        cursor = before
                    }
                    var text = String(chars)
                    while DisplayWidth.of(text) > room { text.removeLast() }
                    segments.append(Segment(text: text, style: r.mark == nil ? .normal : .error))
                    if let mark = r.mark {
                        let pad = max(1, 17 - DisplayWidth.of(text))
                        segments.append(Segment(text: String(repeating: " ", count: pad) + "<- " + mark, style: .error))
                    }
                    out.append(Line(segments: segments, focusID: id,
                                    cursorColumn: cursor.map { DisplayWidth.of(r.gutter) + $0 }))
                }
            case .row(let id, let text):
                // A row's parts (split at "\n") on one line when they fit, two spaces apart; else
                // each part on a line of its own, the later ones indented (the 受信箱's subjects,
                // issue 20 item 3). Each line is cut at the width.
                let focused = form.focus == id
                let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let joined = parts.joined(separator: "  ")
                let shown = DisplayWidth.of(joined) <= width ? [joined]
                    : parts.enumerated().map { i, p in i == 0 ? p : "    " + p }
                for (i, part) in shown.enumerated() {
                    var t = part
                    while DisplayWidth.of(t) > width { t.removeLast() }
                    let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(t)))
                    out.append(Line(segments: [Segment(text: t + (focused ? pad : ""), style: focused ? .focus : .normal)],
                                    focusID: id, cursorColumn: focused && i == 0 ? 0 : nil))
                }
            }
        }
        return out
    }

    static func button<ID>(id: ID, label: String, form: Form<ID>) -> Segment {
        Segment(text: "[ \(label) ]", style: form.focus == id ? Style(.focus, bold: true, reverse: true) : Style(.accent, bold: true))
    }

    /// "[text____]" with the visible window of the text around the cursor.
    static func fieldLine<ID>(id: ID, form: Form<ID>, width: Int, hints: SecretHints) -> Line<ID> {
        let state = form.fields[id] ?? TextFieldState(maxLength: 0)
        let focused = form.focus == id
        let revealHint: String = state.secure ? (state.revealed
            ? hints.hide : hints.show) : ""
        let boxWidth = max(4, min(fieldWidth, width - 2 - (focused ? DisplayWidth.of(revealHint) : 0)))
        let chars = state.displayed
        // Choose the first visible character so the cursor stays inside the box.
        var start = 0
        func widthOf(_ a: Int, _ b: Int) -> Int { chars[a..<b].reduce(0) { $0 + DisplayWidth.of($1) } }
        // A running width: measuring the whole prefix again for each dropped character
        // made every paint quadratic in the field's length (254 characters for an address).
        var before = widthOf(0, state.cursor)
        while start < state.cursor && before > boxWidth - 1 {
            before -= DisplayWidth.of(chars[start])
            start += 1
        }
        var shown = ""
        var used = 0
        var i = start
        while i < chars.count {
            let w = DisplayWidth.of(chars[i])
            if used + w > boxWidth { break }
            shown.append(chars[i])
            used += w
            i += 1
        }
        let cursorColumn = 1 + widthOf(start, state.cursor)
        // Selected text (after a refusal, to be typed again) stands out from the focused box.
        let style = focused ? (state.selectedAll ? Style(.accent, bold: true, underline: true) : Style(.focus, underline: true))
            : Style(.normal, underline: true)
        var segments = [
            Segment(text: "[", style: .muted),
            Segment(text: shown + String(repeating: " ", count: max(0, boxWidth - used)), style: style),
            Segment(text: "]", style: .muted),
        ]
        if focused && state.secure { segments.append(Segment(text: revealHint, style: .muted)) }
        return Line(segments: segments, focusID: id, cursorColumn: focused ? cursorColumn : nil)
    }

    /// Draws `items` into the rectangle, scrolling `form.scroll` so the focus shows.
    /// Returns the cursor position: on the focused control, wherever it is (AC-1).
    @discardableResult
    public static func draw<ID>(
        _ items: [FormItem<ID>], form: inout Form<ID>, into canvas: inout Canvas,
        x: Int, y: Int, width: Int, height: Int, hints: SecretHints
    ) -> (x: Int, y: Int)? {
        guard width > 0, height > 0 else { return nil }
        let all = lines(items, form: form, width: width, hints: hints)
        form.scroll = settledScroll(all, form: form, height: height)
        var cursor: (x: Int, y: Int)?
        for row in 0..<height {
            let index = form.scroll + row
            guard index < all.count else { break }
            let line = all[index]
            var col = x + line.indent
            for s in line.segments {
                col += canvas.put(s.text, x: col, y: y + row, style: s.style, limit: x + width - col)
            }
            if let c = line.cursorColumn { cursor = (x + line.indent + c, y + row) }
        }
        if form.scroll > 0 { canvas.put("^", x: x + width - 1, y: y, style: .muted) }
        if form.scroll + height < all.count { canvas.put("v", x: x + width - 1, y: y + height - 1, style: .muted) }
        return cursor
    }

    /// Where the screen's text stands in a window of `height` lines, as `draw` shows it: the
    /// first line shown and how many lines there are in all.
    public static func viewport<ID>(
        _ items: [FormItem<ID>], form: Form<ID>, width: Int, height: Int, hints: SecretHints
    ) -> (scroll: Int, lines: Int) {
        guard width > 0, height > 0 else { return (0, 0) }
        let all = lines(items, form: form, width: width, hints: hints)
        return (settledScroll(all, form: form, height: height), all.count)
    }

    /// The first line shown: where the person scrolled the text to (PageUp/PageDown; issue 20
    /// item 2), or else moved from `form.scroll` just enough for the focus to show.
    static func settledScroll<ID>(_ all: [Line<ID>], form: Form<ID>, height: Int) -> Int {
        var scroll = form.scroll
        if form.scrollPinned { return max(0, min(scroll, max(0, all.count - height))) }
        // Keep the focused line (and the line under it, for a field's box) in view.
        if let f = form.focus, let first = all.firstIndex(where: { $0.focusID == f }) {
            let last = all.lastIndex(where: { $0.focusID == f }) ?? first
            let top = all[..<first].lastIndex(where: { $0.focusID != nil }).map { $0 + 1 } ?? 0
            if first < scroll { scroll = max(0, min(first, top)) }
            if last >= scroll + height { scroll = last - height + 1 }
            // An item taller than the window (the line-number editor's ten rows at 40×12):
            // the line with the cursor is the one that must show (issue 9 fuzzing).
            if let c = all.firstIndex(where: { $0.focusID == f && $0.cursorColumn != nil }) {
                if c < scroll { scroll = c }
                if c >= scroll + height { scroll = c - height + 1 }
            }
        }
        return max(0, min(scroll, max(0, all.count - height)))
    }
}
