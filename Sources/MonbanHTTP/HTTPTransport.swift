import Foundation

/// One HTTP exchange's answer.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an exchange produced no response at all (a refused or timed-out
/// connection, a TLS failure, a bad URL). An HTTP error status is a response.
public struct HTTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case badURL, unreachable, timedOut, tls, unavailable, other
    }
    public var kind: Kind
    /// A short reason for people (never a request body or a secret).
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}

/// What federated sign-in needs from HTTP: a GET and a form POST, synchronous,
/// with a timeout. `CurlHTTP` is the real one; tests may use another.
public protocol HTTPTransport: Sendable {
    func get(_ url: String, headers: [String: String]) throws(HTTPFailure) -> HTTPResponse
    /// POSTs `form` as application/x-www-form-urlencoded.
    func postForm(_ url: String, form: [(String, String)], headers: [String: String]) throws(HTTPFailure) -> HTTPResponse
}
