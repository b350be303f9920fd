import Foundation
import GRDB
import MonbanTorture
import XCTest

/// Issue 9 part 1: crash safety. Several `monban-torture` workers — the engine in
/// a real process, doing sign-ins (right and wrong, so accounts lock), password
/// resets through the mailed link, unlock links, e-mail changes, password
/// changes and saves of the line list — share one database, and are killed with
/// SIGKILL at random moments and started again. Afterwards (and several times
/// while they run) the database must be whole: `PRAGMA integrity_check` ok,
/// `monban audit --verify` passing, and no operation half done
/// (`TortureInvariants`, whose own tests show each check failing).
///
/// Half the kills go to the worker that holds SQLite's write lock at that moment
/// (found in /proc/locks), so many land inside a transaction, not only between them.
///
/// CI size: 200 kills of 4 workers, one every 1–100 ms (about 15 s). A larger run:
/// `make torture` (MONBAN_TORTURE_KILLS=2000); MONBAN_TORTURE_SEED replays the
/// test's choices (when and whom it kills; the workers' timing is the machine's).
final class CrashSafetyTests: EndToEndTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.torture),
                      "build monban-torture first (make test does): \(Self.torture)")
    }

    /// `MONBAN_TORTURE_BIN`, else beside `MONBAN_BIN` (make test builds both), else the debug build.
    static var torture: String {
        let env = ProcessInfo.processInfo.environment
        if let bin = env["MONBAN_TORTURE_BIN"], !bin.isEmpty { return bin }
        return URL(fileURLWithPath: MonbanProcess.binary).deletingLastPathComponent()
            .appendingPathComponent("monban-torture").path
    }

    static func setting(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    func testSIGKILLedWorkersLeaveNoOperationHalfDone() throws {
        let kills = Self.setting("MONBAN_TORTURE_KILLS", 200)
        let workers = Self.setting("MONBAN_TORTURE_WORKERS", 4)
        let seed = UInt64(Self.setting("MONBAN_TORTURE_SEED", Int.random(in: 1...Int(Int32.max))))
        print("crash safety: \(kills) kills of \(workers) workers, MONBAN_TORTURE_SEED=\(seed)")
        let started = Date()
        try setUpDatabase()

        var random = SplitMix64(seed: seed)
        var running = try (0..<workers).map { try startWorker($0, seed: random.next()) }
        var killed = 0
        var writerKills = 0
        var liveChecks = 0
        defer { for w in running { w.kill() } }
        while killed < kills {
            // A random moment: anywhere in a worker's life, from its start-up to deep in its loop.
            usleep(useconds_t(1_000 + random.next() % 100_000))
            var slot = Int(random.next() % UInt64(workers))
            // Half the time, the worker inside a write transaction, when one is.
            if random.next() % 2 == 0, let writer = writer(among: running.map(\.pid)),
               let i = running.firstIndex(where: { $0.pid == writer }) {
                slot = i
                writerKills += 1
            }
            let outcome = running[slot].kill()
            guard outcome == .killed else {
                return XCTFail("worker \(slot) ended by itself (\(outcome)) before its SIGKILL, seed \(seed):\n\(running[slot].errors)")
            }
            killed += 1
            running[slot] = try startWorker(slot, seed: random.next())
            if killed % 50 == 0 {
                // A reader while the workers write sees whole operations too.
                let live = try TortureInvariants.check(path: db)
                liveChecks += 1
                XCTAssertEqual(live.violations.map(\.description), [], "live check after \(killed) kills, seed \(seed)")
            }
        }
        for w in running {
            let outcome = w.kill()
            XCTAssertEqual(outcome, .killed, "a worker ended by itself, seed \(seed):\n\(w.errors)")
            killed += 1
        }
        let killing = Date().timeIntervalSince(started)

        // The file: SQLite's own check, foreign keys.
        let queue = try DatabaseQueue(path: db)
        let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(integrity, ["ok"])
        let foreignKeys = try queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        XCTAssertEqual(foreignKeys.count, 0, "\(foreignKeys)")
        try queue.close()

        // The audit log's hash chain, by the real client.
        let verify = try MonbanProcess.run(["audit", "--verify", "--db", db])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("audit log intact"), verify.stdout)

        // No operation half done.
        let report = try TortureInvariants.check(path: db)
        XCTAssertEqual(report.violations.map(\.description), [], "seed \(seed)")
        print("crash safety: \(killed) SIGKILLs (\(writerKills) of the worker holding the write lock), \(liveChecks) live checks, "
              + "\(String(format: "%.1f", killing)) s; \(report.summary)")
        if FileManager.default.isReadableFile(atPath: "/proc/locks") {
            XCTAssertGreaterThan(writerKills, 0, "no kill inside a write transaction")
        }

        // The run did what it is about (each of these is in the invariants above).
        let c = report.counts
        XCTAssertGreaterThan(c["consumed.reset", default: 0], 0, "password resets through the link")
        XCTAssertGreaterThan(c["consumed.email_change", default: 0], 0, "e-mail changes")
        XCTAssertGreaterThan(c["account.locked", default: 0], 0, "locks")
        XCTAssertGreaterThan(c["consumed.unlock", default: 0], 0, "unlock links")
        XCTAssertGreaterThan(c["contract.lines_saved", default: 0], TortureWorkload.contracts.count, "saves of the lines")
    }

    /// The harness catches an operation that is not atomic: workers that save the
    /// lines in two transactions (`--split-line-saves`) leave, once killed, a list
    /// that is neither list 0 nor list 1.
    func testTheHarnessCatchesANonAtomicSave() throws {
        try setUpDatabase()
        var random = SplitMix64(seed: 9)
        for round in 1...60 {
            let workers = try (0..<2).map { try startWorker($0, seed: random.next(), extra: ["--split-line-saves"]) }
            usleep(useconds_t(5_000 + random.next() % 40_000))
            for w in workers { _ = w.kill() }
            let report = try TortureInvariants.check(path: db)
            if report.has(.lines) {
                print("the split save was caught after \(round) rounds: \(report.violations.map(\.description))")
                return
            }
        }
        XCTFail("60 rounds of kills never left a partial list of lines")
    }

    // MARK: Workers

    /// The worker holding SQLite's WAL write lock now: an fcntl lock on byte 120 of the
    /// `-shm` file (`UNIX_SHM_BASE`, the slot of `WAL_WRITE_LOCK`), held from BEGIN
    /// IMMEDIATE to the end of COMMIT, which /proc/locks lists with its pid. Killing it
    /// kills a transaction under way (unless it ends in the microseconds between).
    func writer(among pids: [pid_t]) -> pid_t? {
        var info = stat()
        guard stat(db + "-shm", &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
            return nil
        }
        for line in locks.split(separator: "\n") {
            // "1: POSIX  ADVISORY  WRITE 16195 fe:00:16285818 120 120" (waiters have "->" and are skipped).
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 8, f[1] == "POSIX", f[3] == "WRITE", f[5].hasSuffix(":\(info.st_ino)"), f[6] == "120",
                  let pid = pid_t(f[4]), pids.contains(pid)
            else { continue }
            return pid
        }
        return nil
    }

    func setUpDatabase() throws {
        let setup = try MonbanProcess.runExecutable(Self.torture, ["setup", "--db", db])
        XCTAssertEqual(setup.status, 0, setup.stderr)
    }

    func startWorker(_ slot: Int, seed: UInt64, extra: [String] = []) throws -> Worker {
        let errors = dir.appendingPathComponent("worker-\(slot).err").path
        let pid = try Spawn.start(Self.torture, ["run", "--db", db, "--seed", String(seed)] + extra, stderr: errors)
        return Worker(pid: pid, errorsPath: errors)
    }

    struct Worker {
        var pid: pid_t
        var errorsPath: String

        enum Outcome: Equatable, CustomStringConvertible {
            case killed
            case exited(Int32)
            case signalled(Int32)
            var description: String {
                switch self {
                case .killed: "SIGKILL"
                case .exited(let s): "exit status \(s)"
                case .signalled(let s): "signal \(s)"
                }
            }
        }

        /// SIGKILL, then reaps it: `.killed` when it was still running.
        @discardableResult
        func kill() -> Outcome {
            _ = Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let signal = status & 0x7F
            if signal == 0 { return .exited((status >> 8) & 0xFF) }
            return signal == SIGKILL ? .killed : .signalled(signal)
        }

        var errors: String { (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "" }
    }
}

/// posix_spawn with standard output to /dev/null and standard error to a file:
/// Foundation's Process polls for the end of a child, too slowly for hundreds of kills.
enum Spawn {
    static func start(_ path: String, _ arguments: [String], stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }
}
