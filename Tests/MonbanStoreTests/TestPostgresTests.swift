import Foundation
import TestSupport
import XCTest

/// The throwaway PostgreSQL cluster the store tests run on (issue 21 item 6), exercised with
/// psql alone: it starts as an unprivileged user (the tests run as root in CI), keeps what was
/// committed across `restart -m immediate`, streams to a standby that can be promoted, and
/// leaves no process and no folder behind.
final class TestPostgresTests: XCTestCase {
    func testStartsWithTheMonbanRoleAndDatabaseReachableOverTCPAndTheSocket() throws {
        let postgres = try TestPostgres()
        defer { postgres.stop() }
        print("TestPostgres: initdb + start + role + database in \(String(format: "%.2f", postgres.startupSeconds)) s")

        XCTAssertEqual(try postgres.psql("SELECT current_user, current_database();", connectionString: postgres.connectionString),
                       "monban|monban")
        XCTAssertEqual(try postgres.psql("SELECT inet_server_addr(), inet_server_port();", connectionString: postgres.connectionString),
                       "127.0.0.1|\(postgres.port)")
        XCTAssertEqual(try postgres.psql("SELECT current_user;", connectionString: postgres.socketConnectionString), "monban")
        XCTAssertEqual(try postgres.psql("SELECT current_user;", connectionString: postgres.connectionURI), "monban")
        // The server does not run as root, and its folder is not root's.
        let owner = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: postgres.folder.path)[.ownerAccountID] as? NSNumber)
        let serverUser = try XCTUnwrap(postgres.serverProcessIDs.first.flatMap(Self.userOfProcess))
        XCTAssertEqual(owner.uint32Value, serverUser)
        if geteuid() == 0 { XCTAssertNotEqual(serverUser, 0, "the server runs as root") }
        // UTF-8 with a locale whose character classes know Japanese (for pg_trgm).
        XCTAssertEqual(try postgres.psql("SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = 'monban';"),
                       "UTF8|C.UTF-8")
        XCTAssertEqual(try postgres.psql("SELECT upper('ａ') = 'Ａ', '山田' ~ '^\\w+$';"), "t|t")
        // The role owns its database and may create tables there (migrations at first start).
        try postgres.psql("CREATE TABLE t (x int);", connectionString: postgres.connectionString)
    }

    func testCreateDatabaseGivesAnotherEmptyDatabaseOwnedByMonban() throws {
        let postgres = try TestPostgres()
        defer { postgres.stop() }
        let other = try postgres.createDatabase("copy_target")
        XCTAssertTrue(other.contains("dbname=copy_target"), other)
        XCTAssertEqual(try postgres.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public';", connectionString: other), "0")
        XCTAssertEqual(try postgres.psql("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'copy_target';"), "monban")
        XCTAssertThrowsError(try postgres.createDatabase("x; DROP DATABASE monban"))
    }

    func testCommittedRowsSurviveAnImmediateRestart() throws {
        let postgres = try TestPostgres()
        defer { postgres.stop() }
        try postgres.psql("CREATE TABLE locks (person text PRIMARY KEY, failures int NOT NULL);"
            + "INSERT INTO locks VALUES ('yamada', 10);")
        let before = try XCTUnwrap(postgres.serverProcessIDs.first)

        let began = Date()
        try postgres.restart(immediate: true)
        print("TestPostgres: restart -m immediate in \(String(format: "%.2f", Date().timeIntervalSince(began))) s")

        XCTAssertNotEqual(postgres.serverProcessIDs.first, before, "a new server")
        XCTAssertFalse(processIsRunning(before))
        XCTAssertTrue(postgres.log.contains("not properly shut down"), "crash recovery expected:\n\(postgres.log.suffix(1500))")
        XCTAssertEqual(try postgres.psql("SELECT failures FROM locks WHERE person = 'yamada';"), "10")
        XCTAssertEqual(try postgres.psql("SELECT current_user;", connectionString: postgres.connectionString), "monban")
    }

    func testPasswordAuthenticationTakesThePasswordFromAPgpassFile() throws {
        let postgres = try TestPostgres(authentication: .password)
        defer { postgres.stop() }
        XCTAssertThrowsError(try postgres.psql("SELECT 1;", connectionString: postgres.connectionString + " password=wrong"))
        XCTAssertThrowsError(try postgres.psql("SELECT 1;", connectionString: postgres.connectionString))

        let pgpass = FileManager.default.temporaryDirectory.appendingPathComponent("monban-pgpass-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: pgpass) }
        try Data("127.0.0.1:\(postgres.port):monban:monban:\(TestPostgres.password)\n".utf8).write(to: pgpass)
        XCTAssertEqual(chmod(pgpass.path, 0o600), 0)
        XCTAssertEqual(try postgres.psql("SELECT current_user;", connectionString: postgres.connectionString,
                                         environment: ["PGPASSFILE": pgpass.path]), "monban")
        // The superuser over the unix socket needs none.
        XCTAssertEqual(try postgres.psql("SELECT 1;"), "1")
    }

    func testStandbyStreamsThenTakesOverWhenPromoted() throws {
        let postgres = try TestPostgres()
        defer { postgres.stop() }
        // As the role monban, as the store would: the table is its own.
        try postgres.psql("CREATE TABLE mails (id serial PRIMARY KEY, address text NOT NULL);"
            + "INSERT INTO mails (address) VALUES ('before@example.jp');", connectionString: postgres.connectionString)
        let began = Date()
        let standby = try postgres.startStandby()
        print("TestPostgres: pg_basebackup + standby start in \(String(format: "%.2f", Date().timeIntervalSince(began))) s")
        XCTAssertNotEqual(standby.port, postgres.port)
        XCTAssertTrue(try standby.isInRecovery)

        try postgres.psql("INSERT INTO mails (address) VALUES ('streamed@example.jp');")
        try standby.waitUntilCaughtUp()
        XCTAssertEqual(try standby.psql("SELECT string_agg(address, ',' ORDER BY id) FROM mails;"),
                       "before@example.jp,streamed@example.jp")
        XCTAssertThrowsError(try standby.psql("INSERT INTO mails (address) VALUES ('refused@example.jp');")) { error in
            XCTAssertTrue("\(error)".contains("read-only transaction"), "\(error)")
        }
        // Two hosts: libpq keeps the one that accepts writes, the primary.
        XCTAssertEqual(try postgres.psql("SELECT inet_server_port();", connectionString: standby.twoHostConnectionString),
                       String(postgres.port))

        // Failover: the primary gone, the standby promoted; the same string now reaches it.
        try postgres.shutDown(immediate: true)
        XCTAssertFalse(postgres.isRunning)
        try standby.promote()
        XCTAssertFalse(try standby.isInRecovery)
        XCTAssertEqual(try postgres.psql("INSERT INTO mails (address) VALUES ('after@example.jp'); SELECT inet_server_port();",
                                         connectionString: standby.twoHostConnectionString),
                       String(standby.port))
        XCTAssertEqual(try standby.psql("SELECT count(*) FROM mails;"), "3")
    }

    func testStopLeavesNoProcessAndNoFolder() throws {
        let postgres = try TestPostgres()
        let standby = try postgres.startStandby()
        let processes = postgres.serverProcessIDs + standby.serverProcessIDs
        XCTAssertGreaterThan(postgres.serverProcessIDs.count, 3, "postmaster and its helpers")
        XCTAssertGreaterThan(standby.serverProcessIDs.count, 2, "postmaster, startup, walreceiver …")
        let folder = postgres.folder

        postgres.stop()

        XCTAssertEqual(processes.filter(processIsRunning), [], "still running")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
        postgres.stop()  // again: nothing to do
    }

    func testADroppedClusterStopsItselfAtDeinit() throws {
        var postgres: TestPostgres? = try TestPostgres()
        let processes = postgres?.serverProcessIDs ?? []
        let folder = try XCTUnwrap(postgres?.folder)
        XCTAssertFalse(processes.isEmpty)
        postgres = nil
        XCTAssertEqual(processes.filter(processIsRunning), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
    }

    func testAClusterWhoseTestProcessDiedIsStoppedByTheNextOne() throws {
        let abandoned = try TestPostgres()
        defer { abandoned.stop() }
        let processes = abandoned.serverProcessIDs
        XCTAssertFalse(processes.isEmpty)
        // As if its test process had been killed: the owner file names a process that is gone.
        let gone = try XCTUnwrap((100_000...4_000_000).lazy.map(Int32.init).first { !processIsRunning($0) })
        try Data("\(gone)\n".utf8).write(to: abandoned.folder.appendingPathComponent("owner.pid"))

        let next = try TestPostgres()
        defer { next.stop() }

        XCTAssertEqual(processes.filter(processIsRunning), [], "the abandoned cluster still runs")
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned.folder.path))
        XCTAssertTrue(next.isRunning, "a live cluster is left alone")
    }

    /// The real user id of a process (the "Uid:" line of /proc/PID/status).
    private static func userOfProcess(_ pid: Int32) -> UInt32? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { return nil }
        return line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.flatMap { UInt32($0) }
    }
}
