import MonbanHTTP

/// Why federated sign-in did not succeed.
///
/// No case ever carries a token, a device code, a user code, a nonce or a client
/// secret: the associated strings are short reasons written by this module, or an
/// OAuth error code (a short ASCII word such as `invalid_grant`) sanitized before use.
public enum FederationError: Error, Equatable, Sendable {
    /// The provider configuration is incomplete or unusable (empty issuer or
    /// client id, an endpoint that is neither https nor loopback http).
    case notConfigured
    /// `poll` was called before `start` succeeded.
    case notStarted
    /// The discovery document could not be fetched, read, or trusted
    /// (for instance it names another issuer, OIDC Discovery §4.3).
    case discoveryFailed(String)
    /// No HTTP response at all (refused, timed out, TLS…).
    case network(HTTPFailure)
    /// The person refused the request at the provider (`access_denied`).
    case denied
    /// The device code expired before the person approved (`expired_token`,
    /// or `expires_in` passed on our clock).
    case expired
    /// Any other OAuth error code, or an unusable response ("http 502").
    case providerError(String)
    /// The ID token is malformed, unsigned, badly signed, or lacks a required claim.
    case invalidToken(String)
    /// The ID token's `iss` is not the configured issuer.
    case wrongIssuer
    /// The ID token's `aud` does not contain our client id (or `azp` names another client).
    case wrongAudience
    /// The ID token's `exp` has passed (beyond the allowed clock skew).
    case tokenExpired
    /// The ID token's `nonce` is not the one sent with the device authorization request.
    case nonceMismatch
    /// The ID token's key id is not in the provider's JWKS, even after one refetch.
    case unknownKey
}

extension FederationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notConfigured: "federated sign-in is not configured"
        case .notStarted: "the device flow has not been started"
        case .discoveryFailed(let reason): "provider discovery failed: \(reason)"
        case .network(let failure): "network failure: \(failure.reason)"
        case .denied: "the request was denied at the provider"
        case .expired: "the sign-in code expired"
        case .providerError(let code): "the provider answered with an error: \(code)"
        case .invalidToken(let reason): "invalid ID token: \(reason)"
        case .wrongIssuer: "the ID token comes from another issuer"
        case .wrongAudience: "the ID token was issued for another client"
        case .tokenExpired: "the ID token has expired"
        case .nonceMismatch: "the ID token answers another request (nonce mismatch)"
        case .unknownKey: "the ID token is signed by a key the provider does not publish"
        }
    }
}

/// Reduces an OAuth `error` value to something safe to show or log: the RFC 6749
/// error-code alphabet is printable ASCII; we keep letters, digits, `_ - .` and
/// at most 64 characters.
func sanitizedErrorCode(_ raw: String) -> String {
    let allowed = raw.unicodeScalars.filter {
        ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9")
            || $0 == "_" || $0 == "-" || $0 == "."
    }
    let code = String(String.UnicodeScalarView(allowed.prefix(64)))
    return code.isEmpty ? "unknown_error" : code
}
