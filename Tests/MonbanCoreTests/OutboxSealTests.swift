import Foundation
import GRDB
import XCTest
@testable import MonbanCore
@testable import MonbanStore

/// Issue 19 finding 4 (TM-2): the outbox kept every link (ticket) and SMS code in clear for
/// as long as the row existed, so a copy of the database yielded live reset links for 14
/// days. These tests do what the holder of such a copy does: read the file's bytes.
final class OutboxSealTests: XCTestCase {
    var f: Fixture!
    let email = "keiyaku@example.com"

    override func setUpWithError() throws {
        f = try Fixture()
        try f.contract()
    }

    /// The database file and its write-ahead log, as bytes: what a copy of them holds.
    func rawFiles() throws -> [UInt8] {
        let path = try f.engine.database.path
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { bytes += Array(wal) }
        return bytes
    }

    func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, haystack.count >= n.count else { return false }
        for i in 0...(haystack.count - n.count) where haystack[i] == n[0] && Array(haystack[i..<(i + n.count)]) == n {
            return true
        }
        return false
    }

    func ticket(of link: String) -> String { String(link.split(separator: "=").last ?? "") }

    /// A reset link, a lock's unlock link and an SMS code: every kind of secret the outbox carries.
    func mailAndTextSecrets() throws -> (tickets: [String], code: String) {
        try f.engine.requestPasswordReset(email: email, context: f.here)
        for _ in 1...10 { _ = try? f.signIn(email, "Wrong!2026") }
        // An SMS code: a second contract with two-step on, enrolling by SMS.
        try f.contract("sms@example.com", twoStep: true)
        guard case .secondStep(let step) = try f.engine.signIn(email: "sms@example.com", password: Fixture.password,
                                                                context: f.here) else { throw SecondStepAsked() }
        _ = try f.engine.sendSMSCode(step, phone: "090-1234-5678", context: f.here)
        let opened = try f.engine.inbox()
        let tickets = opened.flatMap(\.links).map(ticket)
        XCTAssertEqual(tickets.count, 2, "a reset link and an unlock link")
        let sms = try XCTUnwrap(opened.last { $0.kind == .sms }?.body)
        let code = String(try XCTUnwrap(sms.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }))
        return (tickets, code)
    }

    func testF4_aCopyOfTheDatabaseHoldsNoLiveTicketAndNoSMSCode() throws {
        let (tickets, code) = try mailAndTextSecrets()
        let raw = try rawFiles()
        for t in tickets { XCTAssertFalse(contains(raw, t), "a live ticket in the database file") }
        XCTAssertFalse(contains(raw, code), "an SMS code in the database file")
        // What stays in clear: the text, with placeholders.
        let shown = try f.engine.outbox()
        XCTAssertTrue(shown.allSatisfy { $0.links.isEmpty && $0.sealed })
        XCTAssertTrue(shown.contains { $0.body.contains(OutboxRedaction.linkPlaceholder) })
        XCTAssertTrue(shown.contains { $0.kind == .sms && $0.body.contains(OutboxRedaction.codePlaceholder) })
        // The key file, beside the database and not in it, opens them for the deliverer and the inbox.
        let link = try f.lastLink(to: email, path: "/lo/reset")
        XCTAssertNoThrow(try f.engine.inspect(link))
    }

    func testF4_deliveredOrExpiredMessagesKeepOnlyThePlaceholder() throws {
        let (tickets, code) = try mailAndTextSecrets()
        let policy = DeliveryPolicy()
        // The first message (the reset mail) is delivered: its sealed copy goes.
        let job = try XCTUnwrap(try f.engine.claimNextMessage(kinds: [.email], worker: "w", policy: policy, messageIDDomain: "x"))
        XCTAssertTrue(job.message.links.first.map { $0.hasSuffix(tickets[0]) } ?? false, "the deliverer opens it")
        try f.engine.recordDelivery(job, .sent, policy: policy)
        let sent = try XCTUnwrap(try f.engine.inbox().first { $0.id == job.message.id })
        XCTAssertFalse(sent.sealed)
        XCTAssertTrue(sent.links.isEmpty)
        XCTAssertFalse(sent.body.contains(tickets[0]))
        XCTAssertTrue(sent.body.contains(OutboxRedaction.linkPlaceholder))
        let stored = try f.engine.database.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT sealed, secrets FROM outbox WHERE id = ?", arguments: [job.message.id])
        }
        XCTAssertNil(stored?["sealed"] as Data?)
        XCTAssertEqual(stored?["secrets"], "removed")
        // The SMS code lives ten minutes: after that, opened or not, it is gone.
        f.clock.advance(11 * 60)
        XCTAssertFalse(try f.engine.inbox().contains { $0.body.contains(code) })
        // Links live 14 days: the next message queued drops the old ones' sealed copies.
        f.clock.advance(14 * 86_400)
        try f.engine.requestPasswordReset(email: email, context: f.here)
        let sealedRows = try f.engine.database.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE sealed IS NOT NULL") ?? -1
        }
        XCTAssertEqual(sealedRows, 1, "only the new mail keeps its link")
        for t in tickets { XCTAssertFalse(try f.engine.inbox().contains { $0.body.contains(t) || $0.links.contains { $0.contains(t) } }) }
    }

    /// A sealed body copied to another row (a message to the attacker's address) does not
    /// open: the deliverer gives that message up instead of mailing someone else's link.
    func testF4_aSealedBodyMovedToAnotherRecipientDoesNotOpen() throws {
        try f.engine.requestPasswordReset(email: email, context: f.here)
        try f.engine.database.queue.write { db in
            try db.execute(sql: "UPDATE outbox SET recipient = 'attacker@example.net'")
        }
        let policy = DeliveryPolicy()
        XCTAssertNil(try f.engine.claimNextMessage(kinds: [.email], worker: "w", policy: policy, messageIDDomain: "x"))
        let m = try XCTUnwrap(try f.engine.outbox().first)
        XCTAssertEqual(m.state, .failed)
        XCTAssertFalse(m.sealed)
    }

    /// `monban outbox --reveal` opens them and says so in the audit log.
    func testF4_revealingIsAudited() throws {
        try f.engine.requestPasswordReset(email: email, context: f.here)
        let revealed = try f.engine.revealOutbox(context: f.here)
        XCTAssertEqual(revealed.flatMap(\.links).count, 1)
        XCTAssertEqual(try f.auditEvents().last, "outbox.revealed")
    }

    /// A database from before the sealing: its clear rows are redacted by the migration
    /// (delivered ones) and sealed at the engine's start (waiting ones), and the old bytes
    /// are gone from the files.
    func testF4_rowsQueuedInClearBeforeTheMigrationAreSealedOrRedacted() throws {
        let path = try f.engine.database.path
        let sentLink = "https://login.monban.example/lo/reset?ticket=SENTsentSENTsentSENTsentSENTsentSENTsent123"
        let waitingLink = "https://login.monban.example/lo/reset?ticket=WAITwaitWAITwaitWAITwaitWAITwaitWAITwait123"
        // Back to the schema before v12, with rows as an older monban wrote them.
        try f.engine.database.queue.write { db in
            try db.execute(sql: """
                DELETE FROM outbox;
                DROP INDEX outbox_secrets;
                ALTER TABLE outbox DROP COLUMN sealed;
                ALTER TABLE outbox DROP COLUMN secrets;
                DELETE FROM grdb_migrations WHERE identifier = 'v12-outbox-sealed';
                """)
            for (state, body, links) in [("sent", "sent: \(sentLink)", [sentLink]), ("pending", "waiting: \(waitingLink)", [waitingLink])] {
                let json = String(decoding: try JSONEncoder().encode(links), as: UTF8.self)
                try db.execute(
                    sql: "INSERT INTO outbox (kind, recipient, subject, body, links, created_at, state) VALUES ('email', ?, 's', ?, ?, ?, ?)",
                    arguments: [email, body, json, f.clock.now().timeIntervalSince1970, state])
            }
            try db.execute(
                sql: "INSERT INTO outbox (kind, recipient, subject, body, links, created_at, state) VALUES ('sms', '+819012345678', '', ?, '[]', ?, 'sent')",
                arguments: ["おまかせクラウドストレージ 認証コード: 864209\n10分間有効です。", f.clock.now().timeIntervalSince1970])
        }
        try f.engine.database.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        XCTAssertTrue(contains(try rawFiles(), "WAITwaitWAITwait"), "the old schema's rows are in clear")
        try f.engine.database.queue.close()

        let reopened = try MonbanDatabase.open(path: path, create: false)
        let engine = Engine(database: reopened, clock: f.clock, random: SeededRandom(seed: 9), passwordCost: .testing)
        XCTAssertEqual(try engine.sealLegacyOutbox(), 1, "the waiting message is sealed")
        let raw = try rawFiles()
        for secret in ["SENTsentSENTsent", "WAITwaitWAITwait", "864209"] {
            XCTAssertFalse(contains(raw, secret), "\(secret) still in the database files")
        }
        let opened = try engine.inbox()
        XCTAssertEqual(opened.map(\.links), [[], [waitingLink], []])
        XCTAssertEqual(opened.map(\.sealed), [false, true, false])
        XCTAssertTrue(opened[2].body.contains(OutboxRedaction.codePlaceholder))
        XCTAssertEqual(try engine.sealLegacyOutbox(), 0, "once only")
    }
}
