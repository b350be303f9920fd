import MonbanTUI
import ArgumentParser
import Foundation
import MonbanCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Print the audit log, or check its hash chain with --verify.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Check every link of the hash chain and report the first broken one.") var verify = false

    func run() throws {
        try Monban.guarded {
            let engine = try database.engine()
            if verify {
                switch try engine.verifyAudit() {
                case .intact(let n):
                    print("audit log intact: \(n) entries")
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
