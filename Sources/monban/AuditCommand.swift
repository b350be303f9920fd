import MonbanTUI
import ArgumentParser
import Foundation
import MonbanCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Print the audit log, or check its hash chain with --verify.",
        discussion: """
            The chain is keyed with the audit key file beside the database. After every command that adds to the log, its head (the number of entries and the last hash) goes to the system log.

            --verify with --anchor COUNT:HASH, or with --anchor-from-journal, also checks that the log still reaches that head: entries removed from the end, or a log rewritten and recomputed, do not.
            """)

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Check every link of the hash chain and report the first broken one.") var verify = false
    @Option(help: "With --verify: a head recorded earlier (COUNT:HASH) that the log must still reach.")
    var anchor: AuditAnchor?
    @Flag(help: "With --verify: take the anchor from the last head the system journal recorded for this database.")
    var anchorFromJournal = false
    @Flag(help: "Print the log's head now, as COUNT:HASH.") var head = false

    func validate() throws {
        guard verify || (anchor == nil && !anchorFromJournal) else {
            throw ValidationError("--anchor and --anchor-from-journal apply only with --verify.")
        }
        guard anchor == nil || !anchorFromJournal else {
            throw ValidationError("give either --anchor or --anchor-from-journal.")
        }
        guard !(head && verify) else { throw ValidationError("--head and --verify are separate uses.") }
    }

    func run() throws {
        try Monban.guarded {
            let engine = try database.engine()
            if head {
                print(try engine.auditHead()?.description ?? "0:")
                return
            }
            if verify {
                var anchor = self.anchor
                if anchorFromJournal {
                    guard let recorded = try SyslogAnchors.lastFromJournal(database: database.path) else {
                        throw CLIFailure("the journal records no audit head for \(database.path)")
                    }
                    anchor = recorded
                }
                // A progress line on a terminal, nothing on a pipe (issue 22 item 6, PK-1).
                let line = ProgressLine("checking the audit log:", total: Int(try engine.auditHead()?.count ?? 0))
                line.update(0)
                let progress: AuditChainProgress
                do {
                    defer { line.finish() }
                    progress = try engine.verifyAuditInDetail(anchor: anchor, report: { line.update($0) })
                }
                switch progress.result ?? .intact(entries: progress.checked) {
                case .intact(let n):
                    let legacy = progress.legacy > 0 ? " (\(progress.legacy) written before the audit key, unkeyed)" : ""
                    let reached = anchor.map { "; reaches the anchor \($0.count)" } ?? ""
                    print("audit log intact: \(n) entries\(legacy)\(reached)")
                case .broken(let id, let reason):
                    throw CLIFailure("audit log broken at entry \(id): \(reason)")
                }
                return
            }
            let iso = ISO8601DateFormatter()
            var after: Int64 = 0
            while true {
                let page = try engine.auditEntries(after: after, limit: 1000)
                guard let last = page.last else { break }
                for e in page {
                    let who = e.personID.map { "person \($0)" } ?? "-"
                    let contract = e.contractID.map { "contract \($0)" } ?? "-"
                    let line = e.line.isEmpty ? "" : " line \(e.line)"
                    // Every field from the database as inert text (issue 19, finding 10).
                    let fields = [TerminalText.line(e.event), who, contract, TerminalText.line(e.terminal + line),
                                  TerminalText.line(e.detail)]
                    print("\(e.id)\t\(iso.string(from: e.at))\t" + fields.joined(separator: "\t"))
                }
                after = last.id
            }
        }
    }
}
