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
        // Before the screen: whether `monban demo` made this database decides the 受信箱 (issue 19
        // finding 1), and a database whose messages have no way out is the operator's to hear of.
        // A database that cannot be opened yet is reported on the screen, as before.
        // A database another process holds is not waited for here (the screen says so later):
        // after half a second the client starts as on a database that is not the demo.
        let early = EarlyOpen()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let engine = try? Setup.engine(databasePath: databasePath, create: false, configuration: configuration)
            early.set(engine, demo: (try? engine?.isDemoDatabase()) == true)
            done.signal()
        }
        let answered = done.wait(timeout: .now() + 0.5) == .success
        let opened = answered ? early.engine : nil
        let demo = answered && early.demo
        if opened != nil, !demo, !configuration.deliversMessages {
            FileHandle.standardError.write(Data(("monban: messages will wait in the outbox: no [smtp] or [sms] "
                + "in the configuration; 'monban deliver' sends them\n").utf8))
        }
        let engines = EngineProvider(device: device, terminalName: terminalName) {
            if let opened { return opened }
            return try Setup.engine(databasePath: databasePath, create: false, configuration: configuration)
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
        // The 受信箱: every message on every screen on a demo database; elsewhere only where the
        // operator turned it on, and then only a signed-in person's own (issue 19 finding 1).
        app.inboxEnabled = demo || configuration.inboxEnabled
        app.inboxShowsEveryone = demo
        app.maxSession = configuration.client.maxSession > 0 ? configuration.client.maxSession : nil
        return app
    }
}

/// The database opened before the screen on its own thread (issue 19 finding 1), read once it answered.
private final class EarlyOpen: @unchecked Sendable {
    private let lock = NSLock()
    private var openedEngine: Engine?
    private var isDemo = false

    func set(_ engine: Engine?, demo: Bool) {
        lock.lock()
        defer { lock.unlock() }
        openedEngine = engine
        isDemo = demo
    }

    var engine: Engine? { lock.lock(); defer { lock.unlock() }; return openedEngine }
    var demo: Bool { lock.lock(); defer { lock.unlock() }; return isDemo }
}
