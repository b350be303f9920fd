import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One postgres server of a throwaway cluster: its data folder, its port on 127.0.0.1 and
/// its log; its unix socket is in the cluster's folder. The primary (TestPostgres) and a
/// standby (TestPostgresStandby) are each one of these (issue 21 item 6).
final class PostgresServer {
    let tools: PostgresTools
    /// The cluster's folder: the data folders, the logs and the unix sockets.
    let folder: URL
    let data: URL
    let log: URL
    private(set) var port: Int

    init(tools: PostgresTools, folder: URL, name: String) throws {
        self.tools = tools
        self.folder = folder
        data = folder.appendingPathComponent(name)
        log = folder.appendingPathComponent("\(name).log")
        port = try closedPort()
    }

    /// Settings for tests: no fsync (committed data still survives a killed server, only not a
    /// crashed machine), small memory, loopback and the folder's socket only.
    func writeSettings() throws {
        try appendSettings("""

            # monban tests (Tests/TestSupport/PostgresServer.swift)
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(folder.path)'
            fsync = off
            full_page_writes = off
            shared_buffers = 16MB
            max_connections = 300
            wal_keep_size = 256MB
            log_line_prefix = '%m [%p] %q%u@%d '
            """)
    }

    /// Appends to postgresql.conf (a later line wins over an earlier one); the file keeps its owner.
    func appendSettings(_ lines: String) throws {
        let file = try FileHandle(forWritingTo: data.appendingPathComponent("postgresql.conf"))
        defer { try? file.close() }
        try file.seekToEnd()
        try file.write(contentsOf: Data((lines + "\n").utf8))
    }

    /// pg_ctl start, waiting until it accepts connections; on a port taken meanwhile by
    /// something else (closedPort() only found it free), again on another port.
    func start() throws {
        var attempt = 0
        while true {
            attempt += 1
            try appendSettings("port = \(port)")
            do {
                try tools.server("pg_ctl", ["start", "-D", data.path, "-l", log.path, "-w", "-t", "60"], in: folder)
                return
            } catch let failure as PostgresCommandFailed {
                let log = logText()
                guard attempt < 3, log.contains("could not bind") || log.contains("could not create any TCP/IP sockets") else {
                    throw TestEnvironmentMissing("the PostgreSQL server did not start: \(failure)\n\(log.suffix(2000))")
                }
                port = try closedPort()
            }
        }
    }

    /// pg_ctl stop (-m immediate: the server killed, as by a crash; else -m fast), waiting
    /// until it is gone. A server already stopped is left so.
    func shutDown(immediate: Bool) throws {
        guard isRunning else { return }
        try tools.server("pg_ctl", ["stop", "-D", data.path, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"], in: folder)
    }

    /// pg_ctl restart: -m immediate kills the server (crash recovery at its start), -m fast
    /// ends its sessions cleanly. Waits until it accepts connections again.
    func restart(immediate: Bool) throws {
        try tools.server("pg_ctl", ["restart", "-D", data.path, "-l", log.path, "-m", immediate ? "immediate" : "fast",
                                    "-w", "-t", "60"], in: folder)
    }

    /// The postmaster's process id while the server runs (the first line of postmaster.pid).
    var processID: Int32? {
        guard let text = try? String(contentsOf: data.appendingPathComponent("postmaster.pid"), encoding: .utf8),
              let first = text.split(separator: "\n").first, let pid = Int32(first) else { return nil }
        return pid
    }

    var isRunning: Bool { processID.map(processIsRunning) ?? false }

    /// The postmaster and its children (backends, walwriter, walsender …).
    var processIDs: [Int32] {
        guard let pid = processID, processIsRunning(pid) else { return [] }
        return [pid] + childProcesses(of: pid)
    }

    /// Last resort when pg_ctl could not stop it: SIGKILL to the postmaster and its children.
    func kill() {
        for pid in processIDs { _ = Glibc.kill(pid, SIGKILL) }
    }

    func logText() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// A libpq connection string over TCP.
    func connectionString(database: String, user: String) -> String {
        "host=127.0.0.1 port=\(port) dbname=\(database) user=\(user)"
    }

    /// The superuser over the unix socket (trusted whatever the TCP authentication).
    func psql(_ sql: String, database: String) throws -> String {
        try tools.psql(sql, connection: "host=\(folder.path) port=\(port) dbname=\(database) user=postgres", in: folder)
    }
}
