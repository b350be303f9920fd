import Foundation
import MonbanFederation
import MonbanHTTP
import XCTest

/// RFC 8628 polling: start, pending, slow_down, errors, network failures.
final class DeviceFlowTests: FederationTestCase {
    func testStartPendingApproveSignsIn() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.pending(), FakeProvider.tokens(idToken: token()))

        let authorization = try flow.start(now: t0)
        XCTAssertEqual(authorization, DeviceAuthorization(
            userCode: "WDJB-MJHT", verificationURI: "https://id.example.test/activate",
            verificationURIComplete: "https://id.example.test/activate?user_code=WDJB-MJHT",
            expiresAt: t0.addingTimeInterval(600), interval: 5))
        XCTAssertEqual(flow.endpoints, ProviderEndpoints(
            deviceAuthorization: FakeProvider.deviceURL, token: FakeProvider.tokenURL, jwksURI: FakeProvider.jwksURL))

        let deviceRequest = try XCTUnwrap(provider.requests.first { $0.url == FakeProvider.deviceURL })
        XCTAssertEqual(deviceRequest.method, "POST")
        XCTAssertEqual(deviceRequest.form, [
            "client_id": clientID, "scope": "openid email profile", "nonce": expectedNonce,
        ])

        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(10)))
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(10)), .signedIn(expectedIdentity))
        XCTAssertTrue(flow.isFinished)

        let tokenRequests = provider.requests.filter { $0.url == FakeProvider.tokenURL }
        XCTAssertEqual(tokenRequests.count, 2)
        XCTAssertEqual(tokenRequests[0].form, [
            "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
            "device_code": "DEVICE-CODE-SECRET", "client_id": clientID,
        ])
        XCTAssertEqual(provider.count(FakeProvider.jwksURL), 1)

        // Finished: the same answer again, with no request.
        let before = provider.requests.count
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(60)), .signedIn(expectedIdentity))
        XCTAssertEqual(provider.requests.count, before)
    }

    func testSlowDownRaisesIntervalForGoodAndEarlyPollsDoNotHitTheNetwork() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.error("slow_down"), FakeProvider.pending())
        try flow.start(now: t0)

        // Too early: no request.
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(2)), .pending(nextPollAt: t0.addingTimeInterval(5)))
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 0)

        // slow_down: interval 5 → 10.
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(flow.interval, 10)
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 1)

        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(10)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(14.9)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 1)

        // authorization_pending keeps the raised interval.
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(15)), .pending(nextPollAt: t0.addingTimeInterval(25)))
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(25)), .pending(nextPollAt: t0.addingTimeInterval(35)))
        XCTAssertEqual(flow.interval, 10)
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 3)
    }

    func testIntervalDefaultsToFiveSeconds() throws {
        provider = FakeProvider(deviceInterval: nil)
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.pending())
        XCTAssertEqual(try flow.start(now: t0).interval, 5)
        XCTAssertEqual(try flow.poll(now: t0), .pending(nextPollAt: t0.addingTimeInterval(5)))
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 0)
    }

    func testAccessDenied() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.error("access_denied"))
        try flow.start(now: t0)
        XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(5))) { XCTAssertEqual($0 as? FederationError, .denied) }
        XCTAssertTrue(flow.isFinished)
        XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(60))) { XCTAssertEqual($0 as? FederationError, .denied) }
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 1)
    }

    func testExpiredToken() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.error("expired_token"))
        try flow.start(now: t0)
        XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(5))) { XCTAssertEqual($0 as? FederationError, .expired) }
        XCTAssertTrue(flow.isFinished)
    }

    func testDeviceCodeExpiresOnOurClockWithoutARequest() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.pending())
        try flow.start(now: t0)
        XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(600))) { XCTAssertEqual($0 as? FederationError, .expired) }
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 0)
    }

    func testOtherOAuthErrorIsAProviderErrorWithOnlyTheCode() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.error("invalid_grant"))
        try flow.start(now: t0)
        XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(5))) {
            XCTAssertEqual($0 as? FederationError, .providerError("invalid_grant"))
        }
        XCTAssertTrue(flow.isFinished)
    }

    func testNetworkFailureDuringPollingIsRiddenOutAndPollingContinues() throws {
        let flow = makeFlow()
        provider.scriptToken(
            .failure(HTTPFailure(.unreachable, "connection refused")),
            FakeProvider.pending(),
            FakeProvider.tokens(idToken: token()))
        try flow.start(now: t0)

        // RFC 8628 §3.5: not an outcome; the interval doubles (5 → 10).
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(flow.lastTransientFailure, .network(HTTPFailure(.unreachable, "connection refused")))
        XCTAssertFalse(flow.isFinished)
        // Not straight away again: the interval still holds.
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(6)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 1)

        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(15)), .pending(nextPollAt: t0.addingTimeInterval(25)))
        XCTAssertNil(flow.lastTransientFailure, "the provider answered again")
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(25)), .signedIn(expectedIdentity))
    }

    func testTimeoutDoublesTheInterval() throws {
        let flow = makeFlow()
        provider.scriptToken(.failure(HTTPFailure(.timedOut, "timed out")), FakeProvider.pending())
        try flow.start(now: t0)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(flow.interval, 10)
        XCTAssertEqual(flow.nextPollAt, t0.addingTimeInterval(15))
    }

    func testHTTPErrorWithoutOAuthBodyIsTransient() throws {
        let flow = makeFlow()
        provider.scriptToken(.json(502, "<html>bad gateway</html>"), FakeProvider.tokens(idToken: token()))
        try flow.start(now: t0)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(flow.lastTransientFailure, .providerError("the token endpoint answered HTTP 502"))
        XCTAssertFalse(flow.isFinished)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(15)), .signedIn(expectedIdentity))
    }

    func testKeySetUnreachableIsRetriedWithoutSpendingAnotherTokenRequest() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.tokens(idToken: token()))
        provider.scriptJWKS(
            .failure(HTTPFailure(.unreachable, "no route")),
            .json(503, "busy"),
            .json(200, TestKeys.jwksJSON(TestKeys.jwk(TestKeys.rsa1, kid: "k1"))))
        try flow.start(now: t0)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertEqual(flow.lastTransientFailure, .network(HTTPFailure(.unreachable, "no route")))
        XCTAssertFalse(flow.isFinished)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(15)), .pending(nextPollAt: t0.addingTimeInterval(35)))
        XCTAssertEqual(flow.lastTransientFailure, .network(HTTPFailure(.other, "the key set answered HTTP 503")))
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(35)), .signedIn(expectedIdentity))
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 1)
        XCTAssertEqual(provider.count(FakeProvider.jwksURL), 3)
    }

    func testPollBeforeStart() {
        XCTAssertThrowsError(try makeFlow().poll(now: t0)) { XCTAssertEqual($0 as? FederationError, .notStarted) }
    }

    func testDeviceAuthorizationErrorAndClientSecret() throws {
        let config = ProviderConfiguration(
            issuer: FakeProvider.issuer, clientID: clientID, clientSecret: "CLIENT-SECRET",
            scopes: ["openid"])
        provider.deviceAuthorization = FakeProvider.error("invalid_client", status: 401)
        let flow = makeFlow(config)
        XCTAssertThrowsError(try flow.start(now: t0)) {
            XCTAssertEqual($0 as? FederationError, .providerError("invalid_client"))
            XCTAssertFalse(String(describing: $0).contains("CLIENT-SECRET"))
        }
        let request = try XCTUnwrap(provider.requests.last)
        XCTAssertEqual(request.form["client_secret"], "CLIENT-SECRET")
        XCTAssertEqual(request.form["scope"], "openid")
        XCTAssertFalse(String(describing: config).contains("CLIENT-SECRET"))
        XCTAssertFalse(String(reflecting: config).contains("CLIENT-SECRET"))
    }

    func testClientSecretIsSentWhenPolling() throws {
        let config = ProviderConfiguration(issuer: FakeProvider.issuer, clientID: clientID, clientSecret: "S3")
        provider.scriptToken(FakeProvider.pending())
        let flow = makeFlow(config)
        try flow.start(now: t0)
        _ = try flow.poll(now: t0.addingTimeInterval(5))
        XCTAssertEqual(provider.requests.last?.form["client_secret"], "S3")
    }

    func testProviderErrorCodesAreSanitized() throws {
        let flow = makeFlow()
        provider.scriptToken(.json(400, #"{"error": "bad\u001b[31m code <script>"}"#))
        try flow.start(now: t0)
        XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(5))) {
            XCTAssertEqual($0 as? FederationError, .providerError("bad31mcodescript"))
        }
    }

    func testRestartingGivesAFreshCodeAndInterval() throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.error("slow_down"))
        try flow.start(now: t0)
        _ = try flow.poll(now: t0.addingTimeInterval(5))
        XCTAssertEqual(flow.interval, 10)
        try flow.start(now: t0.addingTimeInterval(100))
        XCTAssertEqual(flow.interval, 5)
        XCTAssertEqual(flow.nextPollAt, t0.addingTimeInterval(105))
        XCTAssertEqual(provider.count(FakeProvider.discoveryURL), 1, "endpoints are resolved once")
    }

    /// The flow is synchronous but bridges to jwt-kit's async API: it must also
    /// work when called from inside async code (a blocked cooperative thread).
    func testUsableFromAsyncContext() async throws {
        let flow = makeFlow()
        provider.scriptToken(FakeProvider.tokens(idToken: token()))
        try flow.start(now: t0)
        let result = try flow.poll(now: t0.addingTimeInterval(5))
        XCTAssertEqual(result, .signedIn(expectedIdentity))
    }
}
