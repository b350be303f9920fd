import Foundation
import MonbanDirectory
import TestSupport
import XCTest

/// LDAPDirectory.bind against a real Samba AD DC (one for the whole class: provisioning
/// takes several seconds). Users are made by Tests/Support/samba/samba-dc.sh.
final class SambaBindTests: XCTestCase {
    nonisolated(unsafe) private static var dc: SambaDC?
    nonisolated(unsafe) private static var startError: String?

    override class func setUp() {
        super.setUp()
        guard SambaDC.missingReason == nil else { return }
        do {
            let dc = try SambaDC()
            Self.dc = dc
            print("SambaBindTests: DC on \(dc.ip) started in \(String(format: "%.1f", dc.startSeconds)) s")
        } catch {
            startError = "\(error)"
        }
    }

    override class func tearDown() {
        if let dc {
            let strays = dc.stop()
            if !strays.isEmpty { print("SambaBindTests: processes left after stop:\n\(strays)") }
            Self.dc = nil
        }
        super.tearDown()
    }

    private var dc: SambaDC!

    override func setUpWithError() throws {
        if let reason = SambaDC.missingReason { throw TestEnvironmentMissing(reason) }
        guard let dc = Self.dc else { return XCTFail("the Samba DC did not start: \(Self.startError ?? "?")") }
        self.dc = dc
    }

    private func bind(
        _ user: String, _ password: String, url: String? = nil, ca: String? = nil, timeout: Double = 5
    ) -> BindOutcome {
        let upn = user.contains("@") ? user : "\(user)@\(SambaDC.realm)"
        return LDAPDirectory.bind(
            server: DirectoryServer(url: url ?? dc.ldapURL, caCertificatePEM: ca, timeout: timeout),
            userPrincipalName: upn, password: password)
    }

    func testBindOverLDAP() {
        XCTAssertEqual(bind("alice", "Alice-Pass-1"), .ok)
    }

    func testUserPrincipalNameIsCaseInsensitive() {
        XCTAssertEqual(bind("ALICE@MONBAN.TEST", "Alice-Pass-1"), .ok)
    }

    func testBindOverLDAPSWithTheDCsCA() {
        XCTAssertEqual(bind("alice", "Alice-Pass-1", url: dc.ldapsURL, ca: dc.caPEM), .ok)
        XCTAssertEqual(bind("alice", "Alice-Pass-1", url: dc.ldapsURL + ":636", ca: dc.caPEM), .ok)
    }

    func testTheCAFileIsRemovedAfterTheBind() throws {
        let tmp = FileManager.default.temporaryDirectory.path
        let before = try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("monban-ldap-ca-") }
        XCTAssertEqual(bind("alice", "Alice-Pass-1", url: dc.ldapsURL, ca: dc.caPEM), .ok)
        XCTAssertEqual(bind("alice", "wrong", url: dc.ldapsURL, ca: dc.wrongCAPEM).isTLSFailure, true)
        let after = try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("monban-ldap-ca-") }
        XCTAssertEqual(Set(after).subtracting(before), [])
    }

    func testLDAPSWithoutTheCAIsATLSFailure() {
        let outcome = bind("alice", "Alice-Pass-1", url: dc.ldapsURL)
        XCTAssertTrue(outcome.isTLSFailure, "\(outcome)")
    }

    func testLDAPSWithAnotherCAIsATLSFailure() {
        let outcome = bind("alice", "Alice-Pass-1", url: dc.ldapsURL, ca: dc.wrongCAPEM)
        XCTAssertTrue(outcome.isTLSFailure, "\(outcome)")
    }

    func testLDAPSWithACAThatIsNotPEMIsATLSFailure() {
        let outcome = bind("alice", "Alice-Pass-1", url: dc.ldapsURL, ca: "not a certificate")
        XCTAssertTrue(outcome.isTLSFailure, "\(outcome)")
    }

    func testLDAPSToThePlainLDAPPortIsATLSFailure() {
        let started = Date()
        let outcome = bind("alice", "Alice-Pass-1", url: dc.ldapsURL + ":389", ca: dc.caPEM, timeout: 2)
        XCTAssertTrue(outcome.isTLSFailure, "\(outcome)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testWrongPassword() {
        XCTAssertEqual(bind("alice", "Alice-Pass-2"), .wrongPassword)
        XCTAssertEqual(bind("alice", "Alice-Pass-2", url: dc.ldapsURL, ca: dc.caPEM), .wrongPassword)
    }

    /// Samba answers an unknown user exactly like a wrong password (49, "data 52e"), where
    /// Windows AD answers "data 525": against Samba the two cannot be told apart.
    func testUnknownUserIsAWrongPasswordForSamba() {
        XCTAssertEqual(bind("nobody", "Whatever-1"), .wrongPassword)
        XCTAssertEqual(bind("alice@other.example", "Alice-Pass-1"), .wrongPassword)
    }

    /// Disabled (data 533) is told only to someone who knows the password.
    func testDisabledUser() {
        XCTAssertEqual(bind("dave", "Dave-Pass-1"), .accountDisabled)
        XCTAssertEqual(bind("dave", "Dave-Pass-2"), .wrongPassword)
    }

    /// Three bad passwords lock the account (the DC's lockout threshold); then even the
    /// right one gets "data 775".
    func testLockedUser() {
        for _ in 1...3 { XCTAssertEqual(bind("lena", "bad-password"), .wrongPassword) }
        XCTAssertEqual(bind("lena", "Lena-Pass-1"), .accountLocked)
        XCTAssertEqual(bind("lena", "bad-password"), .accountLocked)
    }

    /// "Must change password at next logon" (data 773) and an expired account (data 701).
    func testExpiredPasswordAndAccount() {
        XCTAssertEqual(bind("mona", "Mona-Pass-1"), .passwordExpired)
        // An expired account is not an expired password (issue 20 item 17): it cannot be fixed
        // by changing the password.
        XCTAssertEqual(bind("eddy", "Eddy-Pass-1"), .accountExpired)
        XCTAssertEqual(bind("mona", "wrong"), .wrongPassword)
    }

    /// The DC would take an empty password as an "unauthenticated bind" and answer success.
    func testEmptyPasswordIsWrongWithoutAsking() {
        XCTAssertEqual(bind("alice", ""), .wrongPassword)
        XCTAssertEqual(bind("nobody", ""), .wrongPassword)
    }
}

extension BindOutcome {
    var isTLSFailure: Bool { if case .tlsFailure = self { true } else { false } }
    var isUnreachable: Bool { if case .unreachable = self { true } else { false } }
    var isFailed: Bool { if case .failed = self { true } else { false } }
}
