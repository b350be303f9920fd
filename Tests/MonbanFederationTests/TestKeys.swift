import CryptoExtras
import Foundation
import JWTKit
@testable import MonbanFederation

/// jwt-kit's RSA key (`Insecure` alone is ambiguous with swift-crypto's).
typealias RSAPrivateKey = JWTKit.Insecure.RSA.PrivateKey

/// Keys and ID tokens made with jwt-kit for the tests.
enum TestKeys {
    /// RSA keys are slow to generate: made once for the whole test run.
    static let rsa1 = makeRSA()
    static let rsa2 = makeRSA()

    static func makeRSA() -> RSAPrivateKey {
        try! RSAPrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func jwk(_ key: RSAPrivateKey, kid: String, alg: JWK.Algorithm? = .rs256) -> JWK {
        let primitives = try! key.publicKey.getKeyPrimitives()
        return JWK.rsa(
            alg, identifier: JWKIdentifier(string: kid),
            modulus: base64URL(primitives.modulus), exponent: base64URL(primitives.publicExponent))
    }

    static func jwk(_ key: ES256PrivateKey, kid: String) -> JWK {
        let parameters = key.parameters!
        return JWK.ecdsa(.es256, identifier: JWKIdentifier(string: kid), x: parameters.x, y: parameters.y, curve: .p256)
    }

    static func jwksJSON(_ keys: JWK...) -> String {
        String(decoding: try! JSONEncoder().encode(JWKS(keys: keys)), as: UTF8.self)
    }

    /// Signs `claims` with an RSA key (RS256) under `kid` (none when nil).
    static func sign(_ claims: TestClaims, rsa key: RSAPrivateKey, kid: String?) -> String {
        try! BlockingBridge.run {
            let collection = JWTKeyCollection()
            await collection.add(rsa: key, digestAlgorithm: .sha256, kid: kid.map { JWKIdentifier(string: $0) })
            return try await collection.sign(claims, kid: kid.map { JWKIdentifier(string: $0) })
        }
    }

    /// Signs `claims` with an ECDSA P-256 key (ES256) under `kid`.
    static func sign(_ claims: TestClaims, es256 key: ES256PrivateKey, kid: String) -> String {
        try! BlockingBridge.run {
            let collection = JWTKeyCollection()
            await collection.add(ecdsa: key, kid: JWKIdentifier(string: kid))
            return try await collection.sign(claims, kid: JWKIdentifier(string: kid))
        }
    }
}

/// ID-token claims as a provider would write them (any of them can be left out).
struct TestClaims: JWTPayload {
    var iss: String?
    var sub: String?
    var aud: AudienceClaim?
    var exp: ExpirationClaim?
    var iat: IssuedAtClaim?
    var nonce: String?
    var email: String?
    var email_verified: Bool?
    var name: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
