import Foundation
import MonbanCore
import MonbanStore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// The flows answer their controls without a database (issue 18): what activating a
/// control does is a returned value, and the engine (which cannot even open here) is
/// only reached through the effects the runner performs later.
final class FlowTests: XCTestCase {
    func app(_ route: Route = .login(.entry)) -> App {
        onDemoDatabase(App(language: .ja, engines: EngineProvider { throw StoreError.missing(path: "/nowhere") },
            context: AccessContext(terminal: "test"), start: route))
    }

    /// LG-2: both fields before anything goes to the engine.
    func testLoginAsksForBothFieldsBeforeAnyEngineWork() {
        var a = app()
        XCTAssertEqual(a.activate(.login), [])
        XCTAssertEqual(a.screen.message?.text, Texts.emptyCredentials(.ja))
        a.screen.form.fields[.email]?.set("a@example.com")
        a.screen.form.fields[.password]?.set("secret-Pass1")
        XCTAssertEqual(a.activate(.login), [.signIn(email: "a@example.com", password: "secret-Pass1")])
        XCTAssertEqual(a.activate(.google), [.startFederation(.google, .signIn)])
    }

    /// PW-1, §6-2 (1)(2), issue 20 item 23: with an address typed on the login screen,
    /// パスワードを忘れた方はこちら sends the reset mail to it at once.
    func testForgotWithAnAddressTypedSendsAtOnce() {
        var a = app()
        a.screen.form.fields[.email]?.set("a@example.com")
        XCTAssertEqual(a.activate(.forgot), [.requestReset(email: "a@example.com")])
    }

    /// PW-1: without an address typed (or with what is no address), the forgotten-password
    /// screen comes back from the flow, what was typed carried over.
    func testForgotOpensWithTheAddressCarriedOver() {
        for typed in ["", "a@"] {
            var a = app()
            a.screen.form.fields[.email]?.set(typed)
            let effects = a.activate(.forgot)
            guard case .open(let next)? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
            XCTAssertEqual(next.route, .recovery(.forgot))
            XCTAssertEqual(next.form[field: .email], typed)
            XCTAssertEqual(a.history.count, 1, "the flow returns the screen; the history is the runner's")
        }
    }

    func testForgotRefusesWhatIsNoAddress() {
        var a = app(.recovery(.forgot))
        a.screen.form.fields[.email]?.set("not an address")
        XCTAssertEqual(a.activate(.send), [])
        XCTAssertEqual(a.screen.message?.text, Texts.invalidEmail(.ja))
        XCTAssertEqual(a.activate(.back), [.back])
    }

    /// TK-2: rows and links name what they stand for; an id of nothing does nothing.
    func testInboxRowsAndMessageLinksAreTyped() {
        let link = "https://login.monban.example/lo/unblock?ticket=abcdefgh"
        let m = OutboxMessage(id: 7, kind: .email, to: "a@example.com", subject: "件名", body: link, links: [link],
                              sentAt: Date(timeIntervalSince1970: 0))
        var inbox = app(.inbox(.messages([m])))
        XCTAssertEqual(inbox.activate(.message(7)), [.push(.inbox(.message(m)))])
        XCTAssertEqual(inbox.activate(.message(8)), [], "no such row")
        XCTAssertEqual(inbox.activate(.back), [.back])
        var message = app(.inbox(.message(m)))
        XCTAssertEqual(message.activate(.link(0)), [.openLink(link)])
        XCTAssertEqual(message.activate(.link(1)), [], "no such link")
    }

    /// The screens of a result: ログイン画面へ goes home, a control they do not have does nothing.
    func testResultScreensGoHome() {
        for route: Route in [.recovery(.forgotSent), .recovery(.resetDone), .main(.lineAuthError(line: nil))] {
            var a = app(route)
            XCTAssertEqual(a.activate(.login), [.home(.login(.entry))], "\(route)")
            XCTAssertEqual(a.activate(.save), [], "\(route)")
        }
        // Issue 20 item 15: after an unlock the login screen carries the address; after a
        // registration it is the login screen below, which carries it.
        var unlocked = app(.recovery(.unlocked(email: "a@example.com")))
        XCTAssertEqual(unlocked.activate(.login), [.home(.login(.entry)), .replace(Screen.login(email: "a@example.com"))])
        var registered = app(.registration(.done))
        XCTAssertEqual(registered.activate(.login), [.back])
        for route: Route in [.recovery(.unlocked(email: "a@example.com")), .registration(.done)] {
            var a = app(route)
            XCTAssertEqual(a.activate(.save), [], "\(route)")
        }
    }

    /// LG-5, issue 19 finding 12: the Active Directory settings' CA-file field takes only a
    /// regular PEM file; every other path gets the one answer, whatever it is.
    func testTheCAFileFieldTakesOnlyAPEMFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pem = "-----BEGIN CERTIFICATE-----\nTUlJQmFzZTY0\n-----END CERTIFICATE-----\n"
        let good = dir.appendingPathComponent("ca.pem").path, text = dir.appendingPathComponent("notes.txt").path
        let big = dir.appendingPathComponent("big.pem").path, fifo = dir.appendingPathComponent("fifo").path
        XCTAssertTrue(FileManager.default.createFile(atPath: good, contents: Data(pem.utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: text, contents: Data("password=hunter2\n".utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: big, contents: Data((pem + String(repeating: "\n", count: 70_000)).utf8)))
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(DirectoryCAFile(field: "  "), .none)
        XCTAssertEqual(DirectoryCAFile(field: " \(good) "), .certificates(pem))
        for path in [text, big, fifo, dir.path, dir.appendingPathComponent("missing.pem").path, "/dev/zero"] {
            XCTAssertEqual(DirectoryCAFile(field: path), .unreadable, path)
        }
    }
}
