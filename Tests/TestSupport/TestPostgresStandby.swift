import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A streaming standby of a TestPostgres cluster on a second port of 127.0.0.1, for failover
/// tests (issue 21 item 6): made with pg_basebackup -R from the primary, read-only until
/// `promote()`. Clients with `twoHostConnectionString` reach whichever of the two accepts
/// writes. Its data folder is in the primary's folder; TestPostgres.stop() stops it.
public final class TestPostgresStandby {
    let server: PostgresServer
    private let primary: PostgresServer

    init(primary: PostgresServer, name: String) throws {
        self.primary = primary
        server = try PostgresServer(tools: primary.tools, folder: primary.folder, name: name)
        // Through the primary's unix socket as the superuser: trusted, whatever the TCP
        // authentication. -R writes primary_conninfo and standby.signal.
        try primary.tools.server("pg_basebackup", ["-D", server.data.path, "-h", primary.folder.path,
                                                   "-p", String(primary.port), "-U", "postgres",
                                                   "-R", "-X", "stream", "-c", "fast", "--no-sync"], in: primary.folder)
        // The primary's postgresql.conf came along; start() appends this server's own port.
        do {
            try server.start()
        } catch {
            server.stopOrKill()
            throw error
        }
    }

    public var port: Int { server.port }

    /// "host=127.0.0.1 port=N dbname=monban user=monban" on the standby alone.
    public var connectionString: String {
        server.connectionString(database: TestPostgres.database, user: TestPostgres.role)
    }

    /// Both servers, the primary first: libpq tries each and keeps the one that accepts writes.
    public var twoHostConnectionString: String {
        "host=127.0.0.1,127.0.0.1 port=\(primary.port),\(server.port) dbname=\(TestPostgres.database) "
            + "user=\(TestPostgres.role) target_session_attrs=read-write"
    }

    /// SQL as the superuser on the standby (read-only until promoted).
    @discardableResult
    public func psql(_ sql: String, database: String = TestPostgres.database) throws -> String {
        try server.psql(sql, database: database)
    }

    /// Waits until the standby has replayed everything the primary has written so far.
    public func waitUntilCaughtUp(timeout: Double = 30) throws {
        let written = try primary.psql("SELECT pg_current_wal_lsn();", database: "postgres")
        let deadline = Date().addingTimeInterval(timeout)
        while try server.psql("SELECT pg_last_wal_replay_lsn() >= '\(written)'::pg_lsn;", database: "postgres") != "t" {
            guard Date() < deadline else {
                throw PostgresCommandFailed(command: "waitUntilCaughtUp", status: 1,
                                            output: "the standby did not replay \(written) in \(timeout) s\n\(server.logText().suffix(2000))")
            }
            usleep(20_000)
        }
    }

    /// Whether it is still a standby (pg_is_in_recovery()).
    public var isInRecovery: Bool {
        get throws { try server.psql("SELECT pg_is_in_recovery();", database: "postgres") == "t" }
    }

    /// pg_ctl promote: from now on it accepts writes. Returns once it does.
    public func promote() throws {
        try server.tools.server("pg_ctl", ["promote", "-D", server.data.path, "-w", "-t", "60"], in: server.folder)
    }

    /// Stops this standby's server only (immediate: as by a crash).
    public func shutDown(immediate: Bool = true) throws { try server.shutDown(immediate: immediate) }

    public var isRunning: Bool { server.isRunning }

    /// The standby's postmaster and its children, while it runs.
    public var serverProcessIDs: [Int32] { server.processIDs }

    public var log: String { server.logText() }
}
