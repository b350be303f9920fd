import Foundation
import XCTest

/// Issue 19 finding 13 (RL-1) through the release binary: a script asking for password resets
/// for one address again and again — the mailbox flood — stops at the cap, says why, sends no
/// further mail, and leaves a trace in the audit log.
final class MailFloodTests: EndToEndTestCase {
    let victim = "keiyaku@example.com"

    func testFinding13_resetMailsToOneAddressStopAtTheCap() throws {
        try createContract(email: victim, password: "Himitsu-2026!", twoStep: false)
        for i in 1...3 {
            let r = try monban("forgot", "--db", db, "--email", victim)
            XCTAssertEqual(r.status, 0, "reset \(i): \(r.stdout) \(r.stderr)")
        }
        for _ in 1...3 {
            let r = try monban("forgot", "--db", db, "--email", victim)
            XCTAssertEqual(r.status, 1, "a reset past the cap was accepted: \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("reset or unlock e-mails an hour have gone to this address"), r.stderr)
        }
        let outbox = try monban("outbox", "--db", db)
        let resets = outbox.stdout.components(separatedBy: "\n").filter { $0.contains(victim) }
        XCTAssertEqual(resets.count, 3, "messages to the address:\n\(outbox.stdout)")
        let audit = try monban("audit", "--db", db)
        XCTAssertTrue(audit.stdout.contains("message.rate_limited"), audit.stdout)
    }
}
