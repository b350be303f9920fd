import Foundation
import XCTest
import MonbanStore

/// The store's operations through its protocol (`ContractStore`), and the rules that
/// hold across connections as across processes: each connection here is its own
/// `MonbanDatabase` on the same file, as each monban process has.
/// The moment every test starts at.
private let t0 = Date(timeIntervalSince1970: 1_790_000_000)

final class StoreOperationTests: XCTestCase {
    private var base: URL!
    private var path: String { base.appendingPathComponent("monban.db").path }

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("monban-store-ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let base { try? FileManager.default.removeItem(at: base) }
    }

    /// A database with one contract and one person; their ids.
    private func seeded() throws -> (store: any ContractStore, contract: Int64, person: Int64) {
        let store: any ContractStore = try MonbanDatabase.open(path: path, create: true)
        let ids = try store.write { tx -> (Int64, Int64) in
            let contract = try tx.insertContract(plan: "basic", createdAt: t0, trialStartedAt: nil)
            let person = try tx.insertPerson(NewPerson(
                contractID: contract, email: "Keiyaku@Example.com", name: "契約 太郎", role: "contractor",
                loginMethod: "email_password", passwordHash: "$scrypt$x", registered: true, createdAt: t0))
            return (contract, person)
        }
        return (store, ids.0, ids.1)
    }

    /// Runs `body` on `connections` connections at once, each its own open of the file.
    private func concurrently(_ connections: Int, _ body: @escaping @Sendable (any ContractStore, Int) throws -> Void) throws {
        let stores = try (0..<connections).map { _ in try MonbanDatabase.open(path: path, create: false) }
        let failures = FailureBox()
        DispatchQueue.concurrentPerform(iterations: connections) { i in
            do { try body(stores[i], i) } catch { failures.add(error) }
        }
        XCTAssertEqual(failures.errors, [], "no connection failed")
    }

    // MARK: persons

    func testPersonRoundTripAndCaseInsensitiveAddress() throws {
        let (store, contract, person) = try seeded()
        let found = try XCTUnwrap(try store.read { try $0.person(email: "keiyaku@example.COM") })
        XCTAssertEqual(found.id, person)
        XCTAssertEqual(found.contractID, contract)
        XCTAssertEqual(found.role, "contractor")
        XCTAssertEqual(found.passwordHash, "$scrypt$x")
        XCTAssertEqual(found.createdAt, t0)
        XCTAssertNil(found.lockedAt)
        XCTAssertEqual(try store.read { try $0.personCount(contractID: contract) }, 1)
    }

    func testSearchFollowsAnAddressChange() throws {
        let (store, contract, person) = try seeded()
        XCTAssertEqual(try store.read { try $0.searchPeople(text: "keiyaku", contractID: contract, limit: 10) }.map(\.id),
                       [person])
        try store.write { tx in
            try tx.setEmail(personID: person, to: "shin@example.com", old: ("Keiyaku@Example.com", "契約 太郎"))
        }
        XCTAssertEqual(try store.read { try $0.searchPeople(text: "keiyaku", contractID: contract, limit: 10) }, [])
        XCTAssertEqual(try store.read { try $0.searchPersonIDs(text: "shin", beyond: nil, descending: false, limit: 10) },
                       [person])
        XCTAssertEqual(try store.read { try $0.searchCount(text: "太郎", contractID: contract, upTo: 10) }, 1)
    }

    /// LK-1: wrong passwords counted from several processes at once are all counted,
    /// and the account is locked exactly once.
    func testLK1_failureCountsFromManyConnectionsAreNeverLost() throws {
        let (_, _, person) = try seeded()
        let locks = Counter()
        try concurrently(4) { store, _ in
            for _ in 0..<5 {
                try store.write { tx in
                    guard let p = try tx.person(id: person), p.lockedAt == nil else { return }
                    let count = p.failedAttempts + 1
                    try tx.setFailedAttempts(personID: person, count: count, lockedAt: count >= 10 ? t0 : nil)
                    if count >= 10 { locks.increment() }
                }
            }
        }
        let store = try MonbanDatabase.open(path: path, create: false)
        let p = try XCTUnwrap(try store.read { try $0.person(id: person) })
        XCTAssertEqual(p.failedAttempts, 10, "the count stops at the lock")
        XCTAssertEqual(p.lockedAt, t0)
        XCTAssertEqual(locks.value, 1, "exactly one writer locked the account (one lock e-mail)")
    }

    func testLockIsTakenOnce() throws {
        let (_, _, person) = try seeded()
        let locked = Counter()
        try concurrently(6) { store, _ in
            if try store.write({ try $0.lock(personID: person, at: t0) }) { locked.increment() }
        }
        XCTAssertEqual(locked.value, 1)
        let store = try MonbanDatabase.open(path: path, create: false)
        try store.write { try $0.unlock(personID: person) }
        XCTAssertNil(try store.read { try $0.person(id: person) }?.lockedAt)
    }

    // MARK: tickets

    /// TK-2: a ticket used from several processes at once is used once.
    func testTK2_aTicketIsUsedOnceUnderRaces() throws {
        let (store, _, person) = try seeded()
        let hash = [UInt8](repeating: 7, count: 32)
        try store.write { tx in
            try tx.insertTicket(hash: hash, purpose: "unlock", personID: person, payload: "", addressHash: [1, 2],
                                createdAt: t0, expiresAt: t0 + 14 * 86_400)
        }
        let used = Counter()
        try concurrently(6) { store, _ in
            try store.write { tx in
                guard let ticket = try tx.ticket(hash: hash), ticket.usedAt == nil else { return }
                if try tx.useTicket(id: ticket.id, at: t0) { used.increment() }
            }
        }
        XCTAssertEqual(used.value, 1)
        let ticket = try XCTUnwrap(try store.read { try $0.ticket(hash: hash) })
        XCTAssertEqual(ticket.usedAt, t0)
        XCTAssertFalse(try store.write { try $0.useTicket(id: ticket.id, at: t0) }, "a used ticket stays used")
        XCTAssertEqual(ticket.addressHash, [1, 2], "the address it was issued for is kept with it (TM-3)")
    }

    func testVoidingTicketsTouchesOnlyTheNamedPurposes() throws {
        let (store, _, person) = try seeded()
        try store.write { tx in
            for (n, purpose) in ["reset", "unlock", "email_change"].enumerated() {
                try tx.insertTicket(hash: [UInt8](repeating: UInt8(n), count: 32), purpose: purpose, personID: person,
                                    payload: "", addressHash: [1, 2], createdAt: t0, expiresAt: t0 + 60)
            }
            try tx.voidTickets(personID: person, purposes: ["reset", "unlock"], at: t0)
        }
        let used = try store.read { tx in
            try (0..<3).map { try tx.ticket(hash: [UInt8](repeating: UInt8($0), count: 32))?.usedAt != nil }
        }
        XCTAssertEqual(used, [true, true, false])
    }

    // MARK: audit

    /// AU-1: links appended from several processes at once form one chain: ids
    /// without a gap, each naming the hash before it.
    func testAU1_appendsFromManyConnectionsFormOneChain() throws {
        let (_, contract, person) = try seeded()
        try concurrently(4) { store, worker in
            for n in 0..<10 {
                try store.write { tx in
                    let last = try tx.lastAuditLink()
                    let id = (last?.id ?? 0) + 1
                    let previous = last?.hash ?? [UInt8](repeating: 0, count: 32)
                    let hash = (previous.map { $0 &+ 1 }) // any function of the chain so far
                    try tx.appendAudit(AuditRecord(
                        id: id, at: t0, event: "test", personID: person, contractID: contract, terminal: "w\(worker)",
                        line: "", detail: "\(n)", previousHash: previous, hash: hash))
                }
            }
        }
        let store = try MonbanDatabase.open(path: path, create: false)
        let entries = try store.read { try $0.auditEntries(after: 0, limit: 100) }
        XCTAssertEqual(entries.map(\.id), Array(1...40))
        var previous = [UInt8](repeating: 0, count: 32)
        for e in entries {
            XCTAssertEqual(e.previousHash, previous, "entry \(e.id) follows the one before")
            previous = e.hash
        }
        let scan = try store.read { tx in
            try tx.auditEntries(AuditScan(contractID: contract, event: nil, personID: person, people: nil, events: nil,
                                          lowID: 5, highID: 9, newestFirst: true, limit: 3))
        }
        XCTAssertEqual(scan.map(\.id), [9, 8, 7])
        XCTAssertEqual(try store.read { try $0.lastAuditID(contractID: contract, before: t0 + 1) }, 40)
    }

    // MARK: outbox

    func testOutboxClaimAndSettle() throws {
        let (store, _, person) = try seeded()
        let queued = try store.write { tx in
            try tx.insertOutboxMessage(NewOutboxMessage(kind: "sms", recipient: "+819012345678", subject: "", body: "b",
                                                        links: "[]", createdAt: t0, personID: person))
        }
        XCTAssertNil(try store.read { try $0.nextDueMessage(kinds: ["email"], at: t0) })
        let due = try XCTUnwrap(try store.read { try $0.nextDueMessage(kinds: ["email", "sms"], at: t0) })
        XCTAssertEqual(due.id, queued)
        XCTAssertEqual(due.state, "pending")
        XCTAssertEqual(try store.read { try $0.nextDeliveryTime(kinds: ["sms"]) }, Date(timeIntervalSince1970: 0))
        try store.write { try $0.claimMessage(id: due.id, attempt: 1, worker: "w", leaseUntil: t0 + 60, messageID: "<m>") }
        XCTAssertEqual(try store.read { try $0.abandonedClaims(kinds: ["sms"], at: t0 + 59) }, [])
        XCTAssertEqual(try store.read { try $0.abandonedClaims(kinds: ["sms"], at: t0 + 60) }.map(\.id), [due.id])
        try store.write { try $0.markMessageSent(id: due.id, at: t0 + 1) }
        let sent = try XCTUnwrap(try store.read { try $0.outboxMessage(id: due.id) })
        XCTAssertEqual(sent.state, "sent")
        XCTAssertNil(sent.leaseUntil)
        XCTAssertEqual(sent.messageID, "<m>")
        XCTAssertEqual(try store.read { try $0.outbox(recipient: "+819012345678") }.count, 1)
    }

    // MARK: two-step, lines, identities, directories

    func testTwoStepResetVoidsRegistrationAndMovesTheGeneration() throws {
        let (store, _, person) = try seeded()
        try store.write { tx in
            try tx.saveTwoStep(TwoStepRecord(personID: person, generation: 0, method: "sms", phone: "+819012345678",
                                             totpSecret: nil, totpLastStep: nil, recoveryHash: [1, 2], enrolledAt: t0))
            try tx.rememberTerminal(RememberedTerminalRecord(tokenHash: [9], personID: person, generation: 0, lastSeen: t0))
            try tx.insertChallenge(hash: [3], personID: person, generation: 0, createdAt: t0, expiresAt: t0 + 600)
        }
        XCTAssertEqual(try store.read { try $0.twoStep(personID: person, generation: 0) }?.recoveryHash, [1, 2])
        try store.write { try $0.resetTwoStep(personID: person) }
        try store.read { tx in
            XCTAssertNil(try tx.twoStep(personID: person, generation: 0))
            XCTAssertNil(try tx.rememberedTerminal(tokenHash: [9], personID: person))
            XCTAssertNil(try tx.challenge(hash: [3]))
            XCTAssertEqual(try tx.person(id: person)?.twoFactorGeneration, 1)
        }
    }

    func testLinesIdentitiesAndDirectories() throws {
        let (store, contract, person) = try seeded()
        try store.write { tx in
            try tx.replaceLines(contractID: contract, [LineRecord(number: "0312345678", area: "east"),
                                                       LineRecord(number: "0612345678", area: "west")])
            try tx.recordLineNotice(contractID: contract, number: "0612345678", notify: true, personID: person, at: t0)
            try tx.recordLineNotice(contractID: contract, number: "0612345678", notify: false, personID: person, at: t0)
            try tx.saveIdentity(IdentityRecord(personID: person, method: "google", issuer: "https://accounts.google.com",
                                               subject: "s1", email: nil, boundAt: t0))
            try tx.saveDirectory(DirectoryRecord(contractID: contract, connectionID: "ABCD1234", url: "ldaps://dc",
                                                 domain: "example.com", caPEM: nil, configuredAt: t0))
        }
        try store.read { tx in
            XCTAssertEqual(try tx.lines(contractID: contract).map(\.number), ["0312345678", "0612345678"])
            XCTAssertEqual(try tx.lineArea(contractID: contract, number: "0612345678"), "west")
            XCTAssertNil(try tx.lineArea(contractID: contract, number: "0999999999"))
            XCTAssertTrue(try tx.lineNoticeDecided(contractID: contract, number: "0612345678"))
            XCTAssertEqual(try tx.boundPersonID(issuer: "https://accounts.google.com", subject: "s1"), person)
            XCTAssertEqual(try tx.directory(connectionID: "ABCD1234")?.contractID, contract)
        }
        try store.write { try $0.deleteIdentity(personID: person) }
        XCTAssertNil(try store.read { try $0.identity(personID: person) })
    }

    func testAWriteThatThrowsLeavesNothing() throws {
        let (store, _, person) = try seeded()
        struct Refused: Error {}
        XCTAssertThrowsError(try store.write { tx in
            try tx.setLastSignIn(personID: person, at: t0)
            throw Refused()
        })
        XCTAssertNil(try store.read { try $0.person(id: person) }?.lastSignInAt)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    func increment() { lock.lock(); count += 1; lock.unlock() }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var errors: [String] { lock.lock(); defer { lock.unlock() }; return list }
    func add(_ e: any Error) { lock.lock(); list.append(String(describing: e)); lock.unlock() }
}
