#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MonbanConfig
import MonbanCore
import MonbanDelivery
import MonbanTerminal
import MonbanUI

/// Running the client (the quick start and the argument parser's path alike):
/// kiosk options (UI-6) and delivery in the background (issue 8).
enum ClientRun {
    /// Runs `app` in the terminal until it quits.
    static func run(_ app: inout App, databasePath: String, configuration: Configuration) throws {
        BackgroundDelivery.start(databasePath: databasePath, configuration: configuration)
        // UI-4: the Linux console's font has no kana or kanji (and, in English, no other non-ASCII either).
        app.consoleGlyphs = TerminalRuntime.isLinuxConsole
        if app.kiosk {
            let options = TerminalOptions(ignoreInterrupts: true, idleTimeout: configuration.kiosk.idleTimeout)
            try TerminalRuntime.run(&app, options: options) { $0.resetForNextVisitor() }
        } else if configuration.client.idleSignOut > 0 {
            let options = TerminalOptions(idleTimeout: configuration.client.idleSignOut)
            try TerminalRuntime.run(&app, options: options) { $0.signOutAfterIdle() }
        } else {
            try TerminalRuntime.run(&app, options: TerminalOptions())
        }
    }
}

/// The client's own deliverer: a thread with its own database connection that
/// starts after the first paint and sends what the outbox holds, so a terminal
/// without `monban deliver` beside it still delivers. It never writes to the
/// terminal; what it does is in the outbox and the audit log. A message it was
/// sending when the client quit is retried once its lease runs out.
enum BackgroundDelivery {
    static func start(databasePath: String, configuration: Configuration) {
        guard configuration.delivery.inClient, configuration.smtp != nil || configuration.sms != nil else { return }
        let thread = Thread {
            // After the first paint: start-up loads neither the database nor libcurl for this.
            Thread.sleep(forTimeInterval: 0.5)
            var deliverer: Deliverer?
            while deliverer == nil {
                // The database may not exist yet (the client creates nothing itself).
                if let engine = try? Setup.engine(databasePath: databasePath, create: false, configuration: configuration) {
                    deliverer = Setup.deliverer(engine: engine, configuration: configuration)
                    if deliverer == nil { return }
                } else {
                    Thread.sleep(forTimeInterval: 5)
                }
            }
            deliverer?.watch(pollInterval: configuration.delivery.pollInterval)
        }
        thread.name = "monban-delivery"
        thread.start()
    }
}
