import Foundation
import MonbanFederation
import MonbanHTTP
import XCTest

/// OpenID Connect discovery and explicit endpoints.
final class DiscoveryTests: FederationTestCase {
    func testDiscoveryIssuerMismatchIsRefused() {
        provider = FakeProvider(issuerInDiscovery: "https://evil.example.test")
        XCTAssertThrowsError(try makeFlow().start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .discoveryFailed("the discovery document names another issuer"))
        }
        XCTAssertEqual(provider.count(FakeProvider.deviceURL), 0)
    }

    func testExplicitEndpointsSkipDiscovery() throws {
        let config = ProviderConfiguration(
            issuer: FakeProvider.issuer, clientID: clientID,
            deviceAuthorizationEndpoint: FakeProvider.deviceURL, tokenEndpoint: FakeProvider.tokenURL,
            jwksURI: FakeProvider.jwksURL)
        provider.discovery = .json(500, "{}")
        try makeFlow(config).start(now: t0)
        XCTAssertEqual(provider.count(FakeProvider.discoveryURL), 0)
    }

    func testPartlyExplicitEndpointsOverrideDiscovery() throws {
        let config = ProviderConfiguration(
            issuer: FakeProvider.issuer, clientID: clientID, tokenEndpoint: "https://id.example.test/other-token")
        let endpoints = try ProviderEndpoints.resolve(config, transport: provider)
        XCTAssertEqual(endpoints, ProviderEndpoints(
            deviceAuthorization: FakeProvider.deviceURL, token: "https://id.example.test/other-token",
            jwksURI: FakeProvider.jwksURL))
    }

    func testDiscoveryURLDropsTrailingSlash() {
        XCTAssertEqual(
            ProviderConfiguration(issuer: "https://login.example.test/tenant/", clientID: "c").discoveryURL,
            "https://login.example.test/tenant/.well-known/openid-configuration")
        XCTAssertEqual(ProviderConfiguration(issuer: "x", clientID: "c").scopes, ["openid", "email", "profile"])
    }

    func testDiscoveryFailures() {
        provider.discovery = .json(404, "not found")
        XCTAssertThrowsError(try makeFlow().start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .discoveryFailed("the discovery document answered HTTP 404"))
        }
        provider.discovery = .failure(HTTPFailure(.tls, "certificate"))
        XCTAssertThrowsError(try makeFlow().start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .network(HTTPFailure(.tls, "certificate")))
        }
        provider.discovery = .json(200, #"{"issuer": "https://id.example.test", "token_endpoint": "https://id.example.test/token", "jwks_uri": "https://id.example.test/jwks"}"#)
        XCTAssertThrowsError(try makeFlow().start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .discoveryFailed(
                "the discovery document has no device_authorization_endpoint: set device_authorization_endpoint in "
                    + "the provider's [providers.NAME] section of the configuration"))
        }
        // Finding 14 (issue 19): the message names the key and the section that supply it.
        var named = configuration
        named.section = "providers.microsoft"
        XCTAssertThrowsError(try makeFlow(named).start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .discoveryFailed(
                "the discovery document has no device_authorization_endpoint: set device_authorization_endpoint in "
                    + "[providers.microsoft] of the configuration"))
        }
        provider.discovery = .json(200, #"{"issuer": "https://id.example.test", "device_authorization_endpoint": "http://id.example.test/device", "token_endpoint": "https://id.example.test/token", "jwks_uri": "https://id.example.test/jwks"}"#)
        XCTAssertThrowsError(try makeFlow().start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .discoveryFailed("the discovery document's device_authorization_endpoint is not https"))
        }
    }

    func testNotConfigured() {
        for config in [
            ProviderConfiguration(issuer: "", clientID: clientID),
            ProviderConfiguration(issuer: FakeProvider.issuer, clientID: ""),
            ProviderConfiguration(issuer: "http://id.example.test", clientID: clientID),
        ] {
            XCTAssertThrowsError(try makeFlow(config).start(now: t0)) {
                XCTAssertEqual($0 as? FederationError, .notConfigured)
            }
        }
        // Loopback http is allowed (the embedded demo provider).
        let local = ProviderConfiguration(issuer: "http://127.0.0.1:8080", clientID: clientID)
        XCTAssertThrowsError(try makeFlow(local).start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .discoveryFailed("the discovery document answered HTTP 404"))
        }
    }
}
