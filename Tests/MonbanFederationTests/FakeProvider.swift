import Foundation
import MonbanHTTP

/// A scriptable OpenID provider behind the `HTTPTransport` protocol: discovery,
/// device authorization, token (a sequence of replies) and JWKS (a sequence).
final class FakeProvider: HTTPTransport, @unchecked Sendable {
    enum Reply {
        case json(Int, String)
        case failure(HTTPFailure)
    }

    struct Request {
        var method: String
        var url: String
        var form: [String: String]
    }

    static let issuer = "https://id.example.test"
    static let discoveryURL = "https://id.example.test/.well-known/openid-configuration"
    static let deviceURL = "https://id.example.test/device"
    static let tokenURL = "https://id.example.test/token"
    static let jwksURL = "https://id.example.test/jwks"

    private let lock = NSLock()
    private var _discovery: Reply
    private var _deviceAuthorization: Reply
    private var _tokenReplies: [Reply] = []
    private var _jwksReplies: [Reply] = []
    private var _requests: [Request] = []

    init(issuerInDiscovery: String = FakeProvider.issuer, deviceInterval: Int? = 5, expiresIn: Int = 600) {
        _discovery = .json(200, """
            {"issuer": "\(issuerInDiscovery)",
             "device_authorization_endpoint": "\(Self.deviceURL)",
             "token_endpoint": "\(Self.tokenURL)",
             "jwks_uri": "\(Self.jwksURL)",
             "id_token_signing_alg_values_supported": ["RS256"]}
            """)
        let interval = deviceInterval.map { #", "interval": \#($0)"# } ?? ""
        _deviceAuthorization = .json(200, """
            {"device_code": "DEVICE-CODE-SECRET", "user_code": "WDJB-MJHT",
             "verification_uri": "https://id.example.test/activate",
             "verification_uri_complete": "https://id.example.test/activate?user_code=WDJB-MJHT",
             "expires_in": \(expiresIn)\(interval)}
            """)
    }

    // MARK: Script

    var discovery: Reply {
        get { lock.withLock { _discovery } }
        set { lock.withLock { _discovery = newValue } }
    }

    var deviceAuthorization: Reply {
        get { lock.withLock { _deviceAuthorization } }
        set { lock.withLock { _deviceAuthorization = newValue } }
    }

    /// Replies of the token endpoint, in order; the last one repeats.
    func scriptToken(_ replies: Reply...) { lock.withLock { _tokenReplies = replies } }
    /// Replies of the JWKS endpoint, in order; the last one repeats.
    func scriptJWKS(_ replies: Reply...) { lock.withLock { _jwksReplies = replies } }

    static func pending() -> Reply { .json(400, #"{"error": "authorization_pending"}"#) }
    static func error(_ code: String, status: Int = 400) -> Reply {
        .json(status, #"{"error": "\#(code)", "error_description": "details"}"#)
    }
    static func tokens(idToken: String) -> Reply {
        .json(200, #"{"access_token": "AT-SECRET", "token_type": "Bearer", "expires_in": 3600, "id_token": "\#(idToken)"}"#)
    }

    // MARK: Observation

    var requests: [Request] { lock.withLock { _requests } }
    func count(_ url: String) -> Int { requests.filter { $0.url == url }.count }

    // MARK: HTTPTransport

    func get(_ url: String, headers: [String: String]) throws(HTTPFailure) -> HTTPResponse {
        let reply: Reply = lock.withLock {
            _requests.append(Request(method: "GET", url: url, form: [:]))
            switch url {
            case Self.discoveryURL: return _discovery
            case Self.jwksURL: return Self.next(&_jwksReplies)
            default: return .json(404, "{}")
            }
        }
        return try Self.respond(reply)
    }

    func postForm(_ url: String, form: [(String, String)], headers: [String: String]) throws(HTTPFailure) -> HTTPResponse {
        let reply: Reply = lock.withLock {
            _requests.append(Request(
                method: "POST", url: url,
                form: Dictionary(form, uniquingKeysWith: { first, _ in first })))
            switch url {
            case Self.deviceURL: return _deviceAuthorization
            case Self.tokenURL: return Self.next(&_tokenReplies)
            default: return .json(404, "{}")
            }
        }
        return try Self.respond(reply)
    }

    private static func next(_ queue: inout [Reply]) -> Reply {
        guard let first = queue.first else { return .json(500, #"{"error": "server_error"}"#) }
        if queue.count > 1 { queue.removeFirst() }
        return first
    }

    private static func respond(_ reply: Reply) throws(HTTPFailure) -> HTTPResponse {
        switch reply {
        case .json(let status, let body):
            return HTTPResponse(status: status, headers: ["content-type": "application/json"], body: Array(body.utf8))
        case .failure(let failure):
            throw failure
        }
    }
}
