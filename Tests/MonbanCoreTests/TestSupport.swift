import Foundation
import GRDB
import XCTest
@testable import MonbanCore
@testable import MonbanStore

/// An engine over a real store in a fresh folder — a SQLite file, or with
/// MONBAN_TEST_STORE=postgres a fresh PostgreSQL database (`TestStore`; ST-1: one test
/// suite, two stores) — with a manual clock, seeded randomness and a cheap password cost.
final class Fixture {
    let dir: URL
    let clock = ManualClock()
    let engine: Engine
    let here = AccessContext(terminal: "test:tty1")
    let testStore: TestStore

    static let password = "Himitsu-2026!"

    init(settings: ServiceSettings = ServiceSettings(), seed: UInt64 = 42,
         directory: any DirectoryVerifier = NoDirectory()) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-core-\(UUID().uuidString)")
        testStore = try TestStore.fresh(in: dir)
        engine = Engine(store: testStore.store, clock: clock, random: SeededRandom(seed: seed), passwordCost: .testing,
                        settings: settings, directory: directory)
    }

    deinit {
        testStore.drop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// Runs `sql` on the store directly, as a person with the database file (or the server's
    /// credentials) would: no engine, no audit entry. `?` placeholders on both stores.
    func sql(_ sql: String, _ arguments: [TestValue] = []) throws {
        try testStore.execute(sql, arguments)
    }

    /// A contract and its contractor. Two-step verification is switched off
    /// (directly in the store, no audit entry) unless `twoStep`: the tests of
    /// other rules sign in with the password alone.
    @discardableResult
    func contract(
        _ email: String = "keiyaku@example.com", plan: Plan = .basic, password: String? = Fixture.password,
        twoStep: Bool = false
    ) throws -> CreatedContract {
        let created = try engine.createContract(email: email, plan: plan, password: password, name: "門番 太郎", context: here)
        if !twoStep {
            try engine.store.write { tx in try tx.setTwoFactorEnabled(contractID: created.contract.id, false) }
        }
        return created
    }

    /// Signs in with the password; fails when a second step is asked.
    func signIn(_ email: String = "keiyaku@example.com", _ password: String = Fixture.password) throws -> SignedIn {
        switch try engine.signIn(email: email, password: password, context: here) {
        case .signedIn(let s): return s
        case .secondStep: throw SecondStepAsked()
        }
    }

    /// The password step only, expecting the second step (LG-3).
    func passwordStep(
        _ email: String = "keiyaku@example.com", _ password: String = Fixture.password, context: AccessContext? = nil
    ) throws -> SecondStep {
        switch try engine.signIn(email: email, password: password, context: context ?? here) {
        case .secondStep(let step): return step
        case .signedIn:
            XCTFail("signed in without a second step")
            throw SecondStepAsked()
        }
    }

    func outbox(_ to: String? = nil) throws -> [OutboxMessage] { try engine.inbox(to: to) }

    func lastLink(to: String, path: String) throws -> Link {
        let links = try outbox(to).flatMap(\.links).filter { $0.contains(path) }
        guard let last = links.last else {
            XCTFail("no link with \(path) mailed to \(to)")
            throw EngineError.linkInvalid
        }
        return try Link(parsing: last)
    }

    /// Every text stored anywhere in the database, for "never a secret" checks.
    func allStoredText(excluding: Set<String> = []) throws -> String {
        try testStore.storedText(["contract", "person", "ticket", "outbox", "audit", "two_step", "sign_in_challenge",
                                  "remembered_terminal"].filter { !excluding.contains($0) })
    }

    func auditEvents() throws -> [String] { try engine.auditEntries().map(\.event) }
}

func XCTAssertThrowsEngineError<T>(
    _ expression: @autoclosure () throws -> T, _ expected: EngineError, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        XCTAssertEqual(error as? EngineError, expected, file: file, line: line)
    }
}

struct SecondStepAsked: Error {}
