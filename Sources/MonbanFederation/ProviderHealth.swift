import MonbanHTTP

/// Whether a configured OpenID provider can be used, as `monban doctor` checks it (PK-1,
/// issue 22): its discovery document fetched and valid (issuer, endpoints), and its key set
/// (JWKS) fetched and holding at least one key an ID token can be checked with — the same
/// code the device flow uses, so what passes here passes at sign-in.
public enum ProviderHealth {
    public enum Outcome: Sendable, Equatable {
        /// Both fetched and valid: `keys` signing keys (RS256 or ES256) in the JWKS.
        case ok(keys: Int, jwksURI: String)
        /// The discovery document (or the configuration's endpoints) failed.
        case discoveryFailed(String)
        /// The JWKS could not be fetched, or is not a JWKS.
        case keySetFailed(String)
        /// A JWKS with no key monban can check a token with.
        case noUsableKey(jwksURI: String)
    }

    public static func check(_ configuration: ProviderConfiguration, transport: any HTTPTransport) -> Outcome {
        let endpoints: ProviderEndpoints
        do {
            endpoints = try ProviderEndpoints.resolve(configuration, transport: transport)
        } catch {
            return .discoveryFailed(error.description)
        }
        let verifier = IDTokenVerifier(issuer: configuration.issuer, clientID: configuration.clientID,
                                       jwksURI: endpoints.jwksURI, transport: transport)
        do {
            let keys = try verifier.fetchKeys()
            let usable = keys.filter { key in IDTokenVerifier.supportedAlgorithms.contains { key.fits($0) } }
            return usable.isEmpty ? .noUsableKey(jwksURI: endpoints.jwksURI) : .ok(keys: usable.count, jwksURI: endpoints.jwksURI)
        } catch {
            return .keySetFailed(error.description)
        }
    }
}
