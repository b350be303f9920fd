import CNcursesw
import MonbanTUI

/// One read from curses: a character (`wget_wch` returned OK) or a key code
/// (`KEY_CODE_YES`).
enum RawKey: Equatable {
    case char(UInt32)
    case code(Int32)
}

/// What the decoder hands the loop.
enum InputEvent: Equatable {
    case key(KeyEvent)
    /// KEY_RESIZE: the loop asks curses for the new size.
    case resize
    /// The terminal's answer to the cursor-position question (`ESC [ row ; column R`), which
    /// the client asks after the first paint (issue 22 item 4, TerminalProbe).
    case cursorReport(row: Int, column: Int)
}

/// Turns curses reads into `KeyEvent`s: escape handling, bracketed paste,
/// control keys. Pure apart from the `read` closure, so it can be tested.
///
/// Alt/Meta: terminals send Alt+key as ESC followed at once by the key. The
/// ESC is dropped and the key delivered alone (so Alt+x never acts as
/// Escape). Escape sequences curses does not know (CSI `ESC [ … final`, SS3
/// `ESC O x`) are swallowed whole rather than typed into a field.
struct InputDecoder {
    /// Key codes bound (with `define_key`) to ESC[200~ and ESC[201~.
    var pasteStart: Int32
    var pasteEnd: Int32
    /// terminfo name of an extended key code (above KEY_MAX), e.g. "kRIT5".
    var extendedName: (Int32) -> String? = { _ in nil }

    static let pasteLimit = 100_000
    /// How many empty 200 ms polls end a paste whose end marker never came.
    static let pasteIdlePolls = 10

    private var pushedBack: [RawKey] = []

    init(pasteStart: Int32, pasteEnd: Int32) {
        self.pasteStart = pasteStart
        self.pasteEnd = pasteEnd
    }

    /// Reads until one event is decoded, or returns nil when `read` times out
    /// (or `interrupted` says to stop a paste). `read(ms)` returns nil on a
    /// timeout; `ms` is 0 for "only if already there".
    mutating func next(timeoutMs: Int32, read: (Int32) -> RawKey?, interrupted: () -> Bool) -> InputEvent? {
        while true {
            let raw: RawKey
            if !pushedBack.isEmpty {
                raw = pushedBack.removeFirst()
            } else if let r = read(timeoutMs) {
                raw = r
            } else {
                return nil
            }
            if let event = decode(raw, read: read, interrupted: interrupted) { return event }
            // Ignored key: read on, but never block longer than one poll.
            if pushedBack.isEmpty, interrupted() { return nil }
        }
    }

    private mutating func decode(_ raw: RawKey, read: (Int32) -> RawKey?, interrupted: () -> Bool) -> InputEvent? {
        switch raw {
        case .char(27):
            return decodeEscape(read: read)
        case .char(let c):
            return Self.decodeChar(c).map(InputEvent.key)
        case .code(let code):
            if code == pasteStart { return collectPaste(read: read, interrupted: interrupted) }
            if code == pasteEnd { return nil }
            if code == KEY_RESIZE { return .resize }
            return decodeCode(code).map(InputEvent.key)
        }
    }

    private mutating func decodeEscape(read: (Int32) -> RawKey?) -> InputEvent? {
        // curses has already waited ESCDELAY for a known sequence; whatever
        // follows at once belongs to this ESC.
        guard let next = read(0) else { return .key(.escape) }
        switch next {
        case .char(91):  // "[": CSI, ends at a byte 0x40...0x7E
            var bytes: [UInt8] = [0x1B, 0x5B]
            for _ in 0..<32 {
                guard case .char(let c)? = read(0), c < 0x80 else { return nil }
                bytes.append(UInt8(c))
                if (0x40...0x7E).contains(c) { break }
            }
            // A cursor-position report is the terminal's answer, not a key.
            if bytes.last == UInt8(ascii: "R"), let report = TerminalProbe.reports(in: bytes).first {
                return .cursorReport(row: report.row, column: report.column)
            }
            // An editing key curses did not decode for this TERM (issue 20 item 6).
            guard let final = bytes.last, (0x40...0x7E).contains(final), bytes.count > 2 else { return nil }
            return Self.decodeCSI(Array(bytes.dropFirst(2))).map(InputEvent.key)
        case .char(79):  // "O": SS3, one more byte
            guard case .char(let c)? = read(0), c < 0x80 else { return nil }
            return Self.decodeSS3(UInt8(c)).map(InputEvent.key)
        case .char(27):
            pushedBack.append(next)
            return .key(.escape)
        case .code(let code) where code == pasteStart || code == KEY_RESIZE:
            pushedBack.append(next)
            return .key(.escape)
        case .char(let c):
            return Self.decodeChar(c).map(InputEvent.key)  // Alt+key: the key
        case .code(let code):
            return decodeCode(code).map(InputEvent.key)
        }
    }

    private mutating func collectPaste(read: (Int32) -> RawKey?, interrupted: () -> Bool) -> InputEvent? {
        var scalars = String.UnicodeScalarView()
        var kept = 0
        var afterCR = false
        var idle = 0
        // Keep a margin for combining marks; trimmed to whole characters below.
        let scalarLimit = Self.pasteLimit * 4
        func add(_ s: Unicode.Scalar) {
            if kept < scalarLimit {
                scalars.append(s)
                kept += 1
            }
        }
        loop: while true {
            let raw: RawKey
            if !pushedBack.isEmpty {
                raw = pushedBack.removeFirst()
            } else if let r = read(200) {
                raw = r
            } else {
                idle += 1
                if idle >= Self.pasteIdlePolls || interrupted() { break }
                continue
            }
            idle = 0
            switch raw {
            case .code(let code):
                if code == pasteEnd { break loop }
                if code == KEY_ENTER { add("\n") }
                afterCR = false
            case .char(13):
                add("\n")
                afterCR = true
            case .char(10):
                if !afterCR { add("\n") }
                afterCR = false
            case .char(9):
                add("\t")
                afterCR = false
            case .char(let c):
                afterCR = false
                if c < 0x20 || (0x7F...0x9F).contains(c) { continue }
                if let s = Unicode.Scalar(c) { add(s) }
            }
        }
        guard !scalars.isEmpty else { return nil }
        let text = String(scalars)
        return .key(.paste(text.count > Self.pasteLimit ? String(text.prefix(Self.pasteLimit)) : text))
    }

    /// A CSI sequence curses did not decode for this TERM (its bytes after `ESC [`, the final
    /// byte last): the editing keys as common terminals, tmux and screen send them, whatever
    /// the terminfo entry says (issue 20 item 6). `ESC[1~`/`ESC[7~`/`ESC[H` are Home,
    /// `ESC[4~`/`ESC[8~`/`ESC[F` End; a modifier (`ESC[1;5H`) is ignored. Others: nil.
    static func decodeCSI(_ body: [UInt8]) -> KeyEvent? {
        guard let final = body.last else { return nil }
        let parameters = String(decoding: body.dropLast(), as: UTF8.self).split(separator: ";").map(String.init)
        if let key = cursorKey(final) { return key }
        switch final {
        case UInt8(ascii: "Z"): return parameters.isEmpty ? .backTab : nil
        case UInt8(ascii: "~"):
            switch parameters.first {
            case "1", "7": return .home
            case "4", "8": return .end
            case "2": return .insert
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            default: return nil
            }
        default: return nil
        }
    }

    /// An SS3 sequence (`ESC O x`) curses did not decode: arrows, Home and End in the
    /// terminal's application mode. Others (keypad digits, F1–F4 are known to curses): nil.
    static func decodeSS3(_ byte: UInt8) -> KeyEvent? {
        byte == UInt8(ascii: "M") ? .enter : cursorKey(byte)
    }

    /// The final letter both CSI and SS3 use for the arrows, Home and End.
    static func cursorKey(_ letter: UInt8) -> KeyEvent? {
        switch letter {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        default: nil
        }
    }

    /// A character from `wget_wch` (not ESC).
    static func decodeChar(_ c: UInt32) -> KeyEvent? {
        switch c {
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(c) + 96)))
        case 0, 28...31, 0x80...0x9F: return nil
        default:
            guard let s = Unicode.Scalar(c) else { return nil }
            return .character(Character(s))
        }
    }

    /// A key code from `wget_wch` (KEY_CODE_YES).
    func decodeCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME, KEY_SHOME, KEY_A1, KEY_FIND, KEY_BEG: return .home
        case KEY_END, KEY_SEND, KEY_C1, KEY_SELECT: return .end
        case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_SNEXT, KEY_C3: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC, KEY_SDC: return .delete
        case KEY_IC, KEY_SIC: return .insert
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case shim_key_f(1)...shim_key_f(12): return .function(Int(code - shim_key_f(0)))
        default:
            guard code > KEY_MAX, let name = extendedName(code) else { return nil }
            // Modified keys from terminfo's extended names: kRIT5 is Ctrl+Right.
            let table: [(String, KeyEvent)] = [
                ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home),
                ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown), ("kDC", .delete), ("kIC", .insert),
            ]
            for (prefix, event) in table where name.hasPrefix(prefix) {
                let rest = name.dropFirst(prefix.count)
                if rest.allSatisfy(\.isNumber) { return event }
            }
            return nil
        }
    }
}
