import Foundation
import JWTKit
@testable import MonbanFederation
import XCTest

/// Shapes of claims that differ between providers.
final class ClaimsDecodingTests: XCTestCase {
    private func decode(_ json: String) throws -> IDTokenClaims {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(IDTokenClaims.self, from: Data(json.utf8))
    }

    func testEmailVerifiedAsStringAndAudienceAsString() throws {
        let claims = try decode("""
            {"iss": "https://id.example.test", "sub": "s", "aud": "monban-terminal", "exp": 1800003600,
             "email": "a@example.jp", "email_verified": "true"}
            """)
        XCTAssertEqual(claims.emailVerified, true)
        XCTAssertEqual(claims.audience?.value, ["monban-terminal"])
        XCTAssertEqual(claims.expiration?.value, Date(timeIntervalSince1970: 1_800_003_600))
    }

    func testOddOptionalClaimsAreIgnoredRatherThanFatal() throws {
        let claims = try decode(#"{"sub": "s", "email_verified": "maybe", "name": 42}"#)
        XCTAssertNil(claims.emailVerified)
        XCTAssertNil(claims.name)
        XCTAssertEqual(claims.subject?.value, "s")
    }
}
