import Foundation
import JWTKit

/// The claims of an OpenID Connect ID token that sign-in looks at.
///
/// Decoding is lenient about shapes providers disagree on (`aud` string or array,
/// `email_verified` boolean or "true"/"false"); whether a claim is acceptable is
/// decided by `IDTokenVerifier` with the caller's clock, not here.
struct IDTokenClaims: JWTPayload, Equatable {
    var issuer: IssuerClaim?
    var subject: SubjectClaim?
    var audience: AudienceClaim?
    var expiration: ExpirationClaim?
    var issuedAt: IssuedAtClaim?
    var notBefore: NotBeforeClaim?
    var authorizedParty: String?
    var nonce: String?
    var email: String?
    var emailVerified: Bool?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case subject = "sub"
        case audience = "aud"
        case expiration = "exp"
        case issuedAt = "iat"
        case notBefore = "nbf"
        case authorizedParty = "azp"
        case nonce
        case email
        case emailVerified = "email_verified"
        case name
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try c.decodeIfPresent(IssuerClaim.self, forKey: .issuer)
        subject = try c.decodeIfPresent(SubjectClaim.self, forKey: .subject)
        audience = try c.decodeIfPresent(AudienceClaim.self, forKey: .audience)
        expiration = try c.decodeIfPresent(ExpirationClaim.self, forKey: .expiration)
        issuedAt = try c.decodeIfPresent(IssuedAtClaim.self, forKey: .issuedAt)
        notBefore = try c.decodeIfPresent(NotBeforeClaim.self, forKey: .notBefore)
        authorizedParty = try? c.decodeIfPresent(String.self, forKey: .authorizedParty)
        nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
        email = try? c.decodeIfPresent(String.self, forKey: .email)
        emailVerified = (try? c.decodeIfPresent(BoolClaim.self, forKey: .emailVerified))?.value
        name = try? c.decodeIfPresent(String.self, forKey: .name)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(issuer, forKey: .issuer)
        try c.encodeIfPresent(subject, forKey: .subject)
        try c.encodeIfPresent(audience, forKey: .audience)
        try c.encodeIfPresent(expiration, forKey: .expiration)
        try c.encodeIfPresent(issuedAt, forKey: .issuedAt)
        try c.encodeIfPresent(notBefore, forKey: .notBefore)
        try c.encodeIfPresent(authorizedParty, forKey: .authorizedParty)
        try c.encodeIfPresent(nonce, forKey: .nonce)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(emailVerified, forKey: .emailVerified)
        try c.encodeIfPresent(name, forKey: .name)
    }

    /// Claims are checked by `IDTokenVerifier` against the injected clock;
    /// jwt-kit's hook (which would use the wall clock) does nothing.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
