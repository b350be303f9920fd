import Glibc

/// A progress line for long work (issue 22 item 6, PK-1): "label 1,200 / 5,000 (24%)" on standard
/// error, drawn over itself, when standard error is a terminal; nothing at all on a pipe or
/// a file, so scripts and logs see only the command's usual output. Drawn at the start and
/// then at most every 100 ms; `finish` erases it.
final class ProgressLine {
    let label: String
    var total: Int?
    private let shown: Bool
    private var drawn = false
    private var lastDraw: Int = 0

    /// `shown` defaults to whether standard error is a terminal.
    init(_ label: String, total: Int? = nil, shown: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = total
        self.shown = shown
    }

    /// The work has reached `done` (of `total`, when known).
    func update(_ done: Int, force: Bool = false) {
        guard shown else { return }
        let now = Self.monotonicMs()
        guard force || !drawn || now - lastDraw >= 100 else { return }
        lastDraw = now
        drawn = true
        Self.write("\r\u{1b}[K" + Self.text(label, done: done, total: total))
    }

    /// Erases the line (when one was drawn), leaving the cursor where the line began.
    func finish() {
        guard shown, drawn else { return }
        drawn = false
        Self.write("\r\u{1b}[K")
    }

    static func text(_ label: String, done: Int, total: Int?) -> String {
        guard let total, total > 0 else { return "\(label) \(grouped(done))" }
        let percent = min(100, done * 100 / total)
        return "\(label) \(grouped(done)) / \(grouped(total)) (\(percent)%)"
    }

    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: i))
            i -= 3
        }
        return digits
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }

    private static func monotonicMs() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }
}
