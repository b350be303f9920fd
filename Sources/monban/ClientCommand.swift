import ArgumentParser
import Foundation
import MonbanCore
import MonbanStore
import MonbanTerminal
import MonbanUI

/// The full-screen client (the default command).
struct ClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Start the full-screen client (the default).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var client: ClientOptions

    func run() throws {
        try client.start(database, openLink: nil)
    }
}

struct ClientOptions: ParsableArguments {
    @Option(help: "ja or en. Default: ja; en on the Linux console (TERM=linux).") var lang: String?
    @Flag(help: "Draw the QR code with two spaces per module in reverse video, for terminals that draw ▀ ▄ █ two cells wide.")
    var wideQR = false
    @Flag(help: "Kiosk mode (UI-6): no way to quit, Ctrl-C/Ctrl-Z/Ctrl-\\ ignored, back to a clean login screen after [kiosk] idle_timeout seconds without a key.")
    var kiosk = false

    func language() throws -> Language {
        if let lang {
            guard let l = Language(rawValue: lang.lowercased()) else {
                throw CLIFailure("unknown language '\(lang.prefix(20))' (use ja or en)")
            }
            return l
        }
        return TerminalRuntime.isLinuxConsole ? .en : .ja
    }

    /// Runs the client; the database is opened only when a screen first needs it.
    func start(_ database: DatabaseOptions, openLink: String?) throws {
        try Monban.guarded {
            let configuration = try database.configuration()
            let language = try lang == nil ? configuration.language.flatMap(Language.init(rawValue:)) ?? language() : language()
            var app = Setup.app(language: language, databasePath: database.path, configuration: configuration,
                                openLink: openLink, kiosk: kiosk || configuration.kiosk.enabled)
            app.wideQR = wideQR
            if lang == nil && TerminalRuntime.isLinuxConsole {
                app.banner = Texts.consoleHint(.en)
            }
            try ClientRun.run(&app, databasePath: database.path, configuration: configuration)
        }
    }
}
