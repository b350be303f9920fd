import Foundation
import MonbanTUI

/// One line of `monban doctor` (PK-1, issue 22): what was checked, how it stands, and what
/// to do about it. Written for operators; never holds a secret (a password, a token, a
/// client secret): the checks name configuration keys and files, never their values.
struct DoctorCheck: Encodable, Equatable {
    enum Status: String, Encodable, Comparable {
        case ok = "OK"
        /// Not applicable here (nothing configured for it), or not possible until another
        /// check passes: counts as OK for the exit status.
        case skip = "SKIP"
        case warn = "WARN"
        case fail = "FAIL"

        var rank: Int {
            switch self {
            case .ok, .skip: 0
            case .warn: 1
            case .fail: 2
            }
        }
        static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    /// A stable name for monitoring: "database.mode", "smtp.answers", "provider.google".
    var check: String
    var status: Status
    /// What was found.
    var message: String
    /// What to do; nil when nothing needs doing.
    var action: String?

    init(_ check: String, _ status: Status, _ message: String, action: String? = nil) {
        self.check = check
        self.status = status
        self.message = message
        self.action = action
    }
}

/// The doctor's lines, printed as text or JSON, and the exit status: 0 when every line is
/// OK (or skipped), 1 when the worst is a WARN, 2 when any is a FAIL.
struct DoctorReport: Encodable {
    var checks: [DoctorCheck] = []

    var status: DoctorCheck.Status {
        checks.map(\.status).max() ?? .ok
    }

    var exitStatus: Int32 { Int32(status.rank) }

    mutating func add(_ check: DoctorCheck) { checks.append(check) }
    mutating func add(_ more: [DoctorCheck]) { checks.append(contentsOf: more) }

    private enum Keys: String, CodingKey { case status, checks }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(status, forKey: .status)
        try c.encode(checks, forKey: .checks)
    }

    /// "FAIL  database.mode  …" and, indented under it, what to do. Every text is made inert
    /// (a server's reply can be in it).
    static func text(_ check: DoctorCheck) -> String {
        let head = check.status.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
            + check.check.padding(toLength: max(20, check.check.count + 1), withPad: " ", startingAt: 0)
            + TerminalText.line(check.message)
        guard let action = check.action else { return head }
        return head + "\n" + String(repeating: " ", count: 6) + "→ " + TerminalText.line(action)
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{\"status\":\"FAIL\",\"checks\":[]}" }
        return String(decoding: data, as: UTF8.self)
    }
}
