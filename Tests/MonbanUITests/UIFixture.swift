import Foundation
import XCTest
import MonbanCore
import MonbanStore
@testable import MonbanTUI
@testable import MonbanUI

/// A client over a real database with a fixed clock and seeded randomness, so
/// every rendering (dates, links) is the same on every run.
final class UIFixture {
    let dir: URL
    let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))  // 2026-11-18 (JST)
    let engine: Engine
    var app: App

    static let email = "keiyaku@example.com"
    static let password = "Himitsu-2026!"
    /// The contractor's address: `UIFixture.email` unless a test gives another (the demo's, a long one).
    let email: String

    let device: DeviceToken

    /// Two-step verification is off for the contract (set in the store) unless
    /// `twoStep`: screens of other flows sign in with the password alone.
    init(language: Language = .ja, start: Route = .login(.entry), twoStep: Bool = false,
         directory: any DirectoryVerifier = NoDirectory(), email: String = UIFixture.email) throws {
        self.email = email
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-ui-\(UUID().uuidString)")
        let db = try MonbanDatabase.open(path: dir.appendingPathComponent("monban.sqlite3").path, create: true)
        let random = SeededRandom(seed: 2026)
        engine = Engine(database: db, clock: clock, random: random, passwordCost: .testing, directory: directory)
        device = try DeviceToken.ephemeral(using: SeededRandom(seed: 7))
        let created = try engine.createContract(email: email, plan: .basic, password: Self.password, name: "門番 太郎")
        if !twoStep {
            try db.queue.write { db in
                try db.execute(sql: "UPDATE contract SET two_factor_enabled = 0 WHERE id = ?", arguments: [created.contract.id])
            }
        }
        // The demo provider is used only on a database `monban demo` made (issue 19 finding 6).
        try engine.markDemoDatabase()
        app = onDemoDatabase(App(language: language, engines: EngineProvider(engine: engine, device: device),
                  context: AccessContext(terminal: "test"), start: start))
    }

    /// A new client on the same database and terminal, at the login screen;
    /// with `line`, the terminal is the line-authentication entrance on that line (LG-6).
    func restart(width: Int = 80, height: Int = 24, line: String? = nil) {
        let context = line.map { AccessContext(terminal: "test", line: $0, entrance: .lineAuthentication) }
            ?? AccessContext(terminal: "test")
        app = onDemoDatabase(App(language: app.language, engines: EngineProvider(engine: engine, device: device), context: context))
        press(.resize(width: width, height: height))
    }

    /// Types the e-mail and password on the login screen and presses Enter.
    func signIn(_ password: String = UIFixture.password) {
        type(email)
        press(.tab)
        type(password)
        press(.enter)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Feeds keys as a person would type them, doing any work the client asks for.
    func press(_ keys: KeyEvent...) { press(keys) }

    func press(_ keys: [KeyEvent]) {
        for k in keys {
            if app.handle(k) == .work { _ = app.performWork() }
        }
    }

    func type(_ text: String) { press(text.map { KeyEvent.character($0) }) }

    /// Moves focus to the button, link or field `id` with Tab and presses Enter, as a person would;
    /// a check box is ticked with Space (Enter on it goes on: issue 20 item 7).
    func choose(_ id: ControlID, file: StaticString = #filePath, line: UInt = #line) {
        for _ in 0..<60 {
            if app.screen.form.focus == id {
                let isCheckbox = app.currentItems.contains { if case .checkbox(id, _) = $0 { true } else { false } }
                press(isCheckbox ? .space : .enter)
                return
            }
            press(.tab)
        }
        XCTFail("no \(id) on the screen:\n\(text)", file: file, line: line)
    }

    func render(width: Int = 80, height: Int = 24) -> Canvas {
        var c = Canvas(width: width, height: height)
        app.render(into: &c)
        return c
    }

    var text: String { render().text }

    /// Asks a password reset for the contractor and sets `password` through the mailed link (PW-2).
    func resetPassword(to password: String) throws {
        try engine.requestPasswordReset(email: Self.email, context: AccessContext(terminal: "test"))
        open(try mailedLink("/lo/reset"))
        type(password)
        press(.tab)
        type(password)
        press(.enter)
    }

    /// Signs in with the wrong password `n` times from the login screen.
    func failSignIn(times n: Int) {
        for i in 0..<n {
            app = onDemoDatabase(App(language: app.language, engines: EngineProvider(engine: engine), context: AccessContext(terminal: "test")))
            type(email)
            press(.tab)
            type("Wrong-\(i)!")
            press(.enter)
        }
    }

    /// Starts the client on a link's screen, as `monban open URL` does.
    func open(_ link: String) {
        let (providers, demo) = (app.providers, app.federation)
        app = onDemoDatabase(App(language: app.language, engines: EngineProvider(engine: engine), context: AccessContext(terminal: "test"),
                  openLink: link))
        app.providers = providers
        app.federation = demo
        if app.startControl == .work { _ = app.performWork() }
    }

    func mailedLink(_ path: String) throws -> String {
        guard let l = try engine.inbox().flatMap(\.links).last(where: { $0.contains(path) }) else {
            throw EngineError.linkInvalid
        }
        return l
    }
}

/// The client as on a database `monban demo` created: the 受信箱 (F2) on every screen with
/// every message, as every capture in screens/ shows it (issue 19 finding 1).
func onDemoDatabase(_ app: App) -> App {
    var app = app
    app.inboxEnabled = true
    app.inboxShowsEveryone = true
    return app
}
