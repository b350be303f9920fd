import Foundation
@testable import MonbanDirectory
import TestSupport
import XCTest

/// What needs no directory: refusals made before the network, unreachable servers, and the
/// mapping of LDAP answers to outcomes.
final class OfflineBindTests: XCTestCase {
    private func bind(url: String, password: String = "secret-1", timeout: Double = 2) -> BindOutcome {
        LDAPDirectory.bind(
            server: DirectoryServer(url: url, timeout: timeout), userPrincipalName: "alice@monban.test",
            password: password)
    }

    func testEmptyPasswordNeverReachesTheServer() throws {
        let listener = try SilentListener()
        XCTAssertEqual(bind(url: "ldap://127.0.0.1:\(listener.port)", password: ""), .wrongPassword)
        XCTAssertFalse(listener.hasPendingConnection, "an empty password must not open a connection")
        // The same listener does see a real attempt (so the check above means something).
        _ = bind(url: "ldap://127.0.0.1:\(listener.port)", timeout: 0.3)
        XCTAssertTrue(listener.hasPendingConnection)
    }

    // Issue 19 finding 11: over ldap:// the password goes only to this machine, decided on
    // the parsed address — a name that merely looks like one, or any other host, is not contacted.
    func testClearTextOnlyToThisMachine() throws {
        let listener = try SilentListener()
        for url in ["ldap://localhost.:\(listener.port)", "ldap://127.0.0.1.attacker.example:\(listener.port)",
                    "ldap://dc.monban.test", "ldap://127.0.0.1:\(listener.port) ldap://10.1.2.3"] {
            XCTAssertEqual(bind(url: url, timeout: 0.3), .failed("ldap:// is used only on this machine; use ldaps://"), url)
        }
        XCTAssertFalse(listener.hasPendingConnection, "no clear-text connection was opened")
        XCTAssertTrue(LDAPDirectory.onlyLoopback("ldap://127.0.0.1:389 ldap://[::1] ldap://localhost"))
    }

    func testMalformedUserPrincipalNameIsAnUnknownUser() {
        for upn in ["alice", "@monban.test", "alice@", "", "ali\u{0}ce@monban.test"] {
            let outcome = LDAPDirectory.bind(
                server: DirectoryServer(url: "ldap://127.0.0.1:1"), userPrincipalName: upn, password: "x")
            XCTAssertEqual(outcome, .unknownUser, upn)
        }
    }

    func testClosedPortIsUnreachableAtOnce() throws {
        let port = try closedPort()
        for scheme in ["ldap", "ldaps"] {
            let started = Date()
            let outcome = bind(url: "\(scheme)://127.0.0.1:\(port)")
            XCTAssertTrue(outcome.isUnreachable, "\(scheme): \(outcome)")
            XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        }
    }

    /// A server that accepts the connection and never answers: unreachable after the timeout.
    func testSilentServerIsUnreachableAfterTheTimeout() throws {
        let listener = try SilentListener()
        let started = Date()
        let outcome = bind(url: "ldap://127.0.0.1:\(listener.port)", timeout: 0.5)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(outcome, .unreachable("no answer within 0.5 s"))
        XCTAssertGreaterThan(elapsed, 0.4)
        XCTAssertLessThan(elapsed, 2)
    }

    /// The same over ldaps://: the TLS handshake gets no answer. (libldap 2.5 alone would
    /// spin here forever: CLdap's watchdog cuts the connection.)
    func testSilentServerOverLDAPSIsUnreachableAfterTheTimeout() throws {
        let listener = try SilentListener()
        let started = Date()
        let outcome = bind(url: "ldaps://127.0.0.1:\(listener.port)", timeout: 0.5)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(outcome, .unreachable("no answer within 0.5 s"))
        XCTAssertGreaterThan(elapsed, 0.4)
        XCTAssertLessThan(elapsed, 2)
    }

    func testURLMustBeLDAPOrLDAPS() {
        for url in ["http://127.0.0.1", "127.0.0.1", "", "ldapi:///", "ldap://a ldaps://b"] {
            XCTAssertTrue(bind(url: url).isFailed, url)
        }
        XCTAssertEqual(LDAPDirectory.schemeUsesTLS("LDAPS://dc.example:636"), true)
        XCTAssertEqual(LDAPDirectory.schemeUsesTLS("ldap://a ldap://b"), false)
    }

    func testADSubCodes() {
        let ad = { (code: String) in
            "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data \(code), v1db1"
        }
        let expected: [(String, BindOutcome)] = [
            ("52e", .wrongPassword), ("525", .unknownUser), ("533", .accountDisabled), ("775", .accountLocked),
            ("532", .passwordExpired), ("701", .accountExpired), ("773", .passwordExpired),
        ]
        for (code, outcome) in expected {
            XCTAssertEqual(LDAPDirectory.classify(rc: 49, diagnostic: ad(code), tlsStarted: false, timeout: 5), outcome, code)
        }
        XCTAssertTrue(LDAPDirectory.classify(rc: 49, diagnostic: ad("530"), tlsStarted: false, timeout: 5).isFailed)
        XCTAssertEqual(LDAPDirectory.classify(rc: 49, diagnostic: nil, tlsStarted: false, timeout: 5), .wrongPassword)
        XCTAssertEqual(LDAPDirectory.classify(rc: 0, diagnostic: nil, tlsStarted: true, timeout: 5), .ok)
        XCTAssertTrue(LDAPDirectory.classify(rc: -1, diagnostic: nil, tlsStarted: false, timeout: 5).isUnreachable)
        XCTAssertTrue(LDAPDirectory.classify(rc: -1, diagnostic: "(unknown error code)", tlsStarted: true, timeout: 5).isTLSFailure)
        XCTAssertEqual(LDAPDirectory.classify(rc: -5, diagnostic: nil, tlsStarted: false, timeout: 3), .unreachable("no answer within 3 s"))
        XCTAssertTrue(LDAPDirectory.classify(rc: 52, diagnostic: nil, tlsStarted: false, timeout: 5).isUnreachable)
        XCTAssertTrue(LDAPDirectory.classify(rc: 8, diagnostic: "BindSimple: Transport encryption required.", tlsStarted: false, timeout: 5).isFailed)
    }

    func testPrivateTemporaryFile() throws {
        let path = try XCTUnwrap(LDAPDirectory.writePrivateTemporaryFile("-----BEGIN CERTIFICATE-----\n"))
        defer { unlink(path) }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "-----BEGIN CERTIFICATE-----\n")
    }

    func testNoOutcomeCarriesThePassword() throws {
        let password = "Very-Secret-Pass-7"
        let listener = try SilentListener()
        let port = try closedPort()
        let outcomes = [
            bind(url: "ldap://127.0.0.1:\(listener.port)", password: password, timeout: 0.3),
            bind(url: "ldaps://127.0.0.1:\(port)", password: password),
            bind(url: "http://x", password: password),
        ]
        for outcome in outcomes { XCTAssertFalse("\(outcome)".contains(password)) }
    }
}
