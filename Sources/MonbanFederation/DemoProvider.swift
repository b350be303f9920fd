import CryptoExtras
import Foundation
import JWTKit
import MonbanHTTP

/// The embedded demo provider (LG-4) for kiosks with no network: an OpenID
/// provider that lives inside monban and answers the same HTTP exchanges a
/// real one does — discovery, RFC 8628 device authorization and token
/// polling, RS256 ID tokens, a JWKS — so sign-in through it runs the same
/// `DeviceFlow` code, ID-token checks included. Its "verification page" is a
/// screen of the client, where the visitor picks a demo identity and approves
/// (`approve`) or refuses (`deny`).
public final class DemoProvider: HTTPTransport, @unchecked Sendable {
    public static let issuer = "https://demo-idp.monban.invalid"
    public static let clientID = "monban-demo"

    public struct Identity: Sendable, Equatable {
        public var subject: String
        public var name: String
        public var email: String
    }

    /// The visitors a kiosk offers.
    public static let identities = [
        Identity(subject: "demo-0001", name: "デモ 花子", email: "hanako@demo-idp.monban.invalid"),
        Identity(subject: "demo-0002", name: "デモ 太郎", email: "taro@demo-idp.monban.invalid"),
        Identity(subject: "demo-0003", name: "Demo Visitor", email: "visitor@demo-idp.monban.invalid"),
    ]

    enum State {
        case pending
        case approved(Identity)
        case denied
    }

    struct Request {
        var userCode: String
        var nonce: String?
        var expiresAt: Date
        var state: State
    }

    private let lock = NSLock()
    private var requests: [String: Request] = [:]  // by device code
    private let keys = JWTKeyCollection()
    private let jwk: [String: String]
    private let interval: Double
    private let now: @Sendable () -> Date
    private let makeUserCode: @Sendable () -> String

    /// `interval`: seconds between polls the provider asks for; `now`: its clock
    /// (the engine's); `userCode`: where user codes come from (random by default).
    public init(
        interval: Double = 2, now: @escaping @Sendable () -> Date = { Date() },
        userCode: (@Sendable () -> String)? = nil
    ) throws {
        makeUserCode = userCode ?? { DemoProvider.userCode() }
        let key = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let primitives = try key.publicKey.getKeyPrimitives()
        jwk = ["kty": "RSA", "kid": "demo-1", "use": "sig", "alg": "RS256",
               "n": Self.base64URL(primitives.modulus), "e": Self.base64URL(primitives.publicExponent)]
        self.interval = interval
        self.now = now
        let keys = self.keys
        _ = try BlockingBridge.run { await keys.add(rsa: key, digestAlgorithm: .sha256, kid: "demo-1") }
    }

    public var configuration: ProviderConfiguration {
        ProviderConfiguration(issuer: Self.issuer, clientID: Self.clientID)
    }

    /// The visitor approved `userCode` as `identity`; false when no such request waits.
    @discardableResult
    public func approve(userCode: String, as identity: Identity) -> Bool { settle(userCode, .approved(identity)) }

    @discardableResult
    public func deny(userCode: String) -> Bool { settle(userCode, .denied) }

    private func settle(_ userCode: String, _ state: State) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let (code, request) = requests.first(where: { $0.value.userCode == userCode }),
              case .pending = request.state
        else { return false }
        requests[code]?.state = state
        return true
    }

    // MARK: HTTPTransport

    public func get(_ url: String, headers: [String: String]) throws(HTTPFailure) -> HTTPResponse {
        switch url {
        case Self.issuer + "/.well-known/openid-configuration":
            return json(200, [
                "issuer": Self.issuer,
                "device_authorization_endpoint": Self.issuer + "/device_authorization",
                "token_endpoint": Self.issuer + "/token",
                "jwks_uri": Self.issuer + "/jwks",
                "id_token_signing_alg_values_supported": ["RS256"],
                "grant_types_supported": ["urn:ietf:params:oauth:grant-type:device_code"],
            ])
        case Self.issuer + "/jwks":
            return json(200, ["keys": [jwk]])
        default:
            return json(404, ["error": "not_found"])
        }
    }

    public func postForm(_ url: String, form: [(String, String)], headers: [String: String]) throws(HTTPFailure)
        -> HTTPResponse
    {
        let fields = Dictionary(form, uniquingKeysWith: { first, _ in first })
        guard fields["client_id"] == Self.clientID else { return json(401, ["error": "invalid_client"]) }
        switch url {
        case Self.issuer + "/device_authorization":
            let deviceCode = UUID().uuidString + UUID().uuidString
            let userCode = makeUserCode()
            lock.lock()
            requests[deviceCode] = Request(userCode: userCode, nonce: fields["nonce"], expiresAt: now() + 600, state: .pending)
            lock.unlock()
            return json(200, [
                "device_code": deviceCode, "user_code": userCode,
                "verification_uri": Self.issuer + "/activate",
                "verification_uri_complete": Self.issuer + "/activate?user_code=" + userCode,
                "expires_in": 600, "interval": interval,
            ])
        case Self.issuer + "/token":
            guard fields["grant_type"] == "urn:ietf:params:oauth:grant-type:device_code",
                  let code = fields["device_code"]
            else { return json(400, ["error": "unsupported_grant_type"]) }
            lock.lock()
            let request = requests[code]
            lock.unlock()
            guard let request else { return json(400, ["error": "invalid_grant"]) }
            if now() >= request.expiresAt { return json(400, ["error": "expired_token"]) }
            switch request.state {
            case .pending:
                return json(400, ["error": "authorization_pending"])
            case .denied:
                forget(code)
                return json(400, ["error": "access_denied"])
            case .approved(let who):
                forget(code)
                let t = now()
                let claims = DemoClaims(
                    iss: IssuerClaim(value: Self.issuer), sub: SubjectClaim(value: who.subject),
                    aud: AudienceClaim(value: [Self.clientID]), exp: ExpirationClaim(value: t + 300),
                    iat: IssuedAtClaim(value: t), nonce: request.nonce, email: who.email, name: who.name)
                let keys = self.keys
                guard let token = try? BlockingBridge.run({ try await keys.sign(claims, kid: "demo-1") }) else {
                    return json(500, ["error": "server_error"])
                }
                return json(200, ["access_token": "demo", "token_type": "Bearer", "expires_in": 300, "id_token": token])
            }
        default:
            return json(404, ["error": "not_found"])
        }
    }

    private func forget(_ code: String) {
        lock.lock()
        requests[code] = nil
        lock.unlock()
    }

    private func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return HTTPResponse(status: status, headers: ["content-type": "application/json"], body: Array(body))
    }

    /// "ABCD-EFGH" from letters people do not confuse.
    static func userCode() -> String {
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ")
        var g = SystemRandomNumberGenerator()
        let chars = (0..<8).map { _ in letters[Int.random(in: 0..<letters.count, using: &g)] }
        return String(chars[0..<4]) + "-" + String(chars[4..<8])
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The ID token the demo provider signs.
struct DemoClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var nonce: String?
    var email: String
    var name: String

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
