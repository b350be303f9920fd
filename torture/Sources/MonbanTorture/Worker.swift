import Foundation
import GRDB
import MonbanCore
import MonbanStore

/// One worker of the crash-safety run: random operations through the engine on
/// a shared database, as many terminals and operators would do them. Every
/// operation is the engine's own (one IMMEDIATE transaction each); the worker
/// only reads the database to find the links the engine mailed.
public struct TortureWorker {
    public enum Operation: String, CaseIterable, Sendable {
        case signIn, wrongSignIn, reset, unlockLink, consoleUnlock, emailChange, passwordChange, saveLines
    }

    public let engine: Engine
    public let context: AccessContext
    public var random: SplitMix64
    /// Operations done, refused (an engine refusal is a normal outcome here).
    public private(set) var done: [Operation: Int] = [:]
    public private(set) var refused: [Operation: Int] = [:]
    /// Nobody to unlock.
    public private(set) var skipped: [Operation: Int] = [:]

    public init(engine: Engine, seed: UInt64, terminal: String) {
        self.engine = engine
        self.random = SplitMix64(seed: seed)
        self.context = AccessContext(terminal: terminal)
    }

    /// Wrong passwords are the most frequent, so that runs of ten (a lock) happen
    /// between the operations that clear the count (a right password, a reset…).
    static let weights: [(Operation, Int)] = [
        (.signIn, 2), (.wrongSignIn, 12), (.reset, 1), (.unlockLink, 2), (.consoleUnlock, 1), (.emailChange, 1),
        (.passwordChange, 1), (.saveLines, 2),
    ]

    /// One random operation. Refusals of the engine are counted; anything else
    /// (the store failing, a damaged row) is thrown: the run must stop on it.
    public mutating func step() throws {
        let total = Self.weights.reduce(0) { $0 + $1.1 }
        var pick = Int(random.next() % UInt64(total))
        var op = Operation.signIn
        for (o, w) in Self.weights {
            if pick < w { op = o; break }
            pick -= w
        }
        try run(op)
    }

    public mutating func run(_ op: Operation) throws {
        let person = Int64(random.next() % UInt64(TortureWorkload.peopleCount)) + 1
        do {
            switch op {
            case .signIn:
                try signIn(person, password: anyPassword())
            case .wrongSignIn:
                try signIn(person, password: TortureWorkload.wrongPassword)
            case .reset:
                try reset(person, to: anyPassword())
            case .unlockLink:
                guard let locked = try someLockedPerson() else { skipped[op, default: 0] += 1; return }
                try unlockByLink(locked)
            case .consoleUnlock:
                guard let locked = try someLockedPerson() else { skipped[op, default: 0] += 1; return }
                try consoleUnlock(locked, by: actor(for: locked))
            case .emailChange:
                try changeEmail(person, variant: Int(random.next() % UInt64(TortureWorkload.addressVariants)),
                                password: anyPassword(), by: actor(for: person))
            case .passwordChange:
                let new = anyPassword()
                try engine.changePassword(by: person, current: anyPassword(), new: new, confirmation: new, context: context)
            case .saveLines:
                let contract = TortureWorkload.contracts[Int(random.next() % UInt64(TortureWorkload.contracts.count))]
                let first = (contract - 1) * Int64(TortureWorkload.roles.count) + 1
                try saveLines(contract: contract, list: Int(random.next() % 2), by: first + Int64(random.next() % 2))
            }
            done[op, default: 0] += 1
        } catch let e as EngineError {
            if case .store = e { throw e }
            if case .cryptoUnavailable = e { throw e }
            if case .secretKey = e { throw e }
            refused[op, default: 0] += 1
        }
    }

    mutating func anyPassword() -> String {
        TortureWorkload.passwords[Int(random.next() % UInt64(TortureWorkload.passwords.count))]
    }

    /// The contractor or the administrator of the person's contract (not the person).
    mutating func actor(for person: Int64) -> Int64 {
        let first = (person - 1) / Int64(TortureWorkload.roles.count) * Int64(TortureWorkload.roles.count) + 1
        let candidates = [first, first + 1].filter { $0 != person }
        return candidates[Int(random.next() % UInt64(candidates.count))]
    }

    func email(of person: Int64) throws -> String {
        guard let p = try engine.person(id: person) else { throw TortureError("person \(person) is missing") }
        return p.email
    }

    // MARK: The operations, each usable on its own (the checker's tests build scenarios with them)

    public func signIn(_ person: Int64, password: String) throws {
        _ = try engine.signIn(email: email(of: person), password: password, context: context)
    }

    /// パスワードを忘れた方 and the mailed link: requestPasswordReset, then resetPassword.
    public func reset(_ person: Int64, to password: String) throws {
        try engine.requestPasswordReset(email: email(of: person), context: context)
        // None when the address changed between the look-up and the request (the
        // answer is then the same as for an unknown address, PW-1).
        guard let link = try lastLink(of: person, path: TicketPurpose.passwordReset.path) else { return }
        try engine.resetPassword(link, newPassword: password, confirmation: password, context: context)
    }

    public func unlockByLink(_ person: Int64) throws {
        guard let link = try lastLink(of: person, path: TicketPurpose.unlock.path) else {
            throw TortureError("person \(person) is locked and no unlock link was mailed")
        }
        try engine.unlock(link, context: context)
    }

    public func consoleUnlock(_ person: Int64, by actor: Int64) throws {
        try engine.unlockUser(by: actor, personID: person, authenticatedAt: engine.clock.now(), context: context)
    }

    /// メールアドレス変更 and its link: the contractor through the menu (EM-1), others
    /// from the 管理コンソール (EM-2); confirmed with a new password (EM-4).
    public func changeEmail(_ person: Int64, variant: Int, password: String, by actor: Int64) throws {
        let current = try email(of: person)
        var address = TortureWorkload.address(person: person, variant: variant)
        if address == current {
            address = TortureWorkload.address(person: person, variant: (variant + 1) % TortureWorkload.addressVariants)
        }
        if (person - 1) % Int64(TortureWorkload.roles.count) == 0 {
            try engine.requestEmailChange(by: person, newEmail: address, confirmation: address, context: context)
        } else {
            let mail = try engine.sendEmailChange(by: actor, personID: person, address: address,
                                                  authenticatedAt: engine.clock.now(), context: context)
            if case .approvalRequested = mail {
                // An administrator's change: approved from the current address first (issue 19 finding 7).
                guard let approval = try lastLink(of: person, path: TicketPurpose.emailChangeApproval.path) else {
                    throw TortureError("no approval link was mailed for person \(person)")
                }
                _ = try engine.approveEmailChange(approval, context: context)
            }
        }
        guard let link = try lastLink(of: person, path: TicketPurpose.emailChange.path) else {
            throw TortureError("no e-mail-change link was mailed for person \(person)")
        }
        try engine.confirmEmailChange(link, password: password, confirmation: password, context: context)
    }

    public func saveLines(contract: Int64, list: Int, by actor: Int64) throws {
        try engine.saveLineSettings(by: actor, route: .lineAndInternet,
                                    lines: TortureWorkload.lines(contract: contract, list: list).map(\.text), context: context)
    }

    func someLockedPerson() throws -> Int64? {
        try engine.database.queue.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE locked_at IS NOT NULL ORDER BY random() LIMIT 1")
        }
    }

    /// The newest link with `path` mailed for `person` (the outbox keeps whom each message is
    /// for), opened as the 受信箱 opens it: links are sealed (issue 19 finding 4).
    func lastLink(of person: Int64, path: String) throws -> Link? {
        guard let text = try engine.inbox(of: person).flatMap(\.links).last(where: { $0.contains(path + "?") })
        else { return nil }
        return try Link(parsing: text)
    }

    // MARK: For the harness's own test: a deliberately non-atomic save

    /// Saves a list of lines in TWO transactions (the first half, then the
    /// second), bypassing the engine: a kill between them leaves a partial
    /// list. Only `monban-torture run --split-line-saves` uses it, to show the
    /// crash-safety test catches an operation that is not atomic.
    public mutating func splitLineSave() throws {
        let contract = TortureWorkload.contracts[Int(random.next() % UInt64(TortureWorkload.contracts.count))]
        let entries = TortureWorkload.lines(contract: contract, list: Int(random.next() % 2))
        for (half, range) in [(0, 0..<50), (1, 50..<entries.count)] {
            try engine.database.queue.write { db in
                if half == 0 { try db.execute(sql: "DELETE FROM line WHERE contract_id = ?", arguments: [contract]) }
                for i in range {
                    try db.execute(sql: "INSERT INTO line (contract_id, position, number, area) VALUES (?, ?, ?, ?)",
                                   arguments: [contract, i, entries[i].number.value, entries[i].area.rawValue])
                }
            }
        }
    }
}
