import Foundation
import MonbanHTTP

extension ProviderEndpoints {
    /// Resolves the endpoints of `configuration`: the explicit ones, and the
    /// others from the provider's discovery document, whose `issuer` must be
    /// exactly the configured issuer (OIDC Discovery §4.3).
    public static func resolve(
        _ configuration: ProviderConfiguration,
        transport: any HTTPTransport
    ) throws(FederationError) -> ProviderEndpoints {
        guard !configuration.issuer.isEmpty, !configuration.clientID.isEmpty,
            isAcceptableEndpoint(configuration.issuer)
        else { throw .notConfigured }
        for explicit in [
            configuration.deviceAuthorizationEndpoint, configuration.tokenEndpoint, configuration.jwksURI,
        ] {
            if let explicit, !isAcceptableEndpoint(explicit) { throw .notConfigured }
        }
        if let explicit = configuration.explicitEndpoints { return explicit }

        let response: HTTPResponse
        do {
            response = try transport.get(configuration.discoveryURL, headers: ["Accept": "application/json"])
        } catch {
            throw .network(error)
        }
        guard response.status == 200 else {
            throw .discoveryFailed("the discovery document answered HTTP \(response.status)")
        }
        guard let document = JSONObject(bytes: response.body) else {
            throw .discoveryFailed("the discovery document is not a JSON object")
        }
        guard let issuer = document.string("issuer") else {
            throw .discoveryFailed("the discovery document names no issuer")
        }
        guard issuer == configuration.issuer else {
            throw .discoveryFailed("the discovery document names another issuer")
        }

        func endpoint(_ explicit: String?, _ key: String) throws(FederationError) -> String {
            if let explicit { return explicit }
            guard let value = document.string(key) else {
                // The configuration can supply what discovery lacks: say where.
                let section = configuration.section.map { "[\($0)]" } ?? "the provider's [providers.NAME] section"
                throw .discoveryFailed("the discovery document has no \(key): set \(key) in \(section) of the configuration")
            }
            guard isAcceptableEndpoint(value) else {
                throw .discoveryFailed("the discovery document's \(key) is not https")
            }
            return value
        }
        return ProviderEndpoints(
            deviceAuthorization: try endpoint(
                configuration.deviceAuthorizationEndpoint, "device_authorization_endpoint"),
            token: try endpoint(configuration.tokenEndpoint, "token_endpoint"),
            jwksURI: try endpoint(configuration.jwksURI, "jwks_uri")
        )
    }
}
