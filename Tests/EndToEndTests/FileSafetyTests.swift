import Foundation
import XCTest

/// Issue 19, finding 12, through the real binary: the files monban refuses to trust — a
/// database, key file or device token another user owns or can read or write, an inline
/// secret in a readable config.toml — and a CA-file option that tells nothing about paths.
final class FileSafetyTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    func refusal(_ args: String..., environment: [String: String] = [:]) throws -> String {
        let r = try MonbanProcess.run(args, environment: environment)
        XCTAssertEqual(r.status, 1, "\(args) should be refused: \(r.stdout)")
        return r.stderr
    }

    func testF12_aDatabaseOrKeyFileOthersCanReachIsRefused() throws {
        try createContract(email: email, password: password, twoStep: false)
        for mode: mode_t in [0o644, 0o640, 0o660, 0o606] {
            XCTAssertEqual(chmod(db, mode), 0)
            let e = try refusal("audit", "--db", db)
            XCTAssertTrue(e.contains("the database \(db) can be read or written by other users"), e)
            XCTAssertTrue(e.contains("chmod 600 \(db)"), e)
        }
        XCTAssertEqual(chmod(db, 0o600), 0)
        XCTAssertEqual(try monban("audit", "--db", db).status, 0)

        let key = db + ".key"
        XCTAssertTrue(FileManager.default.createFile(atPath: key, contents: Data(repeating: 9, count: 32),
                                                     attributes: [.posixPermissions: 0o644]))
        let e = try refusal("audit", "--db", db)
        XCTAssertTrue(e.contains("the key file \(key) can be read or written by other users"), e)
        XCTAssertEqual(chmod(key, 0o600), 0)

        try XCTSkipUnless(geteuid() == 0, "changing a file's owner needs root")
        XCTAssertEqual(chown(db, 65534, 65534), 0)
        let owned = try refusal("outbox", "--db", db)
        XCTAssertTrue(owned.contains("the database \(db) belongs to another user (uid 65534)"), owned)
        XCTAssertEqual(chown(db, geteuid(), getegid()), 0)
        XCTAssertEqual(chown(key, 65534, 65534), 0)
        XCTAssertTrue(try refusal("audit", "--db", db).contains("the key file \(key) belongs to another user"))
    }

    func testF12_aDeviceTokenOthersCanReachIsRefused() throws {
        try createContract(email: email, password: password, twoStep: false)
        let state = dir.appendingPathComponent("state/monban")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let token = state.appendingPathComponent("device-token").path
        XCTAssertTrue(FileManager.default.createFile(atPath: token, contents: Data(repeating: 1, count: 32),
                                                     attributes: [.posixPermissions: 0o644]))
        let e = try refusal("--db", db, environment: ["XDG_STATE_HOME": dir.appendingPathComponent("state").path])
        XCTAssertTrue(e.contains("the device token \(token) can be read or written by other users"), e)
        XCTAssertTrue(e.contains("chmod 600 \(token)"), e)
    }

    func testF12_anInlineClientSecretInAReadableConfigIsRefused() throws {
        try createContract(email: email, password: password, twoStep: false)
        let config = dir.appendingPathComponent("config.toml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: config, contents: Data("""
            [providers.google]
            issuer = "https://accounts.google.com"
            client_id = "123.apps.googleusercontent.com"
            client_secret = "GOCSPX-do-not-show"
            """.utf8), attributes: [.posixPermissions: 0o644]))
        let e = try refusal("audit", "--db", db, "--config", config)
        XCTAssertTrue(e.contains(config) && e.contains("[providers.google] client_secret") && e.contains("chmod 600 \(config)"), e)
        XCTAssertFalse(e.contains("GOCSPX-do-not-show"), e)
    }

    /// The CA-file field says nothing about the host's other paths: one answer for all.
    func testF12_theCAFileFieldAnswersEveryUnusablePathAlike() throws {
        try createContract(email: email, password: password, twoStep: false)
        var answers: Set<String> = []
        for path in ["/etc/passwd", "/etc", "/nonexistent/ca.pem", "/dev/zero", "/root"] {
            answers.insert(try refusal("directory", "set", "--db", db, "--email", email, "--url", "ldaps://127.0.0.1",
                                       "--domain", "monban.test", "--ca-file", path))
        }
        XCTAssertEqual(answers, ["monban: --ca-file must name a readable PEM certificate file of at most 64 KiB\n"])
    }
}
