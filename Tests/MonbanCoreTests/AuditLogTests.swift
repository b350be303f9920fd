import Foundation
import GRDB
import XCTest
@testable import MonbanCore

/// 操作ログ (AU-1): the contractor's view of the audit log, filtered and paged.
final class AuditLogTests: XCTestCase {
    var f: Fixture!
    var contract: CreatedContract!
    override func setUpWithError() throws {
        f = try Fixture()
        contract = try f.contract()
    }

    func testAU1_onlyTheContractorAndOnlyTheirContract() throws {
        let admin = try f.engine.addPerson(to: contract.contract.id, email: "kanri@example.com", role: .administrator,
                                           password: Fixture.password)
        XCTAssertThrowsEngineError(try f.engine.auditLog(by: admin.id), .notPermitted)
        let other = try f.contract("other@example.com")
        _ = try f.engine.signIn(email: "other@example.com", password: Fixture.password, context: f.here)
        let page = try f.engine.auditLog(by: contract.contractor.id, limit: 100)
        XCTAssertFalse(page.rows.isEmpty)
        XCTAssertTrue(page.rows.allSatisfy { $0.personID != other.contractor.id }, "another contract's entries never show")
    }

    func testAU1_newestFirstPagedBothWays() throws {
        try f.engine.addPerson(to: contract.contract.id, email: "u@example.com", role: .user, password: Fixture.password)
        for i in 0..<30 { _ = try? f.engine.signIn(email: "u@example.com", password: "Wrong-\(i)!", context: f.here) }
        let all = try f.engine.auditLog(by: contract.contractor.id, limit: 500).rows.map(\.id)
        XCTAssertEqual(all, all.sorted(by: >), "newest first")
        var page = try f.engine.auditLog(by: contract.contractor.id, limit: 7)
        var seen = page.rows.map(\.id)
        while page.hasOlder, let last = page.rows.last {
            page = try f.engine.auditLog(by: contract.contractor.id, page: .older(than: last.id), limit: 7)
            seen += page.rows.map(\.id)
        }
        XCTAssertEqual(seen, all)
        let back = try f.engine.auditLog(by: contract.contractor.id, page: .newer(than: try XCTUnwrap(page.rows.first).id),
                                         limit: 7)
        XCTAssertEqual(back.rows.map(\.id), Array(all[(all.count - page.rows.count - 7)..<(all.count - page.rows.count)]))
    }

    func testAU1_filtersByPersonEventAndDate() throws {
        let user = try f.engine.addPerson(to: contract.contract.id, email: "yamada@example.com", name: "山田 太郎", role: .user,
                                          password: Fixture.password)
        _ = try f.engine.signIn(email: "yamada@example.com", password: Fixture.password, context: f.here)
        f.clock.advance(days: 2)
        let later = f.clock.now()
        _ = try? f.engine.signIn(email: "yamada@example.com", password: "Wrong-1!", context: f.here)
        _ = try f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password, context: f.here)
        let id = contract.contractor.id

        let yamada = try f.engine.auditLog(by: id, filter: AuditLogFilter(person: "山田"), limit: 100)
        XCTAssertFalse(yamada.rows.isEmpty)
        XCTAssertTrue(yamada.rows.allSatisfy { $0.personID == user.id })
        XCTAssertEqual(yamada.rows.first?.personEmail, "yamada@example.com")

        let failures = try f.engine.auditLog(by: id, filter: AuditLogFilter(events: ["sign_in.failed"]), limit: 100)
        XCTAssertEqual(failures.rows.map(\.event), ["sign_in.failed"])

        let signIns = try f.engine.auditLog(
            by: id, filter: AuditLogFilter(events: ["sign_in.failed", "sign_in.succeeded"]), limit: 100)
        XCTAssertEqual(signIns.rows.map(\.event), ["sign_in.succeeded", "sign_in.failed", "sign_in.succeeded"])

        let recent = try f.engine.auditLog(by: id, filter: AuditLogFilter(from: later), limit: 100)
        XCTAssertEqual(recent.rows.count, 2)
        let before = try f.engine.auditLog(by: id, filter: AuditLogFilter(to: later), limit: 100)
        XCTAssertTrue(before.rows.allSatisfy { $0.at < later })

        let both = try f.engine.auditLog(
            by: id, filter: AuditLogFilter(person: "yamada", events: ["sign_in.succeeded"], from: nil, to: later), limit: 100)
        XCTAssertEqual(both.rows.count, 1)
        XCTAssertEqual(try f.engine.auditLog(by: id, filter: AuditLogFilter(person: "nobody"), limit: 100).rows, [])
    }
}
