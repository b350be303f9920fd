import Foundation
import JWTKit
import MonbanFederation
import XCTest

/// Shared fixture: a fake provider, a fixed clock and a fixed random source.
class FederationTestCase: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let clientID = "monban-terminal"
    var provider: FakeProvider!

    /// The nonce produced by the injected random source (32 bytes of 7).
    let expectedNonce = TestKeys.base64URL(Data(repeating: 7, count: 32))

    override func setUp() {
        super.setUp()
        provider = FakeProvider()
        provider.scriptJWKS(.json(200, TestKeys.jwksJSON(TestKeys.jwk(TestKeys.rsa1, kid: "k1"))))
    }

    var configuration: ProviderConfiguration {
        ProviderConfiguration(issuer: FakeProvider.issuer, clientID: clientID)
    }

    func makeFlow(_ configuration: ProviderConfiguration? = nil) -> DeviceFlow {
        DeviceFlow(
            configuration: configuration ?? self.configuration, transport: provider,
            randomBytes: { [UInt8](repeating: 7, count: $0) })
    }

    /// Claims that pass every check at `t0`.
    func goodClaims() -> TestClaims {
        TestClaims(
            iss: FakeProvider.issuer, sub: "user-123", aud: AudienceClaim(value: [clientID]),
            exp: ExpirationClaim(value: t0.addingTimeInterval(3600)), iat: IssuedAtClaim(value: t0),
            nonce: expectedNonce, email: "taro@example.jp", email_verified: true, name: "Taro Yamada")
    }

    func token(_ claims: TestClaims? = nil, key: RSAPrivateKey = TestKeys.rsa1, kid: String? = "k1") -> String {
        TestKeys.sign(claims ?? goodClaims(), rsa: key, kid: kid)
    }

    /// Starts at t0, has the provider answer the first poll (t0 + 5 s) with `idToken`.
    func signIn(with idToken: String, at pollTime: Date? = nil) throws(FederationError) -> PollResult {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.tokens(idToken: idToken))
        try flow.start(now: t0)
        return try flow.poll(now: pollTime ?? t0.addingTimeInterval(5))
    }

    func assertSignInFails(
        with idToken: String, _ expected: FederationError, at pollTime: Date? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            let result = try signIn(with: idToken, at: pollTime)
            XCTFail("expected \(expected), got \(result)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, file: file, line: line)
        }
    }

    var expectedIdentity: VerifiedIdentity {
        VerifiedIdentity(
            issuer: FakeProvider.issuer, subject: "user-123", email: "taro@example.jp",
            emailVerified: true, name: "Taro Yamada")
    }
}
