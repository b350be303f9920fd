import Foundation
import JWTKit
import MonbanFederation
import XCTest

/// The ID token's signature (jwt-kit, JWKS, key rotation) and claims.
final class IDTokenValidationTests: FederationTestCase {
    func testValidTokenSignsIn() throws {
        XCTAssertEqual(try signIn(with: token()), .signedIn(expectedIdentity))
    }

    func testUnknownKeyIsRefusedAfterOneRefetch() {
        let rogue = token(key: TestKeys.rsa2, kid: "rogue")
        assertSignInFails(with: rogue, .unknownKey)
        XCTAssertEqual(provider.count(FakeProvider.jwksURL), 2)
    }

    func testRotatedKeyIsFoundByRefetchingTheKeySet() throws {
        let flow = makeFlow()
        // The first token (pending flows elsewhere) loads the old set; the next
        // token is signed by a key published since.
        provider.scriptJWKS(
            .json(200, TestKeys.jwksJSON(TestKeys.jwk(TestKeys.rsa1, kid: "k1"))),
            .json(200, TestKeys.jwksJSON(
                TestKeys.jwk(TestKeys.rsa1, kid: "k1"), TestKeys.jwk(TestKeys.rsa2, kid: "k2"))))
        provider.scriptToken(FakeProvider.tokens(idToken: token(key: TestKeys.rsa1, kid: "k1")))
        try flow.start(now: t0)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .signedIn(expectedIdentity))
        XCTAssertEqual(provider.count(FakeProvider.jwksURL), 1)

        // Same flow object, new sign-in: the cached set lacks k2 → one refetch.
        provider.scriptToken(FakeProvider.tokens(idToken: token(key: TestKeys.rsa2, kid: "k2")))
        try flow.start(now: t0)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .signedIn(expectedIdentity))
        XCTAssertEqual(provider.count(FakeProvider.jwksURL), 2)
    }

    func testTokenSignedByAnotherKeyUnderThePublishedKidIsRefused() {
        assertSignInFails(with: token(key: TestKeys.rsa2, kid: "k1"), .invalidToken("the signature does not verify"))
    }

    func testTamperedPayloadIsRefused() {
        let parts = token().split(separator: ".").map(String.init)
        var claims = goodClaims()
        claims.sub = "someone-else"
        let forged = TestKeys.sign(claims, rsa: TestKeys.rsa2, kid: "k1").split(separator: ".").map(String.init)
        assertSignInFails(
            with: [parts[0], forged[1], parts[2]].joined(separator: "."),
            .invalidToken("the signature does not verify"))
    }

    func testUnsignedTokenIsRefused() {
        let header = TestKeys.base64URL(Data(#"{"alg":"none","kid":"k1"}"#.utf8))
        let payload = token().split(separator: ".")[1]
        assertSignInFails(with: "\(header).\(payload).", .invalidToken("unsupported signing algorithm"))
    }

    func testMalformedTokenIsRefused() {
        assertSignInFails(with: "not-a-jwt", .invalidToken("the ID token is malformed"))
    }

    func testWrongIssuer() {
        var claims = goodClaims()
        claims.iss = "https://evil.example.test"
        assertSignInFails(with: token(claims), .wrongIssuer)
    }

    func testWrongAudience() {
        var claims = goodClaims()
        claims.aud = AudienceClaim(value: ["another-client"])
        assertSignInFails(with: token(claims), .wrongAudience)
    }

    func testAudienceArrayContainingUsIsAccepted() throws {
        var claims = goodClaims()
        claims.aud = AudienceClaim(value: ["another-client", clientID])
        XCTAssertEqual(try signIn(with: token(claims)), .signedIn(expectedIdentity))
    }

    func testExpiredToken() {
        var claims = goodClaims()
        claims.exp = ExpirationClaim(value: t0.addingTimeInterval(5 - 61))
        assertSignInFails(with: token(claims), .tokenExpired)
    }

    func testExpiryWithinClockSkewIsAccepted() throws {
        var claims = goodClaims()
        claims.exp = ExpirationClaim(value: t0.addingTimeInterval(5 - 30))
        XCTAssertEqual(try signIn(with: token(claims)), .signedIn(expectedIdentity))
    }

    func testMissingExpiryIsRefused() {
        var claims = goodClaims()
        claims.exp = nil
        assertSignInFails(with: token(claims), .invalidToken("the ID token has no expiry"))
    }

    func testIssuedFarInTheFutureIsRefused() {
        var claims = goodClaims()
        claims.iat = IssuedAtClaim(value: t0.addingTimeInterval(3600))
        assertSignInFails(with: token(claims), .invalidToken("the ID token is issued in the future"))
    }

    func testNonceMismatch() {
        var claims = goodClaims()
        claims.nonce = "another-nonce"
        assertSignInFails(with: token(claims), .nonceMismatch)
    }

    func testMissingNonceIsAccepted() throws {
        var claims = goodClaims()
        claims.nonce = nil
        XCTAssertEqual(try signIn(with: token(claims)), .signedIn(expectedIdentity))
    }

    func testMissingSubjectIsRefused() {
        var claims = goodClaims()
        claims.sub = nil
        assertSignInFails(with: token(claims), .invalidToken("the ID token has no subject"))
    }

    func testTokenWithoutKidIsAcceptedWhenOneKeyIsPublished() throws {
        XCTAssertEqual(try signIn(with: token(kid: nil)), .signedIn(expectedIdentity))
    }

    func testTokenWithoutKidIsRefusedWhenSeveralKeysArePublished() {
        provider.scriptJWKS(.json(200, TestKeys.jwksJSON(
            TestKeys.jwk(TestKeys.rsa1, kid: "k1"), TestKeys.jwk(TestKeys.rsa2, kid: "k2"))))
        assertSignInFails(with: token(kid: nil), .invalidToken("the ID token names no key id"))
    }

    func testES256TokenIsAccepted() throws {
        let key = ES256PrivateKey()
        provider.scriptJWKS(.json(200, TestKeys.jwksJSON(
            TestKeys.jwk(TestKeys.rsa1, kid: "k1"), TestKeys.jwk(key, kid: "ec1"))))
        let idToken = TestKeys.sign(goodClaims(), es256: key, kid: "ec1")
        XCTAssertEqual(try signIn(with: idToken), .signedIn(expectedIdentity))
    }

    func testAlgorithmMustFitTheKey() {
        // An ES256 token naming the RSA key's kid.
        let idToken = TestKeys.sign(goodClaims(), es256: ES256PrivateKey(), kid: "k1")
        assertSignInFails(with: idToken, .invalidToken("the signing algorithm does not fit the key"))
    }

    func testKeySetWithUnreadableKeysStillWorks() throws {
        let good = TestKeys.jwksJSON(TestKeys.jwk(TestKeys.rsa1, kid: "k1"))
        let keys = good.dropFirst(#"{"keys":["#.count).dropLast(2)
        provider.scriptJWKS(.json(200, """
            {"keys":[{"kty":"oct","kid":"sym","k":"c2VjcmV0"},{"kty":"RSA","use":"enc","kid":"enc1","n":"AQAB","e":"AQAB"},\(keys)]}
            """))
        XCTAssertEqual(try signIn(with: token()), .signedIn(expectedIdentity))
    }

    func testIdentityWithoutOptionalClaims() throws {
        var claims = goodClaims()
        claims.email = nil
        claims.email_verified = nil
        claims.name = nil
        XCTAssertEqual(
            try signIn(with: token(claims)),
            .signedIn(VerifiedIdentity(
                issuer: FakeProvider.issuer, subject: "user-123", email: nil, emailVerified: nil, name: nil)))
    }

    func testErrorsNeverContainTheToken() {
        var claims = goodClaims()
        claims.aud = AudienceClaim(value: ["x"])
        let idToken = token(claims)
        do {
            _ = try signIn(with: idToken)
        } catch {
            XCTAssertFalse(String(describing: error).contains(idToken))
            XCTAssertFalse(String(describing: error).contains("DEVICE-CODE-SECRET"))
        }
    }
}
