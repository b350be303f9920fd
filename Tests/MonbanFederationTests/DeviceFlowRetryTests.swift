import Foundation
import MonbanFederation
import MonbanHTTP
import XCTest

/// Finding 14 of issue 19 (LG-4, RFC 8628 §3.5): one network timeout or a provider's
/// passing trouble must not end a federated sign-in. Timeouts, refused connections and
/// HTTP 500/502/503/504 slow the polling (the interval doubles, capped) and polling goes
/// on until the device code expires; only a definitive answer ends it. The clock is the
/// `now` given to each poll: nothing sleeps.
final class DeviceFlowRetryTests: FederationTestCase {
    /// Polls at every `nextPollAt` the flow names, as the client does, until an outcome.
    private func pollUntilOutcome(_ flow: DeviceFlow, from start: Date, limit: Int = 100) throws(FederationError)
        -> (VerifiedIdentity, [Date])
    {
        var now = start
        var times: [Date] = []
        for _ in 0..<limit {
            times.append(now)
            switch try flow.poll(now: now) {
            case .signedIn(let who): return (who, times)
            case .pending(let next): now = next
            }
        }
        throw .providerError("no outcome after \(limit) polls")
    }

    func testF14_twoUnavailableAndATimeoutThenApprovalSignsIn() throws {
        let flow = makeFlow()
        provider.scriptToken(
            .json(503, "<html>Service Unavailable</html>"),
            FakeProvider.error("server_error", status: 503),
            .failure(HTTPFailure(.timedOut, "Operation timed out after 18000 milliseconds")),
            FakeProvider.pending(),
            FakeProvider.tokens(idToken: token()))
        try flow.start(now: t0)

        let (who, times) = try pollUntilOutcome(flow, from: t0.addingTimeInterval(5))
        XCTAssertEqual(who, expectedIdentity)
        XCTAssertTrue(flow.isFinished)
        // 5 s, then back-off: 10, 20, 40 (three failures), then the raised interval holds.
        XCTAssertEqual(times.map { $0.timeIntervalSince(t0) }, [5, 15, 35, 75, 115])
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 5)
    }

    func testF14_everyTransientKindIsRetried() throws {
        for reply: FakeProvider.Reply in [
            .failure(HTTPFailure(.timedOut, "timed out")),
            .failure(HTTPFailure(.unreachable, "Connection refused")),
            .json(500, #"{"error": "server_error"}"#),
            .json(502, "bad gateway"),
            .json(503, #"{"error": "temporarily_unavailable"}"#),
            .json(504, ""),
        ] {
            provider = FakeProvider()
            provider.scriptJWKS(.json(200, TestKeys.jwksJSON(TestKeys.jwk(TestKeys.rsa1, kid: "k1"))))
            provider.scriptToken(reply, FakeProvider.tokens(idToken: token()))
            let flow = makeFlow()
            try flow.start(now: t0)
            XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(15)),
                           "\(reply)")
            XCTAssertFalse(flow.isFinished, "\(reply)")
            XCTAssertNotNil(flow.lastTransientFailure, "\(reply)")
            XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(15)), .signedIn(expectedIdentity), "\(reply)")
        }
    }

    func testF14_backOffIsCappedAndPollingGoesOnUntilTheCodeExpires() throws {
        let flow = makeFlow()
        provider.scriptToken(.failure(HTTPFailure(.timedOut, "timed out")))
        try flow.start(now: t0)  // expires at t0 + 600

        var now = t0.addingTimeInterval(5)
        var polls = 0
        do {
            while true {
                polls += 1
                guard case .pending(let next) = try flow.poll(now: now) else { return XCTFail("signed in") }
                XCTAssertLessThanOrEqual(next.timeIntervalSince(now), DeviceFlow.maximumBackoffInterval)
                now = next
            }
        } catch {
            XCTAssertEqual(error, .expired, "only the expiry ends it")
        }
        XCTAssertEqual(flow.interval, DeviceFlow.maximumBackoffInterval)
        XCTAssertEqual(now, t0.addingTimeInterval(600), "the expiry is reported on time")
        // 5, 15, 35, 75, 135, then every 60 s up to 555, then 600 (the expiry, no request).
        XCTAssertEqual(provider.count(FakeProvider.tokenURL), 12)
        XCTAssertEqual(polls, 13)
    }

    func testF14_accessDeniedAfterTroubleEndsIt() throws {
        let flow = makeFlow()
        provider.scriptToken(.json(503, "busy"), FakeProvider.error("access_denied"))
        try flow.start(now: t0)
        XCTAssertEqual(try flow.poll(now: t0.addingTimeInterval(5)), .pending(nextPollAt: t0.addingTimeInterval(15)))
        XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(15))) {
            XCTAssertEqual($0 as? FederationError, .denied)
        }
        XCTAssertTrue(flow.isFinished)
    }

    func testF14_definitiveAnswersEndIt() throws {
        let cases: [(FakeProvider.Reply, FederationError)] = [
            (FakeProvider.error("access_denied"), .denied),
            (FakeProvider.error("expired_token"), .expired),
            (FakeProvider.error("invalid_grant"), .providerError("invalid_grant")),
            (FakeProvider.error("invalid_client", status: 401), .providerError("invalid_client")),
            (.json(404, "<html>not found</html>"), .providerError("the token endpoint answered HTTP 404")),
            (.json(403, ""), .providerError("the token endpoint answered HTTP 403")),
            (.failure(HTTPFailure(.tls, "certificate verify failed")), .network(HTTPFailure(.tls, "certificate verify failed"))),
            (FakeProvider.tokens(idToken: "not.a.jwt"), .invalidToken("the ID token is malformed")),
        ]
        for (reply, expected) in cases {
            provider = FakeProvider()
            provider.scriptToken(reply)
            let flow = makeFlow()
            try flow.start(now: t0)
            XCTAssertThrowsError(try flow.poll(now: t0.addingTimeInterval(5)), "\(reply)") {
                XCTAssertEqual($0 as? FederationError, expected)
            }
            XCTAssertTrue(flow.isFinished, "\(reply)")
            XCTAssertEqual(provider.count(FakeProvider.tokenURL), 1)
        }
    }
}
