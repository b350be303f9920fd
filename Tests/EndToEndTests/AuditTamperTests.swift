import Foundation
import XCTest

/// Issue 19 finding 9 through the release binary: the two attacks on the audit log that
/// `monban audit --verify` used to pass — cutting its tail, and rewriting an entry with the
/// chain recomputed after it — done with sqlite3 and Python on the database file, as someone
/// who can write the file (but cannot read the audit key) would.
final class AuditTamperTests: EndToEndTestCase {
    let email = "keiyaku@example.com"
    let password = "Himitsu-2026!"

    func someHistory() throws {
        try createContract(email: email, password: password, twoStep: false)
        for i in 1...3 { _ = try monban("signin", "--db", db, "--email", email, stdin: "Wrong-\(i)!\n") }
        XCTAssertEqual(try monban("signin", "--db", db, "--email", email, stdin: password + "\n").status, 0)
    }

    func sqlite(_ sql: String) throws {
        let r = try MonbanProcess.run([db, sql], executable: "/usr/bin/sqlite3")
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testF9_aTruncatedTailFailsVerificationAgainstTheAnchor() throws {
        try someHistory()
        // The head, as the system log recorded it after the last command.
        let head = try monban("audit", "--db", db, "--head").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let count = try XCTUnwrap(Int(head.split(separator: ":").first ?? ""), head)
        XCTAssertGreaterThan(count, 4)
        try sqlite("DELETE FROM audit WHERE id > \(count - 2)")
        let verified = try monban("audit", "--db", db, "--verify", "--anchor", head)
        XCTAssertEqual(verified.status, 1, verified.stdout)
        XCTAssertTrue(verified.stderr.contains("entries were removed"), verified.stderr)
    }

    func testF9_aRewrittenEntryWithTheChainRecomputedFailsVerification() throws {
        try someHistory()
        // The chain's serialisation, recomputed as plain SHA-256 from entry 3 on, entry 3's
        // detail changed: what passed `monban audit --verify` before the chain was keyed.
        let script = """
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = db.execute("SELECT id, at, event, person_id, contract_id, terminal, line, detail FROM audit WHERE id >= 3 ORDER BY id").fetchall()
            prev = db.execute("SELECT hash FROM audit WHERE id = 2").fetchone()[0]
            def field(s):
                b = s.encode()
                return str(len(b)).encode() + b":" + b + b"\\n"
            for (i, at, event, person, contract, terminal, line, detail) in rows:
                if i == 3:
                    detail = "nothing happened"
                data = prev + field(str(i)) + field("%.6f" % at) + field(event) + field("-" if person is None else str(person)) \\
                    + field("-" if contract is None else str(contract)) + field(terminal) + field(line) + field(detail)
                h = hashlib.sha256(data).digest()
                db.execute("UPDATE audit SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?", (detail, prev, h, i))
                prev = h
            db.commit()
            """
        let r = try MonbanProcess.run(["-c", script, db], executable: "/usr/bin/python3")
        XCTAssertEqual(r.status, 0, r.stderr)
        let verified = try monban("audit", "--db", db, "--verify")
        XCTAssertEqual(verified.status, 1, verified.stdout)
        XCTAssertTrue(verified.stderr.contains("audit log broken at entry 3: contents were changed"), verified.stderr)
    }

    /// The audit key file is owner-only, and refused when others can read it.
    func testF9_theAuditKeyFileIsOwnerOnly() throws {
        try someHistory()
        let key = db + ".audit-key"
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual((attributes[.size] as? NSNumber)?.intValue, 40)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        let r = try monban("audit", "--db", db, "--verify")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("the audit key file"), r.stderr)
    }
}
