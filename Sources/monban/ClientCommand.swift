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
        commandName: "client", abstract: "Start the full-screen client.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var client: ClientOptions

    func run() throws {
        try client.start(database, openLink: nil)
    }
}

struct ClientOptions: ParsableArguments {
    @Option(help: "The language of the screens (default: the configuration's language, else ja, or en on the Linux console).")
    var lang: Language?
    @Flag(help: "Kiosk mode: no way to quit, Ctrl-C, Ctrl-Z and Ctrl-\\ ignored, and back to a clean login screen after [kiosk] idle_timeout seconds without a key.")
    var kiosk = false
    @Flag(help: "Draw the QR code with two spaces per module in reverse video, for terminals that draw ▀ ▄ █ two cells wide.")
    var wideQR = false
    @Option(help: "The entrance this terminal is: internet (the default), or line for the line-authentication entrance (回線認証).")
    var route: Entrance?
    @Option(help: "With --route line: the line this terminal sits on (its 回線番号, CAF… or COP…).")
    var line: String?

    /// LG-6: --route line and --line go together, and the line is a 回線番号.
    func validate() throws {
        switch route ?? .internet {
        case .internet:
            guard line == nil else { throw ValidationError("--line needs --route line.") }
        case .line:
            guard let line else { throw ValidationError("--route line needs --line LINE, the line's 回線番号.") }
            guard LineNumber(line) != nil else {
                throw ValidationError("'\(line.prefix(20))' is not a line number (CAF and 10 letters or digits, or COP and 8).")
            }
        }
    }

    /// Whether any of these options is given.
    var isGiven: Bool { lang != nil || kiosk || wideQR || route != nil || line != nil }

    /// The line of the line-authentication entrance, nil for the internet entrance.
    var entranceLine: LineNumber? {
        guard route == .line, let line else { return nil }
        return LineNumber(line)
    }

    /// The language given, or the default: the configuration's, else Japanese, English on the Linux console (UI-4).
    func language(_ configuration: Configuration) -> Language {
        lang ?? configuration.language.flatMap(Language.init(rawValue:)) ?? (TerminalRuntime.isLinuxConsole ? .en : .ja)
    }

    /// Runs the client; the database is opened only when a screen first needs it.
    func start(_ database: DatabaseOptions, openLink: String?) throws {
        try Monban.guarded {
            let configuration = try database.configuration()
            // Before the screen: an unsafe database, key file or device token is the operator's to fix.
            try FileChecks.refuseUnsafeDatabase(database.path)
            if !(kiosk || configuration.kiosk.enabled) { try FileChecks.refuseUnsafeDeviceToken(Paths.deviceTokenFile) }
            let language = language(configuration)
            let entrance = entranceLine
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
