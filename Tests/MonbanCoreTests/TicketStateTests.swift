import XCTest
@testable import MonbanCore

/// TK-1, TK-2: where a ticket stands, decided from its row's values alone (no database).
final class TicketStateTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func testTK1_issuedUntilItsExpiryInclusive() {
        XCTAssertEqual(TicketState(usedAt: nil, expiresAt: now + 1, now: now), .issued(expiresAt: now + 1))
        XCTAssertEqual(TicketState(usedAt: nil, expiresAt: now, now: now), .issued(expiresAt: now))
        XCTAssertNil(TicketState(usedAt: nil, expiresAt: now, now: now).refusal(for: .unlock))
    }

    func testTK1_expiredAfterwardsOrWithoutAnExpiry() {
        XCTAssertEqual(TicketState(usedAt: nil, expiresAt: now - 1, now: now), .expired)
        XCTAssertEqual(TicketState(usedAt: nil, expiresAt: nil, now: now), .expired)
        XCTAssertEqual(TicketState.expired.refusal(for: .unlock), .linkExpired(.unlock))
        XCTAssertEqual(TicketState.expired.refusal(for: .passwordReset), .linkExpired(.passwordReset))
    }

    func testTK2_usedOnceEvenIfAlsoExpired() {
        XCTAssertEqual(TicketState(usedAt: now - 10, expiresAt: now + 60, now: now), .used)
        XCTAssertEqual(TicketState(usedAt: now - 10, expiresAt: now - 5, now: now), .used)
        XCTAssertEqual(TicketState.used.refusal(for: .registration), .linkUsed)
    }
}
