import Foundation
import MonbanCore
import MonbanStore
import TestSupport

/// `monban-bench stores` (issue 21 item 7): the SQLite file and a PostgreSQL database over
/// loopback (a throwaway cluster of the bench's own, as the tests start), side by side:
/// the engine's own time per sign-in beyond the password hash, and eight terminals signing
/// in at once at the shipped cost, whose throughput the hash should bound, not the store.
enum StoreBench {
    /// The issue's target for the engine's time per sign-in on PostgreSQL, beyond the hash.
    static let postgresTargetMilliseconds = 5.0
    static let terminals = 8
    static let signInsPerTerminal = 4

    static func run() -> Int32 {
        say("monban bench, stores — \(Machine.now), \(Machine.cores) cores, \(Machine.buildConfiguration) build")
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("monban-bench-stores-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let postgres = try TestPostgres()
            defer { postgres.stop() }
            say("PostgreSQL: a cluster on 127.0.0.1:\(postgres.port) (fsync off, as in the tests), started in "
                + String(format: "%.1f", postgres.startupSeconds) + " s")
            let sqlite = try MonbanDatabase.open(path: dir.appendingPathComponent("monban.sqlite3").path, create: true)
            let pgConninfo = try postgres.createDatabase("bench")
            let pg = try PostgresStore.open(pgConninfo, keyFileBase: dir.appendingPathComponent("pg").path)

            say("[1/2] engine overhead beyond the hash, warm caches")
            let (onSQLite, _) = try Bench.warmOverhead(sqlite)
            let (onPostgres, _) = try Bench.warmOverhead(pg)

            say("[2/2] \(terminals) terminals signing in at once, \(signInsPerTerminal) each, shipped cost")
            let hash = try hashMilliseconds()
            let sqliteRate = try concurrentSignIns { try MonbanDatabase.open(path: sqlite.path, create: false) }
            let pgRate = try concurrentSignIns { try PostgresStore.open(pgConninfo, keyFileBase: dir.appendingPathComponent("pg").path) }
            let bound = Double(Machine.cores) * 1000 / hash

            let pass = onPostgres.success.median < postgresTargetMilliseconds
            say("")
            say(String(repeating: "-", count: 100))
            say("sign-in overhead beyond the hash  SQLite: median \(ms(onSQLite.success.median)) ms, p95 \(ms(onSQLite.success.p95)) ms"
                + "   PostgreSQL: median \(ms(onPostgres.success.median)) ms, p95 \(ms(onPostgres.success.p95)) ms"
                + "  (target < \(String(format: "%g", postgresTargetMilliseconds)) ms) " + (pass ? "PASS" : "FAIL"))
            say("wrong password overhead           SQLite: median \(ms(onSQLite.failure.median)) ms"
                + "   PostgreSQL: median \(ms(onPostgres.failure.median)) ms")
            say("\(terminals) terminals at once (sign-ins/s)  SQLite: \(String(format: "%.1f", sqliteRate))"
                + "   PostgreSQL: \(String(format: "%.1f", pgRate))"
                + "   the hash alone allows \(String(format: "%.1f", bound)) (\(Machine.cores) cores ÷ \(ms(hash)) ms)")
            say(String(repeating: "-", count: 100))
            return pass ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("monban-bench stores: cannot run: \(error)\n".utf8))
            return 2
        }
    }

    /// One password check at the shipped cost.
    static func hashMilliseconds() throws -> Double {
        let hasher = PasswordHasher(cost: .shipped, random: SystemRandom())
        let stored = try hasher.hash(Bench.password)
        var samples = Samples()
        for _ in 0..<3 { samples.append(try milliseconds { _ = try hasher.verify(Bench.password, against: stored) }) }
        return samples.median
    }

    /// Sign-ins per second of `terminals` threads, each with its own connection (as its own
    /// terminal), signing in at the shipped cost.
    static func concurrentSignIns(_ open: @escaping @Sendable () throws -> any ContractStore) throws -> Double {
        let setup = Engine(store: try open(), passwordCost: .shipped)
        let run = UUID().uuidString.prefix(8)
        let emails = (0..<terminals).map { "t\($0)-\(run)@bench.example" }
        for email in emails {
            _ = try setup.createContract(email: email, plan: .basic, password: Bench.password, context: Bench.context)
        }
        let failures = Failures()
        let elapsed = milliseconds {
            DispatchQueue.concurrentPerform(iterations: terminals) { t in
                do {
                    let engine = Engine(store: try open(), passwordCost: .shipped)
                    for _ in 0..<signInsPerTerminal { try Bench.signIn(engine, emails[t], Bench.password) }
                } catch { failures.add(error) }
            }
        }
        if let e = failures.first { throw e }
        return Double(terminals * signInsPerTerminal) / (elapsed / 1000)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ e: any Error) { lock.lock(); errors.append(e); lock.unlock() }
    var first: (any Error)? { lock.lock(); defer { lock.unlock() }; return errors.first }
}
