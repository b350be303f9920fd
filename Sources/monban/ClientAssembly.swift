import Foundation
import MonbanConfig
import MonbanCore
import MonbanUI

extension Setup {
    /// The connection ID this terminal knows (LG-5), kept in its state folder as monban wrote it.
    static func federationState() -> FederationState {
        let file = Paths.stateDirectory + "/connection-id"
        let known = Paths.readText(file).flatMap { ConnectionID(exact: $0.trimmingWhitespaceAndNewlines()) }
        return FederationState(knownConnectionID: known) { id in
            try? FileManager.default.createDirectory(
                atPath: Paths.stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            _ = FileManager.default.createFile(atPath: file, contents: Data((id.value + "\n").utf8),
                                               attributes: [.posixPermissions: 0o600])
        }
    }

    /// The client on `databasePath`, configured.
    static func app(
        language: Language, databasePath: String, configuration: Configuration, openLink: String? = nil,
        kiosk: Bool = false, line: LineNumber? = nil
    ) -> App {
        // Remembered only where the terminal is one person's own, and then bound to the account,
        // the machine, the token's folder and the tty or SSH key (TF-4, issue 19 finding 3): a kiosk,
        // `[client] remember = false`, a forced command or SSH without the key keep no device token.
        let binding = try? TerminalBinding.decide(TerminalFacts.gather(kiosk: kiosk, configuration: configuration)).get()
        let device: () -> DeviceToken? = { binding.flatMap { b in Paths.deviceToken()?.bound(to: b) } }
        let terminalName: () -> String? = { AccessContext.thisTerminal.terminal }
        // Nothing of the database before the first paint: it opens on a thread of its own just
        // after it, when the client reads whether `monban demo` made it (issue 19 finding 1).
        let engines = EngineProvider(device: device, terminalName: terminalName) {
            try Setup.engine(databasePath: databasePath, create: false, configuration: configuration)
        }
        // The terminal's name (host and tty) is read with the engine, after the first paint.
        var context = AccessContext(terminal: "")
        if let line {
            // The line-authentication entrance (LG-6): the engine checks the line at sign-in.
            context.line = line.value
            context.entrance = .lineAuthentication
        }
        var app = App(language: language, kiosk: kiosk, engines: engines, context: context, openLink: openLink)
        app.offersRemember = binding != nil
        // Services come only from a configuration file.
        if !configuration.providers.isEmpty { app.providers = providers(configuration) }
        app.federation = federationState()
        // The 受信箱: every message on every screen on a demo database (learnt after the first
        // paint); elsewhere only where the operator turned it on, and then only a signed-in
        // person's own (issue 19 finding 1).
        app.inboxEnabled = configuration.inboxEnabled
        app.readDatabaseMarkAfterFirstPaint { demo in
            // A database whose messages have no way out is the operator's to hear of.
            if demo == false, !configuration.deliversMessages { OperatorNotice.post(OperatorNotice.undelivered) }
        }
        app.maxSession = configuration.client.maxSession > 0 ? configuration.client.maxSession : nil
        return app
    }
}
