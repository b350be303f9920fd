import Foundation
import GRDB
import XCTest
import MonbanCore
import MonbanDelivery
import MonbanStore

/// An engine over a real SQLite file, a manual clock, and a contract whose
/// contractor has a password, so that `forgot` queues reset e-mails.
final class DeliveryFixture {
    let dir: URL
    let clock = ManualClock()
    let engine: Engine
    let here = AccessContext(terminal: "test:tty1")
    let email = "keiyaku@example.com"
    var path: String { dir.appendingPathComponent("monban.sqlite3").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-delivery-\(UUID().uuidString)")
        let db = try MonbanDatabase.open(path: dir.appendingPathComponent("monban.sqlite3").path, create: true)
        engine = Engine(database: db, clock: clock, random: SeededRandom(seed: 7), passwordCost: .testing)
        _ = try engine.createContract(email: email, plan: .basic, password: "Himitsu-2026!", name: "門番 太郎", context: here)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Queues `n` password-reset e-mails (PW-1) and returns the outbox.
    @discardableResult
    func queueResets(_ n: Int) throws -> [OutboxMessage] {
        for i in 0..<n {
            // At most three reset mails an hour go to one address (RL-1): more move the clock on.
            if i > 0, i % RateCap.mailsPerAddressPerHour == 0 { clock.advance(RateCap.window) }
            try engine.requestPasswordReset(email: email, context: here)
        }
        return try engine.outbox()
    }

    /// Queues an SMS straight into the outbox (as `sendSMSCode` does).
    func queueSMS(_ body: String = "おまかせクラウドストレージ 認証コード: 123456") throws {
        try engine.database.queue.write { db in
            try db.execute(
                sql: "INSERT INTO outbox (kind, recipient, subject, body, links, created_at) VALUES ('sms', ?, '', ?, '[]', ?)",
                arguments: ["+819012345678", body, clock.now().timeIntervalSince1970])
        }
    }

    func message(_ id: Int64) throws -> OutboxMessage {
        try XCTUnwrap(engine.outbox().first { $0.id == id })
    }

    func auditDetails() throws -> [(event: String, detail: String)] {
        try engine.auditEntries().map { ($0.event, $0.detail) }
    }
}

/// A transport that answers from a script and counts its calls.
final class ScriptedTransport: MessageTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [DeliveryOutcome]
    private(set) var delivered: [DeliveryJob] = []

    init(_ script: [DeliveryOutcome] = []) { self.script = script }

    func deliver(_ job: DeliveryJob) -> DeliveryOutcome {
        lock.lock(); defer { lock.unlock() }
        delivered.append(job)
        return script.isEmpty ? .sent : script.removeFirst()
    }

    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return delivered.count
    }
}
