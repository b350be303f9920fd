import FoundationEssentials
import MonbanCore
import MonbanFederation
import MonbanHTTP
import MonbanTUI

/// How the client reaches each federated service (LG-4): a real OpenID
/// provider over HTTP, or the embedded demo provider. A service with no entry
/// is not set up: its button says so and offers nothing else.
public enum IdentityProviderSetup: Sendable {
    case openID(ProviderConfiguration, transport: any HTTPTransport)
    case demo
}

/// What a device flow is for.
public enum FederationPurpose: Sendable, Equatable {
    case signIn
    /// 利用者ログイン登録 (US-2): bind the account to the link's person.
    case register(Link)
    /// ログイン方法の設定 (MC-2): the contractor's own login method becomes this account.
    case changeMethod(personID: Int64)
}

/// One running device flow (RFC 8628) and what the screen shows of it. A class:
/// the flow keeps its state (interval, device code) between polls; screens
/// compare sessions by identity.
public final class DeviceSession: @unchecked Sendable, Equatable {
    public let method: LoginMethod
    public let purpose: FederationPurpose
    let flow: DeviceFlow
    public let authorization: DeviceAuthorization
    /// The embedded provider, whose verification page is a screen of the client.
    let demo: DemoProvider?
    public internal(set) var nextPollAt: Date

    init(method: LoginMethod, purpose: FederationPurpose, flow: DeviceFlow, authorization: DeviceAuthorization,
         demo: DemoProvider?, now: Date) {
        self.method = method
        self.purpose = purpose
        self.flow = flow
        self.authorization = authorization
        self.demo = demo
        nextPollAt = now + authorization.interval
    }

    public static func == (a: DeviceSession, b: DeviceSession) -> Bool { a === b }

    /// The URL for the QR code: the complete one when the provider gives it.
    public var qrURL: String { authorization.verificationURIComplete ?? authorization.verificationURI }
}
