import Foundation
import MonbanAddress
import MonbanHTTP

/// One OpenID Connect provider used through the device flow (SPEC LG-4).
///
/// Endpoints left `nil` are discovered from `issuer + "/.well-known/openid-configuration"`.
/// When all three are given, no discovery request is made.
public struct ProviderConfiguration: Sendable, Equatable {
    public var issuer: String
    public var clientID: String
    /// Some providers (Google) require the client secret even for the device
    /// flow; it is sent as the form field `client_secret`, never logged.
    public var clientSecret: String?
    public var scopes: [String]
    public var deviceAuthorizationEndpoint: String?
    public var tokenEndpoint: String?
    public var jwksURI: String?
    /// The configuration section this provider comes from ("providers.google"), for
    /// messages that tell the operator which key to set; nil when not from a file.
    public var section: String?

    public static let defaultScopes = ["openid", "email", "profile"]

    public init(
        issuer: String,
        clientID: String,
        clientSecret: String? = nil,
        scopes: [String] = ProviderConfiguration.defaultScopes,
        deviceAuthorizationEndpoint: String? = nil,
        tokenEndpoint: String? = nil,
        jwksURI: String? = nil
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.jwksURI = jwksURI
    }

    /// Where the discovery document lives (OIDC Discovery §4: a trailing `/`
    /// of the issuer is removed before appending the well-known path).
    public var discoveryURL: String {
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/.well-known/openid-configuration"
    }

    /// The endpoints when all of them are configured explicitly.
    var explicitEndpoints: ProviderEndpoints? {
        guard let deviceAuthorizationEndpoint, let tokenEndpoint, let jwksURI else { return nil }
        return ProviderEndpoints(
            deviceAuthorization: deviceAuthorizationEndpoint, token: tokenEndpoint, jwksURI: jwksURI)
    }
}

extension ProviderConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never shows the client secret.
    public var description: String {
        "ProviderConfiguration(issuer: \(issuer), clientID: \(clientID), clientSecret: "
            + (clientSecret == nil ? "none" : "<redacted>") + ", scopes: \(scopes))"
    }

    public var debugDescription: String { description }
}

/// The three endpoints the device flow uses, once resolved.
public struct ProviderEndpoints: Sendable, Equatable {
    public var deviceAuthorization: String
    public var token: String
    public var jwksURI: String

    public init(deviceAuthorization: String, token: String, jwksURI: String) {
        self.deviceAuthorization = deviceAuthorization
        self.token = token
        self.jwksURI = jwksURI
    }
}

/// Accepts `https://…`, and `http://` only to a loopback host (the embedded demo
/// provider of a kiosk with no network).
func isAcceptableEndpoint(_ string: String) -> Bool {
    guard let components = URLComponents(string: string),
        let scheme = components.scheme?.lowercased(),
        let host = components.host, !host.isEmpty
    else { return false }
    switch scheme {
    case "https": return true
    case "http": return Loopback.isLoopback(host: host)
    default: return false
    }
}
