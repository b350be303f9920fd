import Foundation
import MonbanDirectory
import TestSupport
import XCTest

/// The test DC's own life: stopping it leaves no process, no listener and no file behind.
final class SambaLifecycleTests: XCTestCase {
    func testStopLeavesNothingBehind() throws {
        if let reason = SambaDC.missingReason { throw TestEnvironmentMissing(reason) }
        let dc = try SambaDC()
        let server = DirectoryServer(url: dc.ldapURL, timeout: 2)
        XCTAssertEqual(LDAPDirectory.bind(server: server, userPrincipalName: "alice@monban.test", password: "Alice-Pass-1"), .ok)
        XCTAssertTrue(SambaDC.pgrep("samba").contains(dc.pid), "pgrep -x samba should list the running DC")
        XCTAssertTrue(SambaDC.strays(in: dc.directory).contains("\(dc.pid) samba"))

        let strays = dc.stop()
        XCTAssertEqual(strays, "", "processes left after stop")
        XCTAssertFalse(SambaDC.pgrep("samba").contains(dc.pid), "samba (pid \(dc.pid)) still runs")
        XCTAssertEqual(kill(dc.pid, 0), -1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dc.directory))
        let outcome = LDAPDirectory.bind(server: server, userPrincipalName: "alice@monban.test", password: "Alice-Pass-1")
        XCTAssertTrue(outcome.isUnreachable, "\(outcome)")
    }
}
