import Foundation
import GRDB
import XCTest
@testable import MonbanCore

/// Bad input everywhere on the engine (issue 9): over-long text, control
/// characters and wrong formats in every entry point get a typed refusal, and
/// nothing stored changes (the audit log may record the refusal, AU-1).
final class BadInputTests: XCTestCase {
    var f: Fixture!
    var contract: CreatedContract!

    override func setUpWithError() throws {
        f = try Fixture(directory: FakeDirectory())
        contract = try f.contract()
        try f.engine.saveLineSettings(by: contract.contractor.id, route: .lineAndInternet, lines: ["CAF0123456789"],
                                      context: f.here)
    }

    /// Every row of every table but the audit log.
    func snapshot() throws -> String {
        var out = ""
        for table in ["contract", "person", "ticket", "outbox", "two_step", "sign_in_challenge", "remembered_terminal",
                      "identity", "directory", "line", "line_notice"] {
            for row in try f.testStore.rows("SELECT * FROM \(table) ORDER BY 1, 2") {
                out += "\(table) \(row.sorted { $0.key < $1.key })\n"
            }
        }
        return out
    }

    static let long = String(repeating: "長", count: 5_000)
    static let controls = ["a\u{0}b", "a\u{7}b", "a\u{1b}[2Jb", "a\nb", "a\rb", "a\u{7f}b", "a\u{85}b"]

    /// Runs `body` and checks that it throws an `EngineError` and changes nothing stored.
    func refused<T>(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) throws {
        let before = try snapshot()
        do {
            _ = try body()
            XCTFail("\(what): accepted", file: file, line: line)
        } catch is EngineError {
        } catch {
            XCTFail("\(what): not a typed refusal: \(error)", file: file, line: line)
        }
        XCTAssertEqual(try snapshot(), before, "\(what): something stored changed", file: file, line: line)
    }

    func testEveryEntryPointRefusesOverLongAndControlInput() throws {
        let e = f.engine, id = contract.contractor.id, here = f.here
        var bad = Self.controls + [Self.long, ""]
        bad += Self.controls.map { "keiyaku\($0)@example.com" }
        for b in bad {
            try refused("createContract email \(b.prefix(8))") { try e.createContract(email: b, plan: .basic, password: Fixture.password) }
            try refused("createContract name") {
                try e.createContract(email: "new@example.com", plan: .basic, password: Fixture.password, name: "x" + b + String(repeating: "名", count: 101))
            }
            try refused("signIn") { try e.signIn(email: b, password: b, context: here) }
            try refused("requestPasswordReset") { try e.requestPasswordReset(email: b, context: here) }
            try refused("invitePerson") { try e.invitePerson(by: id, email: b, role: .user, context: here) }
            try refused("requestEmailChange") { try e.requestEmailChange(by: id, newEmail: b, confirmation: b, context: here) }
            try refused("sendEmailChange") {
                let user = try XCTUnwrap(e.person(email: "keiyaku@example.com"))
                return try e.sendEmailChange(by: id, personID: user.id, address: b, authenticatedAt: e.clock.now(), context: here)
            }
            // (An empty line is ignored by the editor, and "Tsuqvok1" alone is a good password.)
            if b.isEmpty { continue }
            try refused("saveLineSettings") { try e.saveLineSettings(by: id, route: .lineOnly, lines: [b, "CAF1111111111"], context: here) }
            try refused("configureDirectory") { try e.configureDirectory(by: id, url: "ldaps://" + b, domain: b, context: here) }
            try refused("Link") { try Link(parsing: "https://x.example/lo/reset?ticket=" + b) }
            try refused("changePassword") {
                try e.changePassword(by: id, current: Fixture.password, new: "Tsuqvok1" + b, confirmation: "Tsuqvok1" + b, context: here)
            }
            try refused("changeLoginMethodToPassword") {
                try e.changeLoginMethodToPassword(by: id, current: Fixture.password, password: "Tsuqvok1" + b,
                                                  confirmation: "Tsuqvok1" + b, context: here)
            }
        }
        // Passwords with control characters or over 128 characters are refused by the policy (PP-2).
        for p in Self.controls.map({ "Tsuqvok1" + $0 }) + [String(repeating: "Aa1!", count: 33)] {
            try refused("password policy") { try e.createContract(email: "p@example.com", plan: .basic, password: p) }
        }
        // The search and the audit filters take any text without failing or storing anything.
        let before = try snapshot()
        for b in bad {
            XCTAssertNoThrow(try e.users(by: id, matching: b))
            XCTAssertNoThrow(try e.auditLog(by: id, filter: AuditLogFilter(person: b)))
        }
        XCTAssertEqual(try snapshot(), before)
    }

    func testSecondStepInputsAreRefusedAsTyped() throws {
        let c = try f.contract("two@example.com", twoStep: true)
        _ = c
        let step = try f.passwordStep("two@example.com")
        let before = try snapshot()
        for b in Self.controls + [Self.long] {
            XCTAssertThrowsEngineError(try f.engine.sendSMSCode(step, phone: b, context: f.here), .invalidPhoneNumber)
            XCTAssertThrowsEngineError(try f.engine.recoverSecondStep(step, recoveryCode: b, context: f.here),
                                       .malformedRecoveryCode)
        }
        XCTAssertEqual(try snapshot(), before)
    }
}
