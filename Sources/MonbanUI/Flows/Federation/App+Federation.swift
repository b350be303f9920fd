import FoundationEssentials
import MonbanCore
import MonbanFederation
import MonbanTUI

/// Federated sign-in by device flow, Active Directory sign-in, and 利用者ログイン
/// 登録 (LG-4, LG-5, US-2): the effects and the polling.
extension App {
    // MARK: Device flow (LG-4)

    mutating func startFederation(_ method: LoginMethod, _ purpose: FederationPurpose, engine: Engine) throws -> [Effect] {
        guard let setup = providers[method] else {
            screen.message = (Texts.notConfigured(language), .error)
            return []
        }
        let flow: DeviceFlow
        var demo: DemoProvider?
        switch setup {
        case .openID(let configuration, let transport):
            flow = DeviceFlow(configuration: configuration, transport: transport)
        case .demo:
            // Anyone at the terminal approves as a demo identity: only on a database `monban demo`
            // created (issue 19 finding 6). The client refuses to start otherwise; this is the second lock.
            guard try engine.isDemoDatabase() else {
                screen.message = (Texts.notConfigured(language), .error)
                return []
            }
            let provider = try demoProvider(clock: engine.clock)
            demo = provider
            flow = DeviceFlow(configuration: provider.configuration, transport: provider)
        }
        let authorization = try flow.start(now: now)
        let session = DeviceSession(method: method, purpose: purpose, flow: flow, authorization: authorization,
                                    demo: demo, now: now)
        var next = Screen(route: .federation(.deviceFlow(session)))
        next.form.focus = demo != nil ? .demo : .back
        return [.open(next)]
    }

    /// The embedded provider, made on first use (an RSA key is generated).
    mutating func demoProvider(clock: any EngineClock) throws -> DemoProvider {
        if let d = federation.provider { return d }
        let d = try DemoProvider(interval: federation.demoInterval, now: { clock.now() }, userCode: federation.demoUserCode)
        federation.provider = d
        return d
    }

    /// One poll of the provider, when its time has come (RFC 8628 §3.4–3.5); the
    /// runner does it quietly at each tick, and what the engine must do with the answer.
    mutating func pollDeviceFlow() -> [Effect] {
        guard case .federation(.deviceFlow(let session)) = screen.route, now >= session.nextPollAt else { return [] }
        do {
            switch try session.flow.poll(now: now) {
            case .pending(let next):
                session.nextPollAt = next
                return []
            case .signedIn(let who):
                let identity = FederatedIdentity(method: session.method, issuer: who.issuer, subject: who.subject,
                                                 email: who.email)
                return [.quietly(.finishFederation(identity, session.purpose))]
            }
        } catch {
            return [.quietly(.recordFederatedFailure(session.method, reason: "\(error)"))] + federationFailed(error)
        }
    }

    /// The provider vouched for `identity`: sign in, or register it (US-2).
    mutating func finishFederation(_ identity: FederatedIdentity, _ purpose: FederationPurpose,
                                   engine: Engine) throws -> [Effect] {
        switch purpose {
        case .signIn:
            return try arrive(try engine.signIn(federated: identity, purpose: signInPurpose, context: context), engine: engine)
        case .register(let link):
            return registered(try engine.completeRegistration(link, identity: identity, context: context), by: link)
        case .changeMethod(let id):
            // MC-2: afterwards, the login screen: sign in with the new method.
            let person = try engine.changeLoginMethod(by: id, to: identity, context: context)
            return backToLogin(email: person.email, message: Texts.methodChanged(language))
        }
    }

    /// A device flow that ended without an identity: back to where it started, saying why.
    func federationFailed(_ e: FederationError) -> [Effect] {
        let text: String = switch e {
        case .denied: Texts.federationDenied(language)
        case .expired: Texts.federationExpired(language)
        case .notConfigured: Texts.notConfigured(language)
        default: "\(Texts.federationFailed(language)): \(e)"
        }
        return leaveFederation(message: text)
    }

    /// Back to where the sign-in started, saying why.
    func leaveFederation(message: String) -> [Effect] {
        [.leaveFederation, .say(message, .error)]
    }

    // MARK: Active Directory (LG-5)

    /// "Active Directoryアカウントでログイン" / "…で登録": the connection ID first,
    /// unless this terminal knows it.
    mutating func startDirectory(_ purpose: FederationPurpose) -> [Effect] {
        if case .signIn = purpose, let known = federation.knownConnectionID {
            return [.checkConnectionID(known.value, purpose)]
        }
        return [.push(.federation(.connectionIDEntry(purpose)))]
    }

    /// The Active Directory login URL of the 接続ID通知 mail opens 接続ID確認 with its ID, as
    /// the manual's does (§1-3, §1-5 (4)②; issue 20 item 22); an ID no contract has, 接続ID入力.
    func openDirectoryLogin(_ typed: String, engine: Engine) throws(EngineError) -> [Effect] {
        guard let id = ConnectionID(typed), try engine.directory(connectionID: id) != nil else {
            var entry = Screen(route: .federation(.connectionIDEntry(.signIn)))
            entry.message = (Texts.unknownConnectionID(language), .error)
            return [.open(entry)]
        }
        return [.push(.federation(.connectionIDConfirm(id, .signIn)))]
    }

    mutating func checkConnectionID(_ typed: String, _ purpose: FederationPurpose, engine: Engine) throws(EngineError) -> [Effect] {
        guard let id = ConnectionID(typed), let settings = try engine.directory(connectionID: id) else {
            if case .federation(.connectionIDEntry) = screen.route {
                screen.message = (Texts.unknownConnectionID(language), .error)
                return []
            }
            federation.knownConnectionID = nil
            var entry = Screen(route: .federation(.connectionIDEntry(purpose)))
            entry.message = (Texts.unknownConnectionID(language), .error)
            return [.open(entry)]
        }
        if case .federation(.connectionIDEntry) = screen.route {
            return [.push(.federation(.connectionIDConfirm(id, purpose)))]
        }
        return [.push(.federation(.directorySignIn(id, domain: settings.domain, purpose)))]
    }

    mutating func directorySignIn(
        _ id: ConnectionID, user: String, password: String, _ purpose: FederationPurpose, engine: Engine
    ) throws(EngineError) -> [Effect] {
        switch purpose {
        case .signIn:
            let signedIn = try engine.signIn(connectionID: id, userPrincipalName: user, password: password,
                                             purpose: signInPurpose, context: context)
            rememberConnectionID(id)
            return try arrive(signedIn, engine: engine)
        case .register(let link):
            let identity = try engine.verifyDirectoryAccount(connectionID: id, userPrincipalName: user, password: password,
                                                             for: link, context: context)
            let person = try engine.completeRegistration(link, identity: identity, context: context)
            rememberConnectionID(id)
            return registered(person, by: link)
        case .changeMethod:
            // The contractor cannot choose Active Directory (LG-1): no screen offers it.
            screen.message = (Texts.notPermitted(language), .error)
            return []
        }
    }

    mutating func rememberConnectionID(_ id: ConnectionID) {
        federation.knownConnectionID = id
        federation.saveConnectionID?(id)
    }
}

/// The client's state for federation that outlives screens: the demo provider,
/// the connection ID this terminal knows, and how to keep it.
public final class FederationState: @unchecked Sendable {
    var provider: DemoProvider?
    /// Seconds between polls of the demo provider.
    public var demoInterval: Double = 2
    /// The demo provider's user codes (tests make them fixed).
    public var demoUserCode: (@Sendable () -> String)?
    public var knownConnectionID: ConnectionID?
    public var saveConnectionID: ((ConnectionID) -> Void)?

    public init(knownConnectionID: ConnectionID? = nil, save: ((ConnectionID) -> Void)? = nil) {
        self.knownConnectionID = knownConnectionID
        self.saveConnectionID = save
    }
}
