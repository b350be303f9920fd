import Glibc
import CNcursesw
import MonbanTUI

/// How each `Style.Role` is drawn: attributes, and a colour pair (0: none).
struct Palette {
    var attributes: [attr_t]
    var pairs: [Int16]

    /// Colour: roles get colours (on the terminal's own background) plus an
    /// attribute or two. Monochrome: attributes alone.
    static func make(color: Bool) -> Palette {
        let bold = shim_a_bold(), reverse = shim_a_reverse(), underline = shim_a_underline(), dim = shim_a_dim()
        var attributes = [attr_t](repeating: shim_a_normal(), count: Style.Role.allCases.count)
        var pairs = [Int16](repeating: 0, count: Style.Role.allCases.count)
        func set(_ role: Style.Role, _ attr: attr_t, _ pair: Int16 = 0) {
            attributes[Int(role.rawValue)] = attr
            pairs[Int(role.rawValue)] = color ? pair : 0
        }
        if color {
            set(.title, bold, 1)
            set(.accent, shim_a_normal(), 2)
            set(.error, bold, 3)
            set(.note, shim_a_normal(), 4)
            set(.success, shim_a_normal(), 5)
            // QR codes: black on white whatever the terminal's colours (TF-3); never bold,
            // which many terminals draw grey.
            set(.qr, shim_a_normal(), 6)
        } else {
            set(.title, bold)
            set(.accent, underline)
            set(.error, bold)
            set(.success, bold)
            // QR codes without colour (NO_COLOR, a monochrome terminal): reverse video, which is
            // not colour, makes the code dark on light on the usual light-on-dark terminal; many
            // scanners refuse a code light on dark (TF-3, issue 20 item 11). `look` inverts it
            // again for the fallback's reverse-video modules.
            set(.qr, reverse)
        }
        set(.focus, reverse)
        set(.inverse, reverse)
        set(.muted, dim)
        return Palette(attributes: attributes, pairs: pairs)
    }

    /// Defines the pairs `make(color: true)` uses. Returns false when the
    /// terminal cannot.
    static func startColors() -> Bool {
        guard has_colors(), start_color() != ERR else { return false }
        let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
        let foregrounds: [Int32] = [COLOR_CYAN, COLOR_CYAN, COLOR_RED, COLOR_YELLOW, COLOR_GREEN]
        guard shim_color_pairs() > foregrounds.count + 1 else { return false }
        for (i, fg) in foregrounds.enumerated() {
            init_pair(Int16(i + 1), Int16(fg), background)
        }
        init_pair(Int16(foregrounds.count + 1), Int16(COLOR_BLACK), Int16(COLOR_WHITE))
        return true
    }

    func look(_ style: Style) -> (attr_t, Int16) {
        var attr = attributes[Int(style.role.rawValue)]
        if style.bold { attr |= shim_a_bold() }
        if style.reverse {
            // A QR module drawn in reverse is dark: on the monochrome code's reverse-video ground
            // that is the terminal's own background again.
            attr = style.role == .qr ? attr ^ shim_a_reverse() : attr | shim_a_reverse()
        }
        if style.underline { attr |= shim_a_underline() }
        return (attr, pairs[Int(style.role.rawValue)])
    }
}

enum TerminalSetupError: Error {
    case newtermFailed
    /// The terminal type has no way to move the cursor (TERM=dumb).
    case cannotPlaceCursor
}

/// One curses session on stdin/stdout: drawing canvases by difference, reading
/// keys. Only this file and Signals.swift call curses.
final class CursesScreen {
    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let palette: Palette
    /// Key codes of the bracketed-paste markers; set by `prepareInput()`.
    private(set) var pasteStart: Int32 = 0
    private(set) var pasteEnd: Int32 = 0
    let usesPasteMode: Bool
    private var inputReady = false

    private var previous: Canvas?
    private var needsClear = false
    private var cursorShown: Bool?
    private let cellText = UnsafeMutablePointer<wchar_t>.allocate(capacity: 8)

    init(useColor: Bool, bracketedPaste: Bool) throws {
        guard let screen = newterm(nil, shim_stdout(), shim_stdin()) else { throw TerminalSetupError.newtermFailed }
        set_term(screen)
        guard shim_can_place_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalSetupError.cannotPlaceCursor
        }
        self.screen = screen
        window = shim_stdscr()
        cursesActive = 1
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        set_escdelay(25)
        _ = shim_disable_ixon_iexten(STDIN_FILENO)
        def_prog_mode()  // so curses restores the IXON change after a suspend too

        palette = Palette.make(color: useColor && Palette.startColors())
        usesPasteMode = bracketedPaste

        // Until its first endwin, ncurses flushes its output at every cursor movement (a
        // heuristic for programs that use only its terminfo layer), which cut every paint
        // into a write per changed line (≈ 20 for the first). Leaving once, before anything
        // is drawn, puts it in its usual state: the next refresh comes back (the modes above,
        // kept by def_prog_mode) and writes each paint in one go. What it sends now (into
        // the alternate screen and out again, the cursor restored) changes nothing on the
        // terminal.
        endwin()
    }

    /// Key decoding (keypad mode and its table of terminfo keys) and bracketed paste: set up
    /// right after the first paint, before any key is read (issue 9: the table costs about
    /// 0.1 ms, and nothing reads a key before the screen is there). Later calls do nothing.
    func prepareInput() {
        guard !inputReady else { return }
        inputReady = true
        keypad(window, true)

        // Two key codes nothing else uses, for the bracketed-paste markers.
        var code = KEY_MAX + 0x200
        while has_key(code) != 0 || has_key(code + 1) != 0 { code += 2 }
        _ = define_key("\u{1b}[200~", code)
        _ = define_key("\u{1b}[201~", code + 1)
        let start = key_defined("\u{1b}[200~"), end = key_defined("\u{1b}[201~")
        pasteStart = start > 0 ? start : code
        pasteEnd = end > 0 ? end : code + 1

        if usesPasteMode {
            writeRaw(pasteOnSequence)
            pasteModeOn = 1
        }
    }

    deinit {
        cellText.deallocate()
    }

    var size: (width: Int, height: Int) {
        (max(0, Int(shim_maxx(window))), max(0, Int(shim_maxy(window))))
    }

    /// Asks the terminal how wide it draws ▀ (issue 22 item 4, PK-1): the glyph at column 1 of the
    /// last line, the cursor-position question, the cursor put back, and that line drawn again
    /// at once from curses's copy. The answer arrives later with the keys (`cursorReport`).
    /// Returns the 1-based row the glyph went to.
    func sendBlockProbe() -> Int {
        let row = max(1, size.height)
        TerminalProbe.writeAll(TerminalProbe.clientProbe(row: row))
        wredrawln(window, Int32(row - 1), 1)
        wrefresh(window)
        return row
    }

    /// Everything is drawn again on the next paint; with `clear`, the terminal
    /// is cleared first (after a resize or a suspend).
    func invalidate(clear: Bool) {
        previous = nil
        if clear { needsClear = true }
    }

    /// One read: a character or a key code. Bytes come from `wgetch` and are
    /// decoded as UTF-8 here rather than by `wget_wch`, which on an invalid
    /// sequence swallows up to 16 of the bytes after it — whatever was typed
    /// next. Here an invalid byte is dropped alone and decoding picks up at the
    /// next byte that can start a character.
    func readRaw(timeoutMs: Int32) -> RawKey? {
        guard let first = nextInput(timeoutMs) else { return nil }
        guard case .byte(let lead) = first else {
            if case .code(let c) = first { return .code(c) }
            return nil
        }
        if lead < 0x80 { return .char(UInt32(lead)) }
        var need: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: need = 1; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: need = 2; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: need = 3; value = UInt32(lead & 0x07)
        default: return nil  // a stray continuation byte, 0xC0/0xC1 or 0xF5…0xFF: dropped
        }
        let length = need + 1
        while need > 0 {
            // The rest of a character arrives with it; a cut one is dropped.
            guard let next = nextInput(25) else { return nil }
            guard case .byte(let b) = next, b & 0xC0 == 0x80 else {
                pendingInput.append(next)  // not a continuation: it starts what comes next
                return nil
            }
            value = value << 6 | UInt32(b & 0x3F)
            need -= 1
        }
        // No overlong forms, no surrogates, nothing past U+10FFFF.
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return .char(value)
    }

    private enum Input {
        case byte(UInt8)
        case code(Int32)
    }

    /// Input read ahead while decoding and not used yet.
    private var pendingInput: [Input] = []

    private func nextInput(_ timeoutMs: Int32) -> Input? {
        if !pendingInput.isEmpty { return pendingInput.removeFirst() }
        wtimeout(window, timeoutMs)
        let c = wgetch(window)
        if c == ERR { return nil }
        if c >= 0 && c <= 0xFF { return .byte(UInt8(c)) }
        return .code(c)
    }

    static func keyName(_ code: Int32) -> String? {
        keyname(code).map { String(cString: $0) }
    }

    // MARK: Drawing

    func draw(_ canvas: Canvas) {
        let (screenWidth, screenHeight) = size
        let full = previous == nil || previous?.width != canvas.width || previous?.height != canvas.height
        if needsClear {
            wclear(window)
            needsClear = false
        } else if full {
            werase(window)
        }
        let width = min(canvas.width, screenWidth), height = min(canvas.height, screenHeight)
        let old = full ? nil : previous
        let plain = Style.normal
        canvas.cells.withUnsafeBufferPointer { cells in
            for y in 0..<height {
                let row = y * canvas.width
                var x = 0
                while x < width {
                    let i = row + x
                    let cell = cells[i]
                    let pairedHalf = x + 1 < canvas.width && cells[i + 1].character == nil
                    var changed = true
                    if let old {
                        changed = old.cells[i] != cell || (pairedHalf && old.cells[i + 1] != cells[i + 1])
                    }
                    guard let character = cell.character else {
                        // A right half with no left half (only at column 0).
                        if changed { put(" ", x: x, y: y, style: cell.style, allowWide: false) }
                        x += 1
                        continue
                    }
                    // After werase/wclear the window already holds plain blanks: a plain space
                    // needs no call (most of a first paint's 1,920 cells).
                    if changed, old == nil, !pairedHalf, cell.style == plain, character == " " {
                        changed = false
                    }
                    if changed {
                        let room = pairedHalf && x + 1 < screenWidth
                        let used = put(character, x: x, y: y, style: cell.style, allowWide: room)
                        if pairedHalf, used < 2, x + 1 < width {
                            put(" ", x: x + 1, y: y, style: cells[i + 1].style, allowWide: false)
                        }
                    }
                    x += pairedHalf ? 2 : 1
                }
            }
        }
        if let cursor = canvas.cursor, cursor.x < screenWidth, cursor.y < screenHeight {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            if cursorShown != true { curs_set(1) }
            cursorShown = true
        } else {
            if cursorShown != false { curs_set(0) }
            cursorShown = false
        }
        wrefresh(window)
        previous = canvas
    }

    /// Draws one character; returns the columns curses advanced (1 or 2).
    /// Characters the C library cannot size as the canvas did become "?".
    @discardableResult
    private func put(_ character: Character, x: Int, y: Int, style: Style, allowWide: Bool) -> Int {
        let (attr, pair) = palette.look(style)
        let scalars = character.unicodeScalars
        let first = scalars.first!
        let width = shim_wcwidth(wchar_t(bitPattern: first.value))
        var n = 0
        var columns = Int(width)
        // A control or bidi character never reaches curses, alone or inside a cluster (the
        // canvas has already made them visible escapes: this is the last guard, finding 10).
        if width < 1 || width > 2 || (width == 2 && !allowWide) || scalars.contains(where: TerminalText.isUnsafe) {
            cellText[0] = wchar_t(UInt8(ascii: "?"))
            n = 1
            columns = 1
        } else {
            for s in scalars {
                let v = wchar_t(bitPattern: s.value)
                if n > 0, shim_wcwidth(v) != 0 { break }
                cellText[n] = v
                n += 1
                if n == Int(CCHARW_MAX) - 1 { break }
            }
        }
        cellText[n] = 0
        if shim_put_cell(window, Int32(y), Int32(x), cellText, attr, pair) == ERR, n > 1 {
            cellText[1] = 0
            _ = shim_put_cell(window, Int32(y), Int32(x), cellText, attr, pair)
        }
        return columns
    }

    // MARK: Leaving

    /// Gives the terminal back (blanked first when `clear`, so nothing is left
    /// on a console without an alternate screen).
    func end(clear: Bool) {
        guard cursesActive != 0 else { return }
        if clear {
            werase(window)
            wmove(window, 0, 0)
            wrefresh(window)
        }
        cursesActive = 0
        endwin()
        if pasteModeOn != 0 {
            pasteModeOn = 0
            writeRaw(pasteOffSequence)
        }
        delscreen(screen)
    }

    /// SIGTSTP: leave curses, stop, and come back repainting everything.
    func suspend() {
        cursesActive = 0
        endwin()
        if pasteModeOn != 0 {
            pasteModeOn = 0
            writeRaw(pasteOffSequence)
        }
        SignalState.stopSelf()
        resumed()
    }

    /// After a stop (ours or SIGSTOP): curses restores its terminal modes on
    /// the next refresh; paste mode and the screen are redone here.
    func resumed() {
        cursesActive = 1
        if usesPasteMode && inputReady {
            writeRaw(pasteOnSequence)
            pasteModeOn = 1
        }
        // The size may have changed while stopped (no SIGWINCH reaches a
        // stopped job): resizeterm queues KEY_RESIZE if it did.
        var rows: Int32 = 0, cols: Int32 = 0
        if shim_window_size(STDOUT_FILENO, &rows, &cols) == 0, rows > 0, cols > 0,
            rows != shim_lines() || cols != shim_cols()
        {
            resizeterm(rows, cols)
        }
        invalidate(clear: true)
    }
}
