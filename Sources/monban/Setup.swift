import Foundation
import MonbanConfig
import MonbanCore
import MonbanDelivery
import MonbanDirectory
import MonbanFederation
import MonbanHTTP
import MonbanStore
import MonbanUI

/// Putting the pieces together from the configuration: the engine with its
/// settings and LDAP client, the federated providers, the terminal's state.
enum Setup {
    /// The configuration at `path` (required to exist), or the default file if there is one.
    static func configuration(_ path: String?) throws -> Configuration {
        do {
            if let path { return try Configuration.load(path: path, required: true) }
            return try Configuration.load(path: Paths.configFile, required: false)
        } catch {
            throw CLIFailure("configuration: \(error)")
        }
    }

    static func engine(databasePath: String, create: Bool, configuration: Configuration) throws -> Engine {
        // The audit chain's head goes to the system log after every command that appends to it
        // (issue 19 finding 9).
        let engine = Engine(store: try store(databasePath, create: create, keys: configuration.store.keys),
                            settings: configuration.service,
                            directory: LDAPVerifier(), anchors: SyslogAnchors())
        // Links and codes an older monban left in clear in the outbox: sealed, or dropped when
        // done (issue 19 finding 4).
        try engine.sealLegacyOutbox()
        return engine
    }

    /// The store `--db` names: a PostgreSQL connection string (a `postgresql://` URI or a keyword
    /// string such as `service=monban`) shared by many terminals (ST-1), else a SQLite file.
    static func store(_ location: String, create: Bool, keys: String? = nil) throws -> any ContractStore {
        if PGConnectionString.isPostgres(location) {
            // The key files every machine on this store shares: made by the first command, then
            // copied by the operator to every machine (0600, in a folder of its own, 0700).
            let base = keys ?? Paths.postgresKeyBase
            let folder = (base as NSString).deletingLastPathComponent
            if !FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700])
            }
            // Another user's, or readable or writable by others: refused (issue 19 finding 12).
            for (path, what) in [(base + ".key", "the key file"), (base + ".audit-key", "the audit key file")] {
                if let problem = FileChecks.problem(path, what) { throw CLIFailure(problem) }
            }
            return try PostgresStore.open(location, keyFileBase: base)
        }
        // Another user's, or readable or writable by others: refused (issue 19, finding 12).
        try FileChecks.refuseUnsafeDatabase(location)
        return try MonbanDatabase.open(path: location, create: create)
    }

    /// `demo = true` lets anyone at the terminal approve as one of three fixed demo identities:
    /// refused unless the database is one `monban demo` created (issue 19 finding 6). A database
    /// that cannot be opened or read is not the demo's either.
    static func refuseDemoProvidersOutsideTheDemo(_ configuration: Configuration, databasePath: String) throws {
        guard !configuration.providers.isEmpty else { return }
        let names = Configuration.providerKeys.filter { name, method in
            if case .demo? = configuration.providers[method] { true } else { false }
        }.keys.sorted()
        guard !names.isEmpty else { return }
        let isDemo = (try? engine(databasePath: databasePath, create: false, configuration: configuration)
            .isDemoDatabase()) == true
        guard !isDemo else { return }
        let sections = names.map { "[providers.\($0)]" }.joined(separator: ", ")
        throw CLIFailure("configuration: \(sections) demo = true is the embedded demo provider, with which anyone "
            + "at the terminal signs in as a demo identity: it works only on a database made by 'monban demo', "
            + "and \(databasePath) is not one. Remove demo = true, or configure the real provider (issuer, client_id)")
    }

    /// The federated services of the configuration, each with its HTTP client.
    static func providers(_ configuration: Configuration) -> [LoginMethod: IdentityProviderSetup] {
        configuration.providers.mapValues { setting in
            switch setting {
            case .demo: .demo
            case .openID(let p, let caFile): .openID(p, transport: CurlHTTP(caFile: caFile))
            }
        }
    }
}

extension Setup {
    /// The outbox's deliverer for the configured SMTP server and SMS gateway; nil when neither is configured.
    static func deliverer(engine: Engine, configuration: Configuration) -> Deliverer? {
        var smtp = configuration.smtp
        if smtp?.fromName == nil { smtp?.fromName = configuration.service.serviceName }
        let email = smtp.map { SMTPTransport($0, now: { engine.clock.now() }) }
        let sms = configuration.sms.map { SMSGatewayTransport($0) }
        guard email != nil || sms != nil else { return nil }
        return Deliverer(engine: engine, email: email, sms: sms, policy: configuration.delivery.policy,
                         domain: smtp?.domain ?? "monban.invalid")
    }
}

/// Active Directory sign-in through libldap (LG-5).
struct LDAPVerifier: DirectoryVerifier {
    func verify(_ settings: DirectorySettings, userPrincipalName: String, password: String) -> DirectoryAnswer {
        let server = DirectoryServer(url: settings.url, caCertificatePEM: settings.caCertificatePEM, timeout: 10)
        switch LDAPDirectory.bind(server: server, userPrincipalName: userPrincipalName, password: password) {
        case .ok: return .ok
        case .wrongPassword: return .wrongPassword
        case .unknownUser: return .unknownUser
        case .accountDisabled: return .accountDisabled
        case .accountLocked: return .accountLocked
        case .passwordExpired: return .passwordExpired
        case .accountExpired: return .accountExpired
        case .unreachable(let r): return .unreachable(r)
        case .tlsFailure(let r): return .tlsFailure(r)
        case .failed(let r): return .failed(r)
        }
    }
}
