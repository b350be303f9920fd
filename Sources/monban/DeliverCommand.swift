import MonbanTUI
import Glibc
import ArgumentParser
import Foundation
import MonbanConfig
import MonbanCore
import MonbanDelivery

/// Set by SIGINT / SIGTERM: `deliver --watch` stops after the message in hand.
nonisolated(unsafe) private var stopRequested: Int32 = 0

struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send the outbox's e-mails and SMS through the configured SMTP server and SMS gateway.",
        discussion: """
            Without --watch, deliver sends every message due now and exits. With --watch, it keeps going until SIGINT or SIGTERM, finishing the message in hand.

            Any number of these may run on one database, beside clients: each message is claimed by exactly one of them.
            """)

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Keep delivering until stopped.") var watch = false
    @Option(help: "With --watch: the seconds between looks at the outbox (default: [delivery] poll_interval).")
    var interval: Double?

    func validate() throws {
        guard interval == nil || watch else { throw ValidationError("--interval applies only with --watch.") }
        if let interval, !(interval > 0) { throw ValidationError("--interval is a number of seconds above 0.") }
    }

    func run() throws {
        try Monban.guarded {
            let configuration = try database.configuration()
            let engine = try database.engine()
            guard let deliverer = Setup.deliverer(engine: engine, configuration: configuration) else {
                throw CLIFailure("nothing to deliver with: the configuration has neither [smtp] nor [sms] (messages stay in the outbox)")
            }
            var counts: [OutboxMessage.State: Int] = [:]
            let report: (Deliverer.Report) -> Void = { r in
                counts[r.state, default: 0] += 1
                Self.say(Self.line(r))
            }
            if watch {
                signal(SIGINT) { _ in stopRequested = 1 }
                signal(SIGTERM) { _ in stopRequested = 1 }
                deliverer.watch(pollInterval: interval ?? configuration.delivery.pollInterval,
                                shouldStop: { stopRequested != 0 }, report: report,
                                problem: { FileHandle.standardError.write(Data("monban: \(TerminalText.line(Messages.describe($0)))\n".utf8)) })
                return
            }
            // A progress line on a terminal, nothing on a pipe (issue 22 item 6, PK-1): the backlog as it stands now.
            let backlog = try engine.outbox().filter { $0.state == .pending }.count
            let line = ProgressLine("delivering the outbox:", total: backlog)
            line.update(0)
            try deliverer.deliverDue(report: { r in
                line.finish()
                report(r)
                line.update(counts.values.reduce(0, +), force: true)
            })
            line.finish()
            let waiting = try engine.outbox().filter { $0.state == .pending || $0.state == .sending }.count
            Self.say("sent \(counts[.sent] ?? 0), to retry \(counts[.pending] ?? 0), failed \(counts[.failed] ?? 0); waiting in the outbox: \(waiting)")
        }
    }

    /// One line on standard output at once (not buffered: a log follows --watch as it goes).
    /// A server's reply or a subject in it is printed inert (issue 19, finding 10).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((TerminalText.line(line) + "\n").utf8))
    }

    /// One attempt, without the message's body or links.
    static func line(_ r: Deliverer.Report) -> String {
        let m = r.job.message
        let what = m.kind == .email ? "email #\(m.id) to \(m.to) \(m.subject)" : "sms #\(m.id) to \(PhoneNumber(m.to)?.masked ?? "****")"
        switch r.outcome {
        case .sent: return "sent \(what)"
        case .retry(let reason) where r.state == .pending: return "retry \(what) (attempt \(r.job.attempt)): \(reason)"
        case .retry(let reason), .permanent(let reason):
            return r.state == .failed ? "failed \(what) (attempt \(r.job.attempt)): \(reason)" : "skipped \(what): \(reason)"
        }
    }
}
