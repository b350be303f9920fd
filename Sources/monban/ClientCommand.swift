import ArgumentParser
import Foundation
import MonbanConfig
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
    @Option(help: "internet (default) or line: this terminal is the line-authentication entrance (回線認証, LG-6).")
    var route: String?
    @Option(help: "With --route line: the line this terminal sits on (回線番号, CAF… or COP…).")
    var line: String?

    /// The line of the line-authentication entrance, nil for the internet entrance.
    func entranceLine() throws -> LineNumber? {
        switch route?.lowercased() {
        case nil, "internet":
            guard line == nil else { throw CLIFailure("--line needs --route line") }
            return nil
        case "line":
            guard let line else { throw CLIFailure("--route line needs --line LINE (the line's 回線番号)") }
            guard let number = LineNumber(line) else {
                throw CLIFailure("'\(line.prefix(20))' is not a line number (CAF + 10 or COP + 8 letters or digits)")
            }
            return number
        default:
            throw CLIFailure("unknown route '\(route?.prefix(20) ?? "")' (use internet or line)")
        }
    }
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
            let entrance = try entranceLine()
            var app = Setup.app(language: language, databasePath: database.path, configuration: configuration,
                                openLink: openLink, kiosk: kiosk || configuration.kiosk.enabled, line: entrance)
            app.wideQR = wideQR
            if lang == nil && TerminalRuntime.isLinuxConsole {
                app.banner = Texts.consoleHint(.en)
            }
            if let entrance {
                app.banner = Texts.lineEntrance(language).replacingEvery("{l}", with: entrance.value)
            }
            try ClientRun.run(&app, databasePath: database.path, configuration: configuration)
        }
    }
}
