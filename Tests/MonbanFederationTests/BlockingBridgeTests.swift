import Foundation
import MonbanFederation
import XCTest

/// The synchronous API bridges to jwt-kit's async one without the cooperative pool.
final class BlockingBridgeTests: FederationTestCase {
    /// More callers than cooperative threads, each blocking its thread in a
    /// synchronous `poll`: this would deadlock if the bridged work needed the
    /// cooperative pool.
    func testSaturatedCooperativePoolDoesNotDeadlock() throws {
        let callers = ProcessInfo.processInfo.activeProcessorCount + 2
        let idToken = token()
        let t0 = self.t0
        let clientID = self.clientID
        let jwks = TestKeys.jwksJSON(TestKeys.jwk(TestKeys.rsa1, kid: "k1"))
        let finished = DispatchSemaphore(value: 0)
        let results = ResultsBox()

        Task.detached {
            await withTaskGroup(of: PollResult?.self) { group in
                for _ in 0..<callers {
                    group.addTask {
                        let provider = FakeProvider()
                        provider.scriptJWKS(.json(200, jwks))
                        provider.scriptToken(FakeProvider.tokens(idToken: idToken))
                        let flow = DeviceFlow(
                            configuration: ProviderConfiguration(issuer: FakeProvider.issuer, clientID: clientID),
                            transport: provider, randomBytes: { [UInt8](repeating: 7, count: $0) })
                        _ = try? flow.start(now: t0)
                        return try? flow.poll(now: t0.addingTimeInterval(5))
                    }
                }
                for await result in group { results.append(result) }
            }
            finished.signal()
        }
        guard finished.wait(timeout: .now() + 60) == .success else {
            return XCTFail("the bridge deadlocked with a saturated cooperative pool")
        }
        XCTAssertEqual(results.values.count, callers)
        XCTAssertTrue(results.values.allSatisfy { $0 == .signedIn(expectedIdentity) })
    }
}

private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _values: [PollResult?] = []
    func append(_ value: PollResult?) { lock.withLock { _values.append(value) } }
    var values: [PollResult?] { lock.withLock { _values } }
}
