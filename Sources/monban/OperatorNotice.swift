import Glibc
import Synchronization

/// What the client has to tell the operator, never the person at the screen (issue 19
/// finding 1). Standard error that is not a terminal (a journal, a log file) gets it at
/// once; standard error that is the terminal the screen is drawn on gets it when the
/// client leaves the screen, where it stays readable.
enum OperatorNotice {
    /// The outbox of a database that is not the demo's has no way out.
    static let undelivered = "messages will wait in the outbox: no [smtp] or [sms] in the configuration; "
        + "'monban deliver' sends them"

    private static let held = Mutex<(notices: [String], flushAtExit: Bool)>(([], false))

    /// Tells the operator `text`, now or once the screen is left.
    static func post(_ text: String) {
        if isatty(STDERR_FILENO) == 1 {
            // Written at exit, however the client ends (F10, Ctrl-C, SIGTERM): after the
            // terminal is restored.
            let first = held.withLock { held in
                held.notices.append(text)
                defer { held.flushAtExit = true }
                return !held.flushAtExit
            }
            if first { atexit { OperatorNotice.flush() } }
        } else {
            write("monban: \(text)\n")
        }
    }

    /// Writes what waited for the screen to be left.
    static func flush() {
        for text in held.withLock({ held in defer { held.notices = [] }; return held.notices }) {
            write("monban: \(text)\n")
        }
    }

    private static func write(_ line: String) {
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
