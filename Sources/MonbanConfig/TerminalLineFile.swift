import Foundation
import MonbanCore

/// The line this machine's terminals are on, for the line-authentication entrance (LG-3,
/// LG-6), which replaces two-step verification. It is read from one fixed system file that
/// no option, environment variable or configuration file can move (issue 19 finding 5):
/// whoever starts the client must not be able to choose it, not even by pointing the client
/// at another root-owned file.
///
/// The file holds one line number (`CAF` and 10 letters or digits, or `COP` and 8; case and
/// spaces do not matter); blank lines and lines starting with `#` are ignored. It must belong
/// to root and be writable by root alone, as must its folder
/// (`Configuration.operatorOnlyProblem`). No file: the internet entrance.
public enum TerminalLineFile {
    /// The only place the line is read from.
    public static let path = "/etc/monban/line"

    /// Why the file cannot be used, said to the operator before the client starts.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { "\(TerminalLineFile.path): \(reason)" }
    }

    /// The line named by the system file, or nil when there is none.
    public static func read() throws(Problem) -> LineNumber? {
        try read(at: path, euid: geteuid())
    }

    /// The same check on another file: for the tests of the rule, not reachable from the binary.
    static func read(at file: String, euid: uid_t) throws(Problem) -> LineNumber? {
        var info = stat()
        guard lstat(file, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Problem(reason: "cannot be read (\(String(cString: strerror(errno))))")
        }
        if let problem = Configuration.operatorOnlyProblem(file, euid: euid) {
            throw Problem(reason: "\(problem): the file and its folder must belong to root and be writable by "
                + "root alone (chown root, chmod go-w)")
        }
        guard case .text(let text) = TextFile.read(file, limit: 4096) else {
            throw Problem(reason: "cannot be read as a short text file")
        }
        return try parse(text)
    }

    /// The one line number of the file's text.
    static func parse(_ text: String) throws(Problem) -> LineNumber {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1, let line = LineNumber(lines[0].filter { $0 != " " }) else {
            throw Problem(reason: "must hold exactly one line number (CAF and 10 letters or digits, or COP and 8)")
        }
        return line
    }
}
