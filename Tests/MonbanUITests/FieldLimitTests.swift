import Foundation
@testable import MonbanCore
import MonbanStore
import GRDB
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// Bad input in every field (issue 9): over-long text and control characters,
/// typed or pasted, never get past a field's limit, never enter it, and the
/// screen says so.
final class FieldLimitTests: XCTestCase {
    /// Every screen with fields, built as the client builds them.
    func screensWithFields() throws -> [Route] {
        let link = try Link(parsing: "https://login.monban.example/lo/reset?ticket=" + String(repeating: "A", count: 43))
        let step = SecondStep(token: String(repeating: "B", count: 43), email: "a@example.com", stage: .enroll,
                              expiresAt: Date())
        let sms = SMSStatus(maskedPhone: "****", sentAt: Date(), expiresAt: Date(), resendAt: Date(), triesLeft: 5)
        let info = LinkInfo(purpose: .registration, email: "a@example.com", name: "", payload: "b@example.com",
                            expiresAt: Date(), loginMethod: .emailPassword)
        let person = Person(id: 1, contractID: 1, email: "a@example.com", name: "", role: .contractor,
                            loginMethod: .emailPassword, failedAttempts: 0, lockedAt: nil, registered: true,
                            twoFactorGeneration: 0, createdAt: Date(), lastSignInAt: nil)
        let contract = Contract(id: 1, plan: .basic, createdAt: Date(), trialStartedAt: nil, twoFactorEnabled: true,
                                accessRoute: .lineAndInternet)
        let menu = SettingsMenu(person: person, contract: contract, items: SettingsItem.allCases, trialEndsAt: nil,
                                cancelled: false, convertibleUntil: nil)
        let signedIn = SignedIn(person: person, contract: contract)
        let detail = UserDetail(person: person, twoStep: .notEnrolled, identityEmail: nil)
        let cid = try XCTUnwrap(ConnectionID("adfs-abcdefghijklmn"))
        return [
            .login(.entry), .recovery(.forgot), .recovery(.reset(link, email: "a@example.com")), .twoStep(.smsPhone(step)), .twoStep(.smsCode(step, sms)),
            .twoStep(.authenticatorCode(step)), .twoStep(.recoveryEntry(step)), .federation(.connectionIDEntry(.signIn)),
            .federation(.directorySignIn(cid, domain: "corp.example", .signIn)), .registration(.entry(RegistrationLink(link, info, directory: nil))),
            .registration(.methodPassword(RegistrationLink(link, info, directory: nil))),
            .settings(.login), .settings(.methodPassword(menu)), .settings(.emailConfirm(link, info)),
            .settings(.emailChange(menu)), .settings(.passwordChange(menu)), .settings(.directory(menu, nil)),
            .console(.users(signedIn, UserListView(query: "", page: UserPage(), request: .first))),
            .console(.emailChange(signedIn, detail)), .console(.invite(signedIn)),
            .console(.auditLog(signedIn, AuditLogView(filter: AuditLogFilter(), page: AuditLogPage(), request: .newest))),
        ]
    }

    func testEveryFieldKeepsItsLimitAndRefusesControlCharacters() throws {
        let junk = String(repeating: "あa\u{1b}[31m\u{7}\t\r\n\u{0}\u{202e}", count: 2_000)  // 20,000 characters
        var fields = 0
        for route in try screensWithFields() {
            var screen = Screen(route: route)
            let items = screen.items(.ja, now: Date())
            for id in screen.form.fields.keys.sorted(by: { "\($0)" < "\($1)" }) {
                fields += 1
                screen.form.focus = id
                let limit = try XCTUnwrap(screen.form.fields[id]).maxLength
                _ = screen.form.handle(.paste(junk), items: items, primary: nil)
                for c in "xyz\u{1b}\u{8}" { _ = screen.form.handle(.character(c), items: items, primary: nil) }
                let field = try XCTUnwrap(screen.form.fields[id])
                XCTAssertLessThanOrEqual(field.text.count, limit, "\(route) \(id)")
                XCTAssertFalse(field.text.unicodeScalars.contains { $0.properties.generalCategory == .control },
                               "\(route) \(id): a control character got in")
                XCTAssertFalse(field.text.contains("\u{202e}"), "\(route) \(id): an invisible character got in")
                var canvas = Canvas(width: 80, height: 24)
                var app = onDemoDatabase(App(language: .ja, engines: EngineProvider { throw StoreError.missing(path: "/nonexistent") },
                              context: AccessContext(terminal: "t"), start: route))
                app.history = [screen]
                app.render(into: &canvas)
                XCTAssertFalse(canvas.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
                               "\(route) \(id): a control character drawn")
            }
        }
        XCTAssertEqual(fields, 39, "every field of every screen")
    }

    /// The screen says what was not taken, and the notice goes at the next key taken.
    func testTheScreenSaysWhatWasNotTaken() throws {
        let f = try UIFixture()
        f.press(.paste(String(repeating: "a", count: 300) + "@example.com"))
        XCTAssertTrue(f.text.contains("254文字を超える分は入力できません。"), f.text)
        XCTAssertEqual(f.app.screen.form[field: .email].count, 254)
        f.press(.backspace)
        XCTAssertFalse(f.text.contains("254文字を超える"), "the notice goes with the next key taken")
        f.press(.tab, .paste("pass\u{1b}word\n"))
        XCTAssertTrue(f.text.contains("制御文字や改行は入力できません"), f.text)
        XCTAssertEqual(f.app.screen.form[field: .password], "password")
        XCTAssertNil(try f.engine.person(email: String(repeating: "a", count: 242)), "nothing stored")
    }
}

/// A missing or unreadable key file (issue 9 part 3): the authenticator code
/// cannot be checked, the screen names the file, and nothing stored changes.
final class KeyFileProblemTests: XCTestCase {
    func testMissingAndUnreadableKeyFile() throws {
        let f = try UIFixture(twoStep: true)
        let here = AccessContext(terminal: "test")
        // Enrol an authenticator through the engine.
        guard case .secondStep(let step) = try f.engine.signIn(email: UIFixture.email, password: UIFixture.password,
                                                                 context: here) else { return XCTFail("2FA expected") }
        let setup = try f.engine.authenticatorSetup(step, context: here)
        let secret = try XCTUnwrap(Base32.decode(setup.secret))
        _ = try f.engine.verifySecondStep(step, method: .authenticator, code: TOTP.code(secret: secret, at: f.clock.now()),
                                          remember: false, context: here)
        f.clock.advance(90)
        let key = f.engine.secretKeyPath
        let saved = try Data(contentsOf: URL(fileURLWithPath: key))
        func stored() throws -> String {
            try f.engine.database.queue.read { db in
                try String(describing: Row.fetchAll(db, sql: "SELECT * FROM two_step")) +
                    String(describing: Row.fetchAll(db, sql: "SELECT failed_attempts, two_step_failures, locked_at FROM person"))
            }
        }

        for (damage, words) in [("missing", "(missing)"), ("a folder", "(unreadable)")] {
            try? FileManager.default.removeItem(atPath: key)
            if damage == "a folder" { try FileManager.default.createDirectory(atPath: key, withIntermediateDirectories: false) }
            let before = try stored()
            f.restart()
            f.signIn()
            guard case .twoStep(.authenticatorCode) = f.app.screen.route else { return XCTFail(f.text) }
            f.type(TOTP.code(secret: secret, at: f.clock.now()))
            f.press(.enter)
            let text = f.render(width: 200, height: 30).text
            XCTAssertTrue(text.contains("暗号鍵ファイルを使用できません"), text)
            XCTAssertTrue(text.contains(key) && text.contains(words), "\(damage): the file is named\n\(text)")
            XCTAssertEqual(try stored(), before, "\(damage): nothing stored changes, no failure counted")
            try? FileManager.default.removeItem(atPath: key)
        }
        // With the key back, the same person signs in.
        FileManager.default.createFile(atPath: key, contents: saved, attributes: [.posixPermissions: 0o600])
        f.clock.advance(60)
        f.restart()
        f.signIn()
        f.type(TOTP.code(secret: secret, at: f.clock.now()))
        f.press(.enter)
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
    }
}
