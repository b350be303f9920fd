import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL command (psql, pg_ctl, initdb …) that exited non-zero: its output says why.
public struct PostgresCommandFailed: Error, CustomStringConvertible {
    public let command: String
    public let status: Int32
    public let output: String
    public var description: String { "\(command) exited \(status): \(output)" }
}

/// The PostgreSQL server programs of this machine and the user they run as (issue 21 item 6).
///
/// initdb and postgres refuse to run as root, and CI runs the tests as root: there every
/// server program runs as the `postgres` user (Debian's package `postgresql` creates it)
/// through `runuser`, in a folder that user owns. Run as anybody else, they run as that
/// user. Client programs (psql) run as the test process itself.
struct PostgresTools {
    let binaries: URL
    /// The user the server programs run as, when the tests run as root; nil otherwise.
    let serverUser: (name: String, uid: uid_t, gid: gid_t)?

    init() throws {
        binaries = try Self.findBinaries()
        if geteuid() == 0 {
            guard let entry = getpwnam("postgres") else {
                throw TestEnvironmentMissing("the user postgres is missing: the PostgreSQL server cannot run as root "
                    + "(apt-get install postgresql creates it; make test installs it)")
            }
            serverUser = ("postgres", entry.pointee.pw_uid, entry.pointee.pw_gid)
        } else {
            serverUser = nil
        }
    }

    /// The newest /usr/lib/postgresql/N/bin (Debian), else `pg_config --bindir`, else PATH.
    static func findBinaries() throws -> URL {
        var candidates: [String] = []
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { name in Double(name).map { (name, $0) } }
            .sorted { $0.1 > $1.1 }
        candidates += versions.map { "\(root)/\($0.0)/bin" }
        if let bindir = try? run("pg_config", ["--bindir"]), bindir.status == 0 {
            candidates.append(bindir.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        candidates += path.split(separator: ":").map(String.init)
        let needed = ["initdb", "pg_ctl", "postgres", "psql", "pg_basebackup"]
        for folder in candidates where needed.allSatisfy({ FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }) {
            return URL(fileURLWithPath: folder)
        }
        throw TestEnvironmentMissing("the PostgreSQL server programs (initdb, pg_ctl, postgres, psql, pg_basebackup) "
            + "were not found in /usr/lib/postgresql/*/bin, pg_config --bindir or PATH "
            + "(apt-get install postgresql; make test installs it)")
    }

    func path(_ program: String) -> String { binaries.appendingPathComponent(program).path }

    /// A folder for a cluster, owned by the server's user. Under /tmp, not $TMPDIR: the
    /// server's user must reach it, and a unix socket's path has at most 107 bytes.
    func makeFolder() throws -> URL {
        var template = Array("/tmp/monban-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestEnvironmentMissing("mkdtemp under /tmp failed") }
        let folder = URL(fileURLWithPath: String(cString: made))
        if let user = serverUser, chown(folder.path, user.uid, user.gid) != 0 {
            try? FileManager.default.removeItem(at: folder)
            throw TestEnvironmentMissing("cannot give \(folder.path) to \(user.name)")
        }
        return folder
    }

    /// Runs a server program (initdb, pg_ctl, pg_basebackup) as the server's user; throws
    /// PostgresCommandFailed when it exits non-zero.
    @discardableResult
    func server(_ program: String, _ arguments: [String], in folder: URL) throws -> String {
        let result: (status: Int32, output: String)
        if let user = serverUser {
            result = try Self.run("/usr/sbin/runuser", ["-u", user.name, "--", path(program)] + arguments, in: folder)
        } else {
            result = try Self.run(path(program), arguments, in: folder)
        }
        guard result.status == 0 else {
            throw PostgresCommandFailed(command: "\(program) \(arguments.joined(separator: " "))",
                                        status: result.status, output: result.output)
        }
        return result.output
    }

    /// psql as the test process: no ~/.psqlrc, stop at the first error, rows as `a|b` lines.
    func psql(_ sql: String, connection: String, environment: [String: String] = [:], in folder: URL) throws -> String {
        let result = try Self.run(path("psql"), ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", connection],
                                  in: folder, input: sql, environment: environment)
        guard result.status == 0 else {
            throw PostgresCommandFailed(command: "psql \(connection)", status: result.status, output: result.output)
        }
        var output = result.output
        while output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    /// Runs a program to its end, its standard input from `input` and its output (stdout and
    /// stderr together) through a file. Spawned with posix_spawn and reaped with waitpid, every
    /// inherited descriptor closed on exec, not with Process: the server pg_ctl starts outlives
    /// it and would hold Foundation's process-monitoring descriptor, and waitUntilExit would
    /// never return (seen here; TmuxTerminal does the same for tmux). The environment is the
    /// test's without its PG* variables (a test's PGPASSFILE or PGSERVICE must not reach the
    /// harness), plus `environment`.
    static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil, input: String = "",
                    environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        var template = Array("/tmp/monban-pg-run-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestEnvironmentMissing("mkdtemp under /tmp failed") }
        let scratch = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let inputFile = "\(scratch)/in", outputFile = "\(scratch)/out"
        try Data(input.utf8).write(to: URL(fileURLWithPath: inputFile))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputFile, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        env.merge(environment) { $1 }
        // In `folder` (through sh: glibc's addchdir_np is not in Swift's Glibc): the server's
        // user may not reach the test's own working folder, and initdb stops where it cannot.
        let command = folder.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path, executable] } ?? [executable]
        var argv: [UnsafeMutablePointer<CChar>?] = (command + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }

        closeInheritedDescriptorsOnExec()
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, &argv, &envp)
        guard spawned == 0 else {
            throw TestEnvironmentMissing("\(executable) could not be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        // Exited normally: its code; killed by a signal: 128 + the signal, as a shell says.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, text)
    }
}

/// Processes whose parent is `pid` (from /proc): a server's backends and helpers.
func childProcesses(of pid: Int32) -> [Int32] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return names.compactMap { name -> Int32? in
        guard let child = Int32(name),
              let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // "pid (comm) state ppid …": the name may hold spaces, so read after its ")".
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
    }
}

/// Whether a process with this id exists (a zombie counts as gone).
public func processIsRunning(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    guard let close = stat.lastIndex(of: ")") else { return false }
    return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
}
