import Foundation
import GRDB
import MonbanCore
import MonbanTorture
import XCTest

/// The crash-safety checker can fail (issue 9 part 1): each invariant of
/// `TortureInvariants` against a database where one operation was left half
/// done by hand — the state a non-atomic engine would leave after a kill. The
/// audit log's hash chain stays valid in these databases (only its tail is cut),
/// so only the invariants can tell.
final class TortureInvariantTests: XCTestCase {
    var dir: URL!
    var path: String { dir.appendingPathComponent("torture.sqlite3").path }
    let wrong = TortureWorkload.wrongPassword
    let passwords = TortureWorkload.passwords

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-invariants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// A database where every kind of operation happened once at least, in process:
    /// a lock and its unlock link, a reset, e-mail changes (console and menu), a save
    /// of list 1, and person 7 left locked.
    func scenario() throws -> TortureWorker {
        try TortureWorkload.setup(path: path)
        let worker = TortureWorker(engine: try TortureWorkload.engine(path: path), seed: 1, terminal: "test")
        for _ in 0..<10 { try? worker.signIn(3, password: wrong) }
        try worker.unlockByLink(3)
        try worker.reset(4, to: passwords[1])
        try worker.changeEmail(2, variant: 1, password: passwords[2], by: 1)
        try worker.changeEmail(1, variant: 2, password: passwords[1], by: 1)
        try worker.saveLines(contract: 1, list: 1, by: 2)
        for _ in 0..<3 { try? worker.signIn(4, password: wrong) }
        for _ in 0..<10 { try? worker.signIn(7, password: wrong) }
        XCTAssertEqual(try check().violations.map(\.description), [], "the scenario itself is whole")
        return worker
    }

    func check() throws -> TortureInvariants.Report { try TortureInvariants.check(path: path) }

    func sql(_ worker: TortureWorker, _ statements: String, _ arguments: StatementArguments = []) throws {
        try worker.engine.database.queue.write { db in try db.execute(sql: statements, arguments: arguments) }
    }

    /// Removes the last `n` audit entries: the chain up to there stays valid.
    func cutAuditTail(_ worker: TortureWorker, _ n: Int) throws {
        try sql(worker, "DELETE FROM audit WHERE id > (SELECT max(id) FROM audit) - ?", [n])
        XCTAssertEqual(try worker.engine.verifyAudit(), .intact(entries: try worker.engine.auditEntries(limit: 100_000).count))
    }

    func assertCaught(_ kind: TortureInvariants.Kind, file: StaticString = #filePath, line: UInt = #line) throws {
        let report = try check()
        XCTAssertTrue(report.has(kind), "\(kind) not caught: \(report.violations)", file: file, line: line)
    }

    func testAWholeDatabasePasses() throws {
        var worker = try scenario()
        for _ in 0..<400 { try worker.step() }
        let report = try check()
        XCTAssertEqual(report.violations.map(\.description), [])
        XCTAssertGreaterThan(report.counts["consumed.reset", default: 0], 0)
    }

    // "a line list of a mix of old and new"
    func testCatchesAMixOfTwoLineLists() throws {
        let worker = try scenario()
        let old = TortureWorkload.lines(contract: 1, list: 0)[50]
        try sql(worker, "UPDATE line SET number = ?, area = ? WHERE contract_id = 1 AND position = 50",
                [old.number.value, old.area.rawValue])
        try assertCaught(.lines)
    }

    func testCatchesAPartialLineList() throws {
        let worker = try scenario()
        try sql(worker, "DELETE FROM line WHERE contract_id = 2 AND position >= 60")
        try assertCaught(.lines)
    }

    // "a changed password whose 2FA reset is missing"
    func testCatchesAResetWithoutItsTwoStepReset() throws {
        let worker = try scenario()
        try worker.reset(5, to: passwords[2])
        // The reset ends with two_factor.reset, then its notice (NT-1): both go, the notice's
        // message with them; the generation bump goes with the reset.
        try cutAuditTail(worker, 2)
        try sql(worker, "DELETE FROM outbox WHERE id = (SELECT max(id) FROM outbox)")
        try sql(worker, "UPDATE person SET two_factor_generation = two_factor_generation - 1 WHERE id = 5")
        try assertCaught(.auditGroup)
    }

    func testCatchesAPasswordChangeThatKeptTheTwoStepRegistration() throws {
        let worker = try scenario()
        try worker.reset(5, to: passwords[2])
        try sql(worker, "UPDATE person SET two_factor_generation = two_factor_generation - 1 WHERE id = 5")
        try assertCaught(.twoStep)
    }

    // "a used ticket whose change is missing"
    func testCatchesAUsedResetLinkWithoutTheNewPassword() throws {
        let worker = try scenario()
        try worker.reset(6, to: passwords[1])
        try cutAuditTail(worker, 2)  // password.changed, two_factor.reset
        try assertCaught(.auditGroup)
    }

    func testCatchesATicketMarkedUsedByNothing() throws {
        let worker = try scenario()
        try worker.engine.requestPasswordReset(email: TortureWorkload.address(person: 6, variant: 0), context: .operatorCommand)
        try sql(worker, "UPDATE ticket SET used_at = ? WHERE id = (SELECT max(id) FROM ticket)", [Date().timeIntervalSince1970])
        try assertCaught(.ticket)
    }

    func testCatchesALinkUsableTwice() throws {
        let worker = try scenario()
        try sql(worker, "UPDATE ticket SET used_at = NULL WHERE person_id = 3 AND purpose = 'unlock'")
        try assertCaught(.ticket)
    }

    func testCatchesAnEmailChangeHalfDone() throws {
        let worker = try scenario()
        try sql(worker, "UPDATE person SET email = ? WHERE id = 3", [TortureWorkload.address(person: 3, variant: 3)])
        try assertCaught(.email)
    }

    func testCatchesAnEmailChangeLinkUsedWithoutTheChange() throws {
        let worker = try scenario()
        try worker.changeEmail(8, variant: 2, password: passwords[0], by: 6)
        // link.used, email.changed, password.changed, two_factor.reset: keep only link.used.
        try cutAuditTail(worker, 3)
        try assertCaught(.auditGroup)
    }

    // "a lock without its e-mail"
    func testCatchesALockWithoutItsEmail() throws {
        let worker = try scenario()
        // Person 7's lock was the last operation: its e-mail is the last message.
        try sql(worker, "DELETE FROM outbox WHERE id = (SELECT max(id) FROM outbox)")
        try cutAuditTail(worker, 1)  // message.queued
        try assertCaught(.lockMail)
    }

    func testCatchesALockNobodyLogged() throws {
        let worker = try scenario()
        try sql(worker, "UPDATE person SET locked_at = ?, failed_attempts = 10 WHERE id = 8", [Date().timeIntervalSince1970])
        try assertCaught(.lockState)
        try assertCaught(.lockMail)
    }

    func testCatchesALostWrongPassword() throws {
        let worker = try scenario()
        try sql(worker, "UPDATE person SET failed_attempts = failed_attempts - 1 WHERE id = 4")
        try assertCaught(.failureCount)
    }

    func testCatchesAMessageWithoutItsEntry() throws {
        let worker = try scenario()
        try sql(worker, """
            INSERT INTO outbox (kind, recipient, subject, body, links, created_at, person_id)
            VALUES ('email', 'x@torture.example', 's', 'b', '[]', 0, 1)
            """)
        try assertCaught(.outbox)
    }
}
