import Foundation
import MonbanHTTP

/// Federated sign-in from a terminal (SPEC LG-4): the OAuth 2.0 Device
/// Authorization Grant (RFC 8628) with an OpenID Connect ID token.
///
/// Synchronous by design — the client is a synchronous terminal loop:
///
///     let flow = DeviceFlow(configuration: config, transport: CurlHTTP())
///     let authorization = try flow.start(now: Date())
///     show(authorization.verificationURI, authorization.userCode)
///     while true {
///         switch try flow.poll(now: Date()) {
///         case .pending(let next): sleep(until: next)
///         case .signedIn(let identity): return identity
///         }
///     }
///
/// `poll` never sends a request before the interval has passed: called early, it
/// answers `.pending` with the time it may be called again. A transient failure — a
/// connection timeout, a refused or unreachable connection, an HTTP 500, 502, 503, 504
/// or 429 — is not an outcome: the interval doubles (RFC 8628 §3.5, capped at
/// `maximumBackoffInterval`), `poll` answers `.pending` and the flow keeps polling
/// until the device code expires (`lastTransientFailure` says what happened). Only a
/// definitive answer (`access_denied`, `expired_token`, another OAuth error such as
/// `invalid_grant`, another HTTP status, a TLS failure, an invalid ID token), the
/// expiry, or a successful sign-in finishes the flow (`isFinished`), and further
/// polls repeat that outcome without any request.
///
/// Not thread-safe: use one flow from one thread at a time.
public final class DeviceFlow {
    public static let deviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code"
    /// RFC 8628 §3.2: when the provider names no interval.
    public static let defaultInterval: TimeInterval = 5
    /// RFC 8628 §3.5: `slow_down` adds this to the interval, for good.
    public static let slowDownIncrement: TimeInterval = 5
    /// Upper bound of the interval after back-off from timeouts.
    public static let maximumBackoffInterval: TimeInterval = 60

    public let configuration: ProviderConfiguration
    private let transport: any HTTPTransport
    private let randomBytes: RandomBytes

    /// Resolved on `start` (explicit or discovered).
    public private(set) var endpoints: ProviderEndpoints?
    /// What to show the person; set by `start`.
    public private(set) var authorization: DeviceAuthorization?
    /// The current polling interval (grows with `slow_down` and timeouts).
    public private(set) var interval: TimeInterval = DeviceFlow.defaultInterval
    /// The earliest time `poll` will send a request.
    public private(set) var nextPollAt: Date?
    /// The transient failure polling is riding out (a timeout, a 503…), nil once the
    /// provider answers again. For display only: the flow goes on regardless.
    public private(set) var lastTransientFailure: FederationError?

    private enum State {
        case idle
        /// Waiting for the person; the device code and our nonce.
        case polling(deviceCode: String, nonce: String)
        /// The token endpoint answered with an ID token, but its keys could not be
        /// fetched (network failure): verify again on the next poll, no new request
        /// to the token endpoint (the device code is spent).
        case verifying(idToken: String, nonce: String)
        case finished(Result<VerifiedIdentity, FederationError>)
    }

    private var state: State = .idle
    private var verifier: IDTokenVerifier?

    /// - Parameter randomBytes: the source of the nonce's randomness (the system's
    ///   secure generator by default; tests inject a fixed one).
    public init(
        configuration: ProviderConfiguration,
        transport: any HTTPTransport,
        randomBytes: @escaping RandomBytes = DeviceFlow.systemRandomBytes
    ) {
        self.configuration = configuration
        self.transport = transport
        self.randomBytes = randomBytes
    }

    /// The system's cryptographically secure random generator (the default source).
    public static func systemRandomBytes(_ count: Int) -> [UInt8] {
        Nonce.systemRandomBytes(count)
    }

    /// True once the flow has signed in or failed for good.
    public var isFinished: Bool {
        if case .finished = state { true } else { false }
    }

    // MARK: Start

    /// Resolves the endpoints (discovery when needed) and asks the provider for a
    /// device code (RFC 8628 §3.1–3.2). Calling it again starts over with a new
    /// code and a new nonce.
    @discardableResult
    public func start(now: Date = Date()) throws(FederationError) -> DeviceAuthorization {
        state = .idle
        authorization = nil
        nextPollAt = nil
        lastTransientFailure = nil
        interval = Self.defaultInterval

        let endpoints: ProviderEndpoints
        if let resolved = self.endpoints {
            endpoints = resolved
        } else {
            endpoints = try ProviderEndpoints.resolve(configuration, transport: transport)
            self.endpoints = endpoints
        }
        if verifier == nil {
            verifier = IDTokenVerifier(
                issuer: configuration.issuer, clientID: configuration.clientID,
                jwksURI: endpoints.jwksURI, transport: transport)
        }

        let nonce = Nonce.make(randomBytes)
        var form: [(String, String)] = [
            ("client_id", configuration.clientID),
            ("scope", configuration.scopes.joined(separator: " ")),
            ("nonce", nonce),
        ]
        if let secret = configuration.clientSecret { form.append(("client_secret", secret)) }

        let response: HTTPResponse
        do {
            response = try transport.postForm(
                endpoints.deviceAuthorization, form: form, headers: ["Accept": "application/json"])
        } catch {
            throw .network(error)
        }
        let body = JSONObject(bytes: response.body)
        if let code = body?.string("error") { throw .providerError(sanitizedErrorCode(code)) }
        guard response.status == 200, let body else {
            throw .providerError("the device authorization endpoint answered HTTP \(response.status)")
        }
        // Google says `verification_url`; RFC 8628 says `verification_uri`.
        guard let deviceCode = body.string("device_code"),
            let userCode = body.string("user_code"),
            let verificationURI = body.string("verification_uri") ?? body.string("verification_url"),
            let expiresIn = body.number("expires_in"), expiresIn > 0
        else {
            throw .providerError("the device authorization response is incomplete")
        }
        let providerInterval = body.number("interval").flatMap { $0 > 0 ? $0 : nil }
        interval = providerInterval ?? Self.defaultInterval

        let authorization = DeviceAuthorization(
            userCode: userCode,
            verificationURI: verificationURI,
            verificationURIComplete: body.string("verification_uri_complete")
                ?? body.string("verification_url_complete"),
            expiresAt: now.addingTimeInterval(expiresIn),
            interval: interval)
        self.authorization = authorization
        state = .polling(deviceCode: deviceCode, nonce: nonce)
        nextPollAt = now.addingTimeInterval(interval)
        return authorization
    }

    // MARK: Poll

    /// Asks the token endpoint whether the person has approved (RFC 8628 §3.4–3.5),
    /// unless it is too early, and verifies the ID token when they have.
    public func poll(now: Date) throws(FederationError) -> PollResult {
        switch state {
        case .idle:
            throw .notStarted
        case .finished(let outcome):
            return try outcome.map { .signedIn($0) }.get()
        case .polling, .verifying:
            break
        }
        if let nextPollAt, now < nextPollAt { return .pending(nextPollAt: nextPollAt) }
        if let authorization, now >= authorization.expiresAt { return try finish(.failure(.expired)) }

        switch state {
        case .verifying(let idToken, let nonce):
            return try verify(idToken: idToken, nonce: nonce, now: now)
        case .polling(let deviceCode, let nonce):
            return try requestToken(deviceCode: deviceCode, nonce: nonce, now: now)
        case .idle, .finished:
            throw .notStarted  // handled above; kept total without a trap
        }
    }

    private func requestToken(deviceCode: String, nonce: String, now: Date) throws(FederationError) -> PollResult {
        guard let endpoints else { throw .notStarted }
        var form: [(String, String)] = [
            ("grant_type", Self.deviceCodeGrantType),
            ("device_code", deviceCode),
            ("client_id", configuration.clientID),
        ]
        if let secret = configuration.clientSecret { form.append(("client_secret", secret)) }

        let response: HTTPResponse
        do {
            response = try transport.postForm(endpoints.token, form: form, headers: ["Accept": "application/json"])
        } catch {
            guard Self.isTransient(error) else { return try finish(.failure(.network(error))) }
            return backOff(.network(error), now: now)
        }

        let body = JSONObject(bytes: response.body)
        let rawCode = body?.string("error")
        switch rawCode {
        case "authorization_pending"?:
            lastTransientFailure = nil
            return pending(now: now)
        case "slow_down"?:
            lastTransientFailure = nil
            interval += Self.slowDownIncrement
            return pending(now: now)
        case "access_denied"?:
            return try finish(.failure(.denied))
        case "expired_token"?:
            return try finish(.failure(.expired))
        default:
            break
        }
        // A server in trouble (a proxy's 502, an overloaded 503, with or without an OAuth
        // body such as `server_error` or `temporarily_unavailable`): try again, later.
        if Self.transientStatuses.contains(response.status) || rawCode == "temporarily_unavailable" {
            return backOff(.providerError("the token endpoint answered HTTP \(response.status)"), now: now)
        }
        if let rawCode { return try finish(.failure(.providerError(sanitizedErrorCode(rawCode)))) }
        guard response.status == 200, let body else {
            return try finish(.failure(.providerError("the token endpoint answered HTTP \(response.status)")))
        }
        lastTransientFailure = nil
        guard let idToken = body.string("id_token") else {
            return try finish(.failure(.invalidToken("the token response has no ID token")))
        }
        return try verify(idToken: idToken, nonce: nonce, now: now)
    }

    private func verify(idToken: String, nonce: String, now: Date) throws(FederationError) -> PollResult {
        guard let verifier else { throw .notStarted }
        do {
            let identity = try verifier.verify(idToken, expectedNonce: nonce, now: now)
            return try finish(.success(identity))
        } catch .network(let failure) where Self.isTransient(failure) {
            // The key set could not be fetched: keep the token, try again later.
            state = .verifying(idToken: idToken, nonce: nonce)
            return backOff(.network(failure), now: now)
        } catch {
            return try finish(.failure(error))
        }
    }

    private func pending(now: Date) -> PollResult {
        // Never past the code's expiry: the expiry is then reported on time.
        var next = now.addingTimeInterval(interval)
        if let expiresAt = authorization?.expiresAt, next > expiresAt { next = expiresAt }
        nextPollAt = next
        return .pending(nextPollAt: next)
    }

    /// RFC 8628 §3.5: after a timeout (or a server in trouble) poll less often —
    /// the interval doubles, up to `maximumBackoffInterval` — and keep going.
    private func backOff(_ failure: FederationError, now: Date) -> PollResult {
        lastTransientFailure = failure
        interval = min(interval * 2, max(interval, Self.maximumBackoffInterval))
        return pending(now: now)
    }

    /// HTTP statuses that say "not now" rather than "no": retried with back-off.
    static let transientStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// A failure the network may recover from: a timeout, a refused or unreachable
    /// connection, a dropped exchange. A TLS failure (a certificate that does not
    /// verify), a bad URL or a missing libcurl ends the flow: retrying cannot fix them.
    static func isTransient(_ failure: HTTPFailure) -> Bool {
        switch failure.kind {
        case .timedOut, .unreachable, .other: true
        case .tls, .badURL, .unavailable: false
        }
    }

    private func finish(_ outcome: Result<VerifiedIdentity, FederationError>) throws(FederationError) -> PollResult {
        state = .finished(outcome)
        nextPollAt = nil
        return try outcome.map { .signedIn($0) }.get()
    }
}
