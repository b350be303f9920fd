import Foundation
import GRDB
import Synchronization
import XCTest
@testable import MonbanCore
@testable import MonbanStore

/// Issue 19 finding 9 (AU-1): the audit chain was plain SHA-256, so whoever could write the
/// database could cut its tail, or rewrite an entry and recompute every link after it, and
/// `verifyAudit` still said intact. Now the links are HMAC-SHA256 under a key that is not in
/// the database, and the chain's head goes to an anchor sink (the system log) after every
/// commit, against which the verification checks the chain.
final class AuditAnchorTests: XCTestCase {
    final class RecordingSink: AuditAnchorSink {
        let anchors = Mutex<[AuditAnchor]>([])
        func record(_ anchor: AuditAnchor, database: String) { anchors.withLock { $0.append(anchor) } }
        var last: AuditAnchor? { anchors.withLock { $0.last } }
        var all: [AuditAnchor] { anchors.withLock { $0 } }
    }

    var dir: URL!
    var clock = ManualClock()
    let here = AccessContext(terminal: "test:tty1")
    let email = "keiyaku@example.com"

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-anchor-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    var path: String { dir.appendingPathComponent("monban.sqlite3").path }

    func engine(_ sink: RecordingSink) throws -> Engine {
        Engine(database: try MonbanDatabase.open(path: path, create: true), clock: clock, random: SeededRandom(seed: 3),
               passwordCost: .testing, anchors: sink)
    }

    /// A contract, a few wrong passwords and a sign-in: a chain of a dozen entries.
    func someHistory(_ engine: Engine) throws {
        _ = try engine.createContract(email: email, plan: .basic, password: "Himitsu-2026!", name: "門番 太郎", context: here)
        try engine.database.queue.write { db in try db.execute(sql: "UPDATE contract SET two_factor_enabled = 0") }
        for i in 1...3 { _ = try? engine.signIn(email: email, password: "Wrong-\(i)!", context: here) }
        _ = try engine.signIn(email: email, password: "Himitsu-2026!", context: here)
    }

    func testF9_theHeadGoesToTheSinkAfterEveryCommit() throws {
        let sink = RecordingSink()
        let e = try engine(sink)
        try someHistory(e)
        let head = try XCTUnwrap(try e.auditHead())
        XCTAssertEqual(sink.last, head)
        XCTAssertEqual(sink.all.map(\.count), sink.all.map(\.count).sorted(), "heads only move forward")
        XCTAssertEqual(Set(sink.all.map(\.count)).count, sink.all.count, "one anchor per commit, none for a rollback")
        XCTAssertEqual(try e.verifyAudit(anchor: head), .intact(entries: Int(head.count)))
        XCTAssertEqual(AuditAnchor(head.description), head)
    }

    /// The attack: cut the tail. The chain that is left is intact in itself; the anchor says
    /// what is missing.
    func testF9_aTruncatedTailIsDetectedAgainstTheAnchor() throws {
        let sink = RecordingSink()
        let e = try engine(sink)
        try someHistory(e)
        let anchor = try XCTUnwrap(sink.last)
        try e.database.queue.write { db in
            try db.execute(sql: "DELETE FROM audit WHERE id > ?", arguments: [anchor.count - 2])
        }
        XCTAssertEqual(try e.verifyAudit(anchor: anchor), .broken(
            atEntry: anchor.count - 1,
            reason: "the log ends at entry \(anchor.count - 2) but the anchor records \(anchor.count) entries: entries were removed"))
    }

    /// The attack: rewrite an entry and recompute the chain from there, as plain SHA-256
    /// (the only hash someone without the key can compute).
    func testF9_aRewrittenAndRecomputedChainIsDetected() throws {
        let sink = RecordingSink()
        let e = try engine(sink)
        try someHistory(e)
        let anchor = try XCTUnwrap(sink.last)
        try recomputeUnkeyed(e, from: 3, detail: "nothing happened")
        XCTAssertEqual(try e.verifyAudit(), .broken(atEntry: 3, reason: "contents were changed"))
        XCTAssertEqual(try e.verifyAudit(anchor: anchor), .broken(atEntry: 3, reason: "contents were changed"))
    }

    /// With the key (the operator's account): a rewrite recomputed with HMAC passes the chain,
    /// but not the anchor the system log recorded before.
    func testF9_withTheKeyARewriteStillMissesTheAnchor() throws {
        let sink = RecordingSink()
        let e = try engine(sink)
        try someHistory(e)
        let anchor = try XCTUnwrap(sink.last)
        let key = try XCTUnwrap(try AuditKey.open(at: path + ".audit-key", create: false, entriesSoFar: 0, random: e.random))
        try e.database.queue.write { db in
            var previous: [UInt8] = try XCTUnwrap(Row.fetchOne(db, sql: "SELECT hash FROM audit WHERE id = 2")?["hash"] as Data?).map { Array($0) } ?? []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE id >= 3 ORDER BY id") {
                var entry = Engine.auditEntry(try AuditRecord(row: row))
                if entry.id == 3 { entry.detail = "nothing happened" }
                entry.previousHash = previous
                let hash = entry.expectedHash(key: key.key(forEntry: entry.id))
                try db.execute(sql: "UPDATE audit SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
                               arguments: [entry.detail, Data(previous), Data(hash), entry.id])
                previous = hash
            }
        }
        XCTAssertEqual(try e.verifyAudit(), .intact(entries: Int(anchor.count)), "the key forges a whole chain…")
        XCTAssertEqual(try e.verifyAudit(anchor: anchor), .broken(
            atEntry: anchor.count, reason: "does not match the anchor: the log was rewritten up to here"), "…but not the anchor")
    }

    /// Entries an older monban wrote (plain SHA-256, no key file yet) verify as the legacy
    /// prefix; every entry after the key was made must be keyed, and the prefix's length is in
    /// the key file, so a rewritten database cannot lengthen it.
    func testF9_entriesFromBeforeTheKeyVerifyAsALegacyPrefix() throws {
        let sink = RecordingSink()
        let e = try engine(sink)
        try someHistory(e)
        let total = try e.auditEntries().count
        // Back to an older monban's chain: every link plain SHA-256, no key file.
        try recomputeUnkeyed(e, from: 1, detail: nil)
        try FileManager.default.removeItem(atPath: path + ".audit-key")
        XCTAssertEqual(try e.verifyAuditInDetail().legacy, total)
        // The next entry makes the key, with the entries so far as the prefix.
        _ = try? e.signIn(email: email, password: "Wrong-9!", context: here)
        let detail = try e.verifyAuditInDetail()
        XCTAssertEqual(detail.result, .intact(entries: total + 1))
        XCTAssertEqual(detail.legacy, total)
        // Rewriting the whole chain as plain SHA-256 now fails at the first keyed entry.
        try recomputeUnkeyed(e, from: 2, detail: "forged")
        XCTAssertEqual(try e.verifyAudit(), .broken(atEntry: Int64(total + 1), reason: "contents were changed"))
    }

    /// Rewrites entry `from`'s detail (when given) and recomputes every link from there as
    /// plain SHA-256.
    func recomputeUnkeyed(_ e: Engine, from first: Int64, detail: String?) throws {
        try e.database.queue.write { db in
            var previous: [UInt8] = first == 1 ? AuditEntry.genesis
                : (try Row.fetchOne(db, sql: "SELECT hash FROM audit WHERE id = ?", arguments: [first - 1])?["hash"] as Data?).map { Array($0) } ?? []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE id >= ? ORDER BY id", arguments: [first]) {
                var entry = Engine.auditEntry(try AuditRecord(row: row))
                if entry.id == first, let detail { entry.detail = detail }
                entry.previousHash = previous
                let hash = entry.expectedHash(key: nil)
                try db.execute(sql: "UPDATE audit SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
                               arguments: [entry.detail, Data(previous), Data(hash), entry.id])
                previous = hash
            }
        }
    }
}
