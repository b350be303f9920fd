import Glibc
import CNcursesw

/// Asking the terminal itself how it draws (PK-1 `monban doctor`; the client's QR choice,
/// issue 22 item 4, PK-1): a block glyph is printed and the terminal is asked where the cursor
/// went (DSR 6, `ESC [ 6 n`, answered `ESC [ row ; column R`). One column further means the
/// glyph takes one cell; two, that the terminal (or its font setting for East Asian
/// ambiguous width) draws it two cells wide, and a QR code of ▀ ▄ █ would not scan.
public enum TerminalProbe {
    /// The glyphs the QR code is drawn with.
    public static let blocks = ["▀", "▄", "█"]

    /// The cursor-position reports in `bytes`, in order.
    public static func reports(in bytes: [UInt8]) -> [(row: Int, column: Int)] {
        var found: [(row: Int, column: Int)] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == 0x1B, bytes[i + 1] == UInt8(ascii: "[") else { i += 1; continue }
            var j = i + 2
            var numbers = [0]
            var digits = 0
            while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == UInt8(ascii: ";") {
                if bytes[j] == UInt8(ascii: ";") {
                    numbers.append(0)
                } else if numbers[numbers.count - 1] < 100_000 {
                    numbers[numbers.count - 1] = numbers[numbers.count - 1] * 10 + Int(bytes[j] - 0x30)
                    digits += 1
                }
                j += 1
            }
            if j < bytes.count, bytes[j] == UInt8(ascii: "R"), numbers.count == 2, digits >= 2 {
                found.append((numbers[0], numbers[1]))
            }
            i = j
        }
        return found
    }

    /// How many cells the terminal on standard input/output draws each of `blocks` with,
    /// printed at the start of the current line (then erased); nil when either is not a
    /// terminal or it did not answer within `timeoutMs` (never waits longer).
    public static func blockWidths(timeoutMs: Int = 500) -> [Int]? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &saved) }
        let probe = blocks.map { "\r" + $0 + "\u{1b}[6n" }.joined() + "\r\u{1b}[K"
        writeAll(probe)
        var answer: [UInt8] = []
        let deadline = monotonicMs() + timeoutMs
        while reports(in: answer).count < blocks.count {
            let left = deadline - monotonicMs()
            guard left > 0 else { break }
            var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let n = poll(&fds, 1, Int32(left))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            var chunk = [UInt8](repeating: 0, count: 256)
            let got = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            guard got > 0 else { break }
            answer.append(contentsOf: chunk[..<got])
        }
        let found = reports(in: answer)
        guard found.count == blocks.count else { return nil }
        // Printed at column 1: the cursor stands one column past the glyph's last cell.
        return found.map { $0.column - 1 }
    }

    /// The client's probe (issue 22 item 4, PK-1): sent after the first paint, its answer read by
    /// the key loop. The glyph goes to column 1 of `row` (1-based) and the cursor comes back
    /// (DECSC/DECRC); the screen's line is drawn again by the caller.
    static func clientProbe(row: Int) -> String {
        "\u{1b}7\u{1b}[\(row);1H▀\u{1b}[6n\u{1b}8"
    }

    /// What the terminal type's terminfo entry says; nil when there is none.
    public static func terminfo(_ term: String) -> (canPlaceCursor: Bool, colors: Int)? {
        var place: Int32 = 0, colors: Int32 = -1
        guard shim_terminfo_facts(term, &place, &colors) == 1 else { return nil }
        return (place != 0, Int(colors))
    }

    /// Whether the C library's character set is UTF-8 under the environment's locale.
    public static var localeIsUTF8: Bool {
        setlocale(LC_CTYPE, "")
        return shim_codeset_is_utf8() != 0
    }

    /// The terminal's size from the kernel (standard output), nil when it is not a terminal.
    public static var size: (width: Int, height: Int)? {
        var rows: Int32 = 0, cols: Int32 = 0
        guard shim_window_size(STDOUT_FILENO, &rows, &cols) == 0, rows > 0, cols > 0 else { return nil }
        return (Int(cols), Int(rows))
    }

    static func writeAll(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }

    static func monotonicMs() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }
}
