import Foundation
import TestSupport
import XCTest
import MonbanHTTP

/// CurlHTTP against the test OpenID provider (Tests/Support/oidc/provider.py):
/// discovery, device authorization, a pending poll, approval and the token.
final class ProviderTests: XCTestCase {
    private let http = CurlHTTP(timeout: .seconds(5))

    private func json(_ response: HTTPResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    func testDeviceFlowThroughCurl() throws {
        guard LocalServer.pythonHas("flask, authlib") else {
            throw TestEnvironmentMissing("Flask and Authlib are not installed for \(LocalServer.python)")
        }
        let provider = try startServer("provider.py", ["--port", "0", "--client-id", "monban-test", "--quiet"])
        let discovery = try json(http.get(provider.base + "/.well-known/openid-configuration", headers: ["Accept": "application/json"]))
        XCTAssertEqual(discovery["issuer"] as? String, provider.base)
        let deviceEndpoint = try XCTUnwrap(discovery["device_authorization_endpoint"] as? String)
        let tokenEndpoint = try XCTUnwrap(discovery["token_endpoint"] as? String)

        let authorization = try http.postForm(deviceEndpoint, form: [
            ("client_id", "monban-test"), ("scope", "openid email profile"), ("nonce", "n+1 & 2=3 ✓"),
        ], headers: [:])
        XCTAssertEqual(authorization.status, 200)
        XCTAssertEqual(authorization.headers["cache-control"], "no-store")
        let codes = try json(authorization)
        let deviceCode = try XCTUnwrap(codes["device_code"] as? String)
        let userCode = try XCTUnwrap(codes["user_code"] as? String)
        XCTAssertEqual(codes["interval"] as? Int, 1)

        let poll: [(String, String)] = [
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode), ("client_id", "monban-test"),
        ]
        let pending = try http.postForm(tokenEndpoint, form: poll, headers: [:])
        XCTAssertEqual(pending.status, 400)
        XCTAssertEqual(try json(pending)["error"] as? String, "authorization_pending")

        let approved = try http.postForm(provider.base + "/test/approve", form: [
            ("user_code", userCode), ("sub", "taro"), ("email", "taro@example.test"),
        ], headers: [:])
        XCTAssertEqual(approved.status, 200)

        let token = try http.postForm(tokenEndpoint, form: poll, headers: [:])
        XCTAssertEqual(token.status, 200)
        let idToken = try XCTUnwrap(try json(token)["id_token"] as? String)
        let parts = idToken.split(separator: ".")
        XCTAssertEqual(parts.count, 3)
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let claims = try XCTUnwrap(JSONSerialization.jsonObject(with: XCTUnwrap(Data(base64Encoded: payload))) as? [String: Any])
        XCTAssertEqual(claims["nonce"] as? String, "n+1 & 2=3 ✓", "the nonce went through the form encoding intact")
        XCTAssertEqual(claims["sub"] as? String, "taro")
        XCTAssertEqual(claims["aud"] as? String, "monban-test")
    }
}
