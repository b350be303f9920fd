import Glibc
import MonbanCore

/// The audit chain's head after each command that appended to it, in the system log
/// (syslog(3), facility auth, identifier "monban"; the systemd journal takes it from
/// there): `audit head db=PATH count=N hash=HEX` (issue 19 finding 9). The log is the
/// operator's and root's, outside the database, so whoever rewrites the database cannot take
/// back what it recorded; `monban audit --verify --anchor-from-journal` reads the last one.
struct SyslogAnchors: AuditAnchorSink {
    static let identifier = "monban"

    func record(_ anchor: AuditAnchor, database: String) {
        let line = Self.line(anchor, database: database)
        // vsyslog with "%s": the path is data, never a format.
        Self.identifier.withCString { ident in
            openlog(ident, LOG_PID, LOG_AUTH)
            withVaList([line]) { vsyslog(LOG_INFO, "%s", $0) }
            closelog()
        }
    }

    static func line(_ anchor: AuditAnchor, database: String) -> String {
        "audit head db=\(database) count=\(anchor.count) hash=\(anchor.description.split(separator: ":").last ?? "")"
    }

    /// The last head the journal recorded for `database`, read with journalctl; nil when
    /// there is none (or no journal).
    static func lastFromJournal(database: String) throws -> AuditAnchor? {
        let prefix = "audit head db=\(database) count="
        var last: AuditAnchor?
        for line in try journalLines() where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count).split(separator: " ")
            guard rest.count == 2, rest[1].hasPrefix("hash=") else { continue }
            if let anchor = AuditAnchor("\(rest[0]):\(rest[1].dropFirst(5))") { last = anchor }
        }
        return last
    }

    private static func journalLines() throws -> [String] {
        let command = "journalctl --no-pager -o cat -t \(identifier) 2>/dev/null"
        guard let pipe = popen(command, "r") else { throw CLIFailure("journalctl could not be started") }
        var out: [String] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), pipe) != nil {
            var line = String(cString: buffer)
            if line.hasSuffix("\n") { line.removeLast() }
            out.append(line)
        }
        let status = pclose(pipe)
        if status != 0 && out.isEmpty { throw CLIFailure("journalctl found no journal (status \(status)); give the anchor with --anchor COUNT:HASH") }
        return out
    }
}
