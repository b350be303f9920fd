import MonbanTUI
import ArgumentParser
import Foundation
import MonbanCore

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Print the e-mails and SMS the service sent, newest last.",
        discussion: """
            Links and SMS codes are not printed: they are kept sealed with the database's key file until the message is delivered or expires, and a placeholder stands in their place. --reveal prints them while they are kept, for an operator who hands messages over without [smtp] or [sms]; each use is recorded in the audit log.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only messages to this address or number.") var to: String?
    @Flag(help: "Print one JSON object per message and line, with the keys id, kind, to, subject, body, links, sent_at, state, attempts, last_error, delivered_at and sealed.")
    var json = false
    @Flag(help: "Print the links and codes still kept (not yet delivered or expired), recorded in the audit log.")
    var reveal = false

    struct JSONLine: Encodable {
        var kind: String
        var to: String
        var subject: String
        var body: String
        var links: [String]
        var sent_at: String
        var id: Int64
        /// pending, sending, sent or failed (issue 8).
        var state: String
        var attempts: Int
        var last_error: String?
        var delivered_at: String?
        /// Whether its links or code are still kept sealed (issue 19 finding 4).
        var sealed: Bool
    }

    func run() throws {
        try Monban.guarded {
            let engine = try database.engine()
            // Without --reveal no link or code is opened (issue 19 finding 4).
            let messages = reveal ? try engine.revealOutbox(to: to, context: .thisTerminal) : try engine.outbox(to: to)
            let iso = ISO8601DateFormatter()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                for m in messages {
                    let line = JSONLine(kind: m.kind.rawValue, to: m.to, subject: m.subject, body: m.body, links: m.links,
                                        sent_at: iso.string(from: m.sentAt), id: m.id, state: m.state.rawValue,
                                        attempts: m.attempts, last_error: m.lastError,
                                        delivered_at: m.deliveredAt.map { iso.string(from: $0) }, sealed: m.sealed)
                    // Valid JSON, the text exact, nothing a terminal acts on (issue 19, finding 10).
                    print(TerminalText.json(String(decoding: try encoder.encode(line), as: UTF8.self)))
                }
                return
            }
            for m in messages {
                var state = m.state.rawValue
                if m.attempts > 0 { state += ", \(m.attempts) attempt\(m.attempts == 1 ? "" : "s")" }
                if m.sealed && !reveal { state += ", sealed" }
                if let e = m.lastError, m.state != .sent { state += ": \(e)" }
                // Names, subjects, bodies, recipients and servers' replies as inert text (issue 19, finding 10).
                print("── \(m.kind.rawValue) #\(m.id) to \(TerminalText.line(m.to)) at \(iso.string(from: m.sentAt)) "
                      + "[\(TerminalText.line(state))]")
                if !m.subject.isEmpty { print("件名: \(TerminalText.line(m.subject))") }
                print(TerminalText.body(m.body))
            }
        }
    }
}
