import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests (issue 21 item 6): initdb and pg_ctl in a folder
/// of its own under /tmp, run as an unprivileged user (`postgres` when the tests run as root,
/// as in CI), listening on 127.0.0.1 on a free port and on a unix socket in that folder.
/// It holds the role `monban` and its database `monban`. `stop()` (or deinit) stops the
/// server and any standby and removes the folder.
///
///     let postgres = try TestPostgres()
///     let url = postgres.connectionString   // "host=127.0.0.1 port=N dbname=monban user=monban"
///     try postgres.psql("SELECT count(*) FROM people")
///
/// The server programs come from the newest /usr/lib/postgresql/N/bin (or pg_config --bindir,
/// or PATH); without them it throws TestEnvironmentMissing — a failure, since make test
/// installs the package `postgresql`.
public final class TestPostgres {
    /// How TCP connections authenticate; the unix socket, used by `psql`, is always trusted.
    public enum Authentication: Sendable {
        /// No password asked.
        case trust
        /// scram-sha-256: the role `monban` must give `TestPostgres.password` (from a
        /// .pgpass file, PGPASSFILE or a service file: the store refuses one in the URI).
        case password
    }

    /// The password of the role `monban` (asked only with `.password`).
    public static let password = "monban-test-password"
    public static let role = "monban"
    public static let database = "monban"

    /// The cluster's folder (data, logs, unix sockets), owned by the server's user.
    public let folder: URL
    /// How long init took: initdb, the start and the role and database.
    public let startupSeconds: Double
    let server: PostgresServer
    private var standbys: [TestPostgresStandby] = []
    private var stopped = false

    public init(authentication: Authentication = .trust) throws {
        let began = Date()
        let tools = try PostgresTools()
        Self.discardAbandoned(tools: tools)
        folder = try tools.makeFolder()
        do {
            try Data("\(getpid())\n".utf8).write(to: folder.appendingPathComponent(Self.ownerFile))
            server = try PostgresServer(tools: tools, folder: folder, name: "primary")
            // C.UTF-8 (not C): its character classes know Japanese letters, which pg_trgm needs.
            try tools.server("initdb", ["-D", server.data.path, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                                        "--no-sync", "--auth-local=trust",
                                        "--auth-host=\(authentication == .trust ? "trust" : "scram-sha-256")"], in: folder)
            try server.writeSettings()
            try server.start()
            _ = try server.psql("CREATE ROLE \(Self.role) LOGIN PASSWORD '\(Self.password)';", database: "postgres")
            _ = try server.psql("CREATE DATABASE \(Self.database) OWNER \(Self.role);", database: "postgres")
        } catch {
            Self.discard(folder: folder, tools: tools)
            throw error
        }
        startupSeconds = Date().timeIntervalSince(began)
    }

    /// The port on 127.0.0.1 (it may change only if the port chosen at start was taken).
    public var port: Int { server.port }

    /// "host=127.0.0.1 port=N dbname=monban user=monban": libpq's keyword form, over TCP.
    public var connectionString: String { server.connectionString(database: Self.database, user: Self.role) }

    /// The same database through the unix socket in `folder`.
    public var socketConnectionString: String {
        "host=\(folder.path) port=\(port) dbname=\(Self.database) user=\(Self.role)"
    }

    /// "postgresql://monban@127.0.0.1:N/monban": the URI form of `connectionString`.
    public var connectionURI: String { "postgresql://\(Self.role)@127.0.0.1:\(port)/\(Self.database)" }

    /// Another empty database owned by `monban` (one per test, say); returns its connection string.
    public func createDatabase(_ name: String) throws -> String {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), name.count < 64
        else { throw PostgresCommandFailed(command: "createDatabase", status: 1, output: "not a plain identifier: \(name)") }
        _ = try server.psql("CREATE DATABASE \(name) OWNER \(Self.role);", database: "postgres")
        return server.connectionString(database: name, user: Self.role)
    }

    /// Runs SQL as the superuser `postgres` over the unix socket (each statement on its own,
    /// stopping at the first error); returns the rows, one a line, columns split by "|".
    @discardableResult
    public func psql(_ sql: String, database: String = TestPostgres.database) throws -> String {
        try server.psql(sql, database: database)
    }

    /// Runs SQL through psql with any connection string and extra environment (PGPASSFILE,
    /// PGSERVICEFILE …): how a client configured that way connects.
    @discardableResult
    public func psql(_ sql: String, connectionString: String, environment: [String: String] = [:]) throws -> String {
        try server.tools.psql(sql, connection: connectionString, environment: environment, in: folder)
    }

    /// pg_ctl restart: immediate kills the server as a crash would (what was committed
    /// survives, open transactions are lost); otherwise a fast, clean restart. Returns when
    /// it accepts connections again; the port stays the same.
    public func restart(immediate: Bool) throws { try server.restart(immediate: immediate) }

    /// Stops the primary's server only (for a failover: the standby is then promoted); the
    /// folder stays. `start()` starts it again.
    public func shutDown(immediate: Bool = true) throws { try server.shutDown(immediate: immediate) }

    /// Starts the primary's server again after `shutDown`.
    public func start() throws { try server.start() }

    /// Whether the primary's server is running.
    public var isRunning: Bool { server.isRunning }

    /// The primary's postmaster and its children, while it runs.
    public var serverProcessIDs: [Int32] { server.processIDs }

    /// The server's log (for a failing test's message).
    public var log: String { server.logText() }

    /// A streaming standby of this cluster on a second port of 127.0.0.1 (pg_basebackup -R);
    /// it is stopped with this cluster.
    public func startStandby() throws -> TestPostgresStandby {
        let standby = try TestPostgresStandby(primary: server, name: "standby\(standbys.count + 1)")
        standbys.append(standby)
        return standby
    }

    /// Stops every server of the cluster (standbys first) and removes the folder. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        for standby in standbys { standby.server.stopOrKill() }
        server.stopOrKill()
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }

    /// The test process that made a cluster's folder (its id, in the folder).
    static let ownerFile = "owner.pid"

    /// Clusters whose test process is gone (killed before its deinit ran): their servers are
    /// stopped and their folders removed, so that a crashed run leaves nothing running for
    /// long. Only folders with an owner.pid of a dead process are touched.
    private static func discardAbandoned(tools: PostgresTools) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("monban-pg-") {
            let folder = URL(fileURLWithPath: "/tmp/\(name)")
            guard let text = try? String(contentsOf: folder.appendingPathComponent(ownerFile), encoding: .utf8),
                  let owner = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), !processIsRunning(owner)
            else { continue }
            let servers = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for server in servers where FileManager.default.fileExists(atPath: "\(folder.path)/\(server)/PG_VERSION") {
                if let abandoned = try? PostgresServer(tools: tools, folder: folder, name: server) { abandoned.stopOrKill() }
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// After a failed init: whatever started is killed, the folder removed.
    private static func discard(folder: URL, tools: PostgresTools) {
        if let server = try? PostgresServer(tools: tools, folder: folder, name: "primary") { server.stopOrKill() }
        try? FileManager.default.removeItem(at: folder)
    }
}

extension PostgresServer {
    /// pg_ctl stop -m immediate, or SIGKILL if that fails: nothing may outlive the test.
    func stopOrKill() {
        do { try shutDown(immediate: true) } catch { kill() }
        let deadline = Date().addingTimeInterval(10)
        while !processIDs.isEmpty, Date() < deadline { usleep(20_000) }
    }
}
