import MonbanConfig
import MonbanTerminal
import MonbanUI

/// Running the client: kiosk options (UI-6) and delivery in the background (issue 8).
enum ClientRun {
    /// Runs `app` in the terminal until it quits.
    static func run(_ app: inout App, databasePath: String, configuration: Configuration) throws {
        BackgroundDelivery.start(databasePath: databasePath, configuration: configuration)
        // UI-4: the Linux console's font has no kana or kanji (and, in English, no other non-ASCII either).
        app.consoleGlyphs = TerminalRuntime.isLinuxConsole
        var options = TerminalOptions()
        var onIdle: ((inout App) -> Void)?
        if app.kiosk {
            options = TerminalOptions(ignoreInterrupts: true, idleTimeout: configuration.kiosk.idleTimeout)
            onIdle = { $0.resetForNextVisitor() }
        } else if configuration.client.idleSignOut > 0 {
            options = TerminalOptions(idleTimeout: configuration.client.idleSignOut)
            onIdle = { $0.signOutAfterIdle() }
        }
        try TerminalRuntime.run(&app, options: options, onIdle: onIdle)
    }
}
