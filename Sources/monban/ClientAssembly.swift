import Foundation
import MonbanConfig
import MonbanCore
import MonbanStore
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
        // Decided when first needed (with the engine, or on a two-step screen), after the first paint.
        let binding = Deferred { try? TerminalBinding.decide(TerminalFacts.gather(kiosk: kiosk, configuration: configuration)).get() }
        let device: () -> DeviceToken? = { binding.value.flatMap { b in Paths.deviceToken()?.bound(to: b) } }
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
        app.offersRemember = { binding.value != nil }
        // Services come only from a configuration file.
        if !configuration.providers.isEmpty { app.providers = providers(configuration) }
        app.federation = federationState()
        // The 受信箱: every message on every screen on a demo database (learnt after the first
        // paint); elsewhere only where the operator turned it on, and then only a signed-in
        // person's own (issue 19 finding 1).
        app.inboxEnabled = configuration.inboxEnabled
        // The demo's 受信箱 on the first paint already, where one read-only query can tell.
        if MonbanDatabase.peekDemoMark(path: databasePath) == true {
            app.inboxEnabled = true
            app.inboxShowsEveryone = true
            app.showsDemoAccounts = true
        }
        app.readDatabaseMarkAfterFirstPaint { demo in
            // A database whose messages have no way out is the operator's to hear of.
            if demo == false, !configuration.deliversMessages { OperatorNotice.post(OperatorNotice.undelivered) }
        }
        app.maxSession = configuration.client.maxSession > 0 ? configuration.client.maxSession : nil
        return app
    }
}

/// A value worked out the first time it is read, on the client's thread.
private final class Deferred<Value> {
    private enum State {
        case pending(() -> Value)
        case done(Value)
    }

    private var state: State

    init(_ make: @escaping () -> Value) { state = .pending(make) }

    var value: Value {
        switch state {
        case .done(let value):
            return value
        case .pending(let make):
            let value = make()
            state = .done(value)
            return value
        }
    }
}
