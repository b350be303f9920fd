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
    /// Whether any of these options is given.
    var isGiven: Bool { lang != nil || kiosk || wideQR }

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
            try Setup.refuseDemoProvidersOutsideTheDemo(configuration, databasePath: database.path)
            if !(kiosk || configuration.kiosk.enabled) { try FileChecks.refuseUnsafeDeviceToken(Paths.deviceTokenFile) }
            let language = language(configuration)
            // The line-authentication entrance (LG-6): only from the fixed, root-owned system
            // file, never from an option or a configuration chosen at start (issue 19 finding 5).
            let entrance: LineNumber?
            do { entrance = try TerminalLineFile.read() } catch {
                throw CLIFailure("the line-authentication entrance is not opened: \(error)")
            }
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
