import Foundation
import JWTKit
import MonbanHTTP

/// Checks an OpenID Connect ID token (OIDC Core §3.1.3.7) with jwt-kit:
/// the signature against the provider's published keys (JWKS), then the claims
/// against the configuration and the caller's clock.
///
/// Decisions:
/// - Only `RS256` and `ES256` are accepted (the header's `alg` chooses nothing
///   else; `none` and HMAC are refused before any key is looked at).
/// - The key is chosen by `kid` and must fit the algorithm (key type, curve,
///   the JWK's own `alg` and `use` when present). A `kid` the key set lacks
///   makes us fetch the key set again once (key rotation); still absent → `unknownKey`.
///   A token without `kid` is accepted only when exactly one published key fits.
///   Only the chosen key is handed to jwt-kit, so its fallback to a default
///   key can never apply.
/// - `exp` is required and may be up to `clockSkew` (60 s) in the past; `nbf`,
///   when present, may be up to `clockSkew` in the future; `iat`, when present,
///   may be up to `issuedAtTolerance` (5 min) in the future.
/// - `nonce`: a token carrying one must carry ours (`nonceMismatch` otherwise).
///   A token without one is accepted: the device authorization request carries
///   our nonce, but RFC 8628 does not define that parameter and providers are
///   free to ignore it (Google, Microsoft do); the ID token then comes straight
///   from the token endpoint over TLS in answer to our own device code, which is
///   what binds it to this sign-in.
/// - With several audiences, an `azp` naming another client is refused.
final class IDTokenVerifier {
    static let supportedAlgorithms: Set<String> = ["RS256", "ES256"]
    static let clockSkew: TimeInterval = 60
    static let issuedAtTolerance: TimeInterval = 300

    let issuer: String
    let clientID: String
    let jwksURI: String
    let transport: any HTTPTransport

    /// The key set as last fetched; `nil` until the first token arrives.
    private var publishedKeys: [PublishedKey]?

    init(issuer: String, clientID: String, jwksURI: String, transport: any HTTPTransport) {
        self.issuer = issuer
        self.clientID = clientID
        self.jwksURI = jwksURI
        self.transport = transport
    }

    func verify(_ idToken: String, expectedNonce: String, now: Date) throws(FederationError) -> VerifiedIdentity {
        // Header (and a well-formed payload) first, without trusting anything yet.
        let header: JWTHeader
        do {
            header = try DefaultJWTParser().parse([UInt8](idToken.utf8), as: IDTokenClaims.self).header
        } catch {
            throw .invalidToken("the ID token is malformed")
        }
        guard let algorithm = header.alg, Self.supportedAlgorithms.contains(algorithm) else {
            throw .invalidToken("unsupported signing algorithm")
        }
        if let critical = header.crit, !critical.isEmpty {
            throw .invalidToken("the ID token requires unsupported header extensions")
        }

        let key = try selectKey(kid: header.kid, algorithm: algorithm)

        let claims: IDTokenClaims
        do {
            claims = try BlockingBridge.run {
                let collection = JWTKeyCollection()
                try await collection.add(jwk: key, isDefault: true)
                return try await collection.verify(idToken, as: IDTokenClaims.self)
            }
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            throw .invalidToken("the signature does not verify")
        } catch {
            throw .invalidToken("the ID token could not be verified")
        }

        return try check(claims, expectedNonce: expectedNonce, now: now)
    }

    /// The claim checks, after the signature.
    func check(_ claims: IDTokenClaims, expectedNonce: String, now: Date) throws(FederationError) -> VerifiedIdentity {
        guard let tokenIssuer = claims.issuer?.value, tokenIssuer == issuer else { throw .wrongIssuer }
        guard let audience = claims.audience, audience.value.contains(clientID) else { throw .wrongAudience }
        if let party = claims.authorizedParty, party != clientID { throw .wrongAudience }

        guard let expiration = claims.expiration else { throw .invalidToken("the ID token has no expiry") }
        do {
            try expiration.verifyNotExpired(currentDate: now.addingTimeInterval(-Self.clockSkew))
        } catch {
            throw .tokenExpired
        }
        if let issuedAt = claims.issuedAt, issuedAt.value > now.addingTimeInterval(Self.issuedAtTolerance) {
            throw .invalidToken("the ID token is issued in the future")
        }
        if let notBefore = claims.notBefore {
            do {
                try notBefore.verifyNotBefore(currentDate: now.addingTimeInterval(Self.clockSkew))
            } catch {
                throw .invalidToken("the ID token is not valid yet")
            }
        }
        if let nonce = claims.nonce, nonce != expectedNonce { throw .nonceMismatch }
        guard let subject = claims.subject?.value, !subject.isEmpty else {
            throw .invalidToken("the ID token has no subject")
        }
        return VerifiedIdentity(
            issuer: tokenIssuer, subject: subject,
            email: claims.email, emailVerified: claims.emailVerified, name: claims.name)
    }

    // MARK: Keys

    private enum Match {
        case found(JWK)
        /// A key has this kid but cannot verify this algorithm.
        case unfit
        case absent
        /// No kid in the token and more than one key fits.
        case ambiguous
    }

    private func selectKey(kid: String?, algorithm: String) throws(FederationError) -> JWK {
        if publishedKeys == nil { publishedKeys = try fetchKeys() }
        var match = Self.match(kid: kid, algorithm: algorithm, in: publishedKeys ?? [])
        if case .absent = match {
            // Perhaps the provider rotated its keys since we fetched them: fetch
            // once more (even if the set was fetched a moment ago: at most one
            // extra request per token).
            publishedKeys = try fetchKeys()
            match = Self.match(kid: kid, algorithm: algorithm, in: publishedKeys ?? [])
        }
        switch match {
        case .found(let key): return key
        case .absent: throw .unknownKey
        case .unfit: throw .invalidToken("the signing algorithm does not fit the key")
        case .ambiguous: throw .invalidToken("the ID token names no key id")
        }
    }

    private static func match(kid: String?, algorithm: String, in keys: [PublishedKey]) -> Match {
        guard let kid else {
            let fitting = keys.filter { $0.fits(algorithm) }
            switch fitting.count {
            case 0: return .absent
            case 1: return .found(fitting[0].jwk)
            default: return .ambiguous
            }
        }
        let named = keys.filter { $0.jwk.keyIdentifier?.string == kid }
        if named.isEmpty { return .absent }
        if let key = named.first(where: { $0.fits(algorithm) }) { return .found(key.jwk) }
        return .unfit
    }

    func fetchKeys() throws(FederationError) -> [PublishedKey] {
        let response: HTTPResponse
        do {
            response = try transport.get(jwksURI, headers: ["Accept": "application/json"])
        } catch {
            throw .network(error)
        }
        guard response.status == 200 else {
            // A server in trouble is like no answer: the device flow retries (RFC 8628 §3.5).
            if DeviceFlow.transientStatuses.contains(response.status) {
                throw .network(HTTPFailure(.other, "the key set answered HTTP \(response.status)"))
            }
            throw .providerError("the key set answered HTTP \(response.status)")
        }
        guard let set = try? JSONDecoder().decode(LenientKeySet.self, from: Data(response.body)) else {
            throw .providerError("the key set is not a JWKS")
        }
        return set.keys.compactMap { entry in entry.jwk.map { PublishedKey(jwk: $0, use: entry.use) } }
    }
}

/// One key of the provider's JWKS, with its `use` (which jwt-kit's JWK does not keep).
struct PublishedKey {
    var jwk: JWK
    var use: String?

    func fits(_ algorithm: String) -> Bool {
        if let use, use != "sig" { return false }
        if let declared = jwk.algorithm, declared.rawValue != algorithm { return false }
        switch algorithm {
        case "RS256":
            return jwk.keyType == .rsa
        case "ES256":
            return jwk.keyType == .ecdsa && (jwk.curve == nil || jwk.curve?.rawValue == "P-256")
        default:
            return false
        }
    }
}

/// A JWKS where keys jwt-kit cannot read (other key types, no kid…) are skipped
/// rather than making the whole set unreadable.
private struct LenientKeySet: Decodable {
    struct Entry: Decodable {
        var jwk: JWK?
        var use: String?

        private enum Keys: String, CodingKey { case use, kid }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            use = try? container.decodeIfPresent(String.self, forKey: .use)
            let jwk = try? JWK(from: decoder)
            self.jwk = jwk?.keyIdentifier == nil ? nil : jwk
        }
    }

    var keys: [Entry]
}
