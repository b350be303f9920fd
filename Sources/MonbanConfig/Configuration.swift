import Foundation
import MonbanCore
import MonbanDelivery
import MonbanFederation
import MonbanHTTP
import TOMLKit

/// How one federated service is reached (LG-4): a real OpenID provider, or the
/// embedded demo provider for kiosks without network.
public enum ProviderSetting: Sendable, Equatable {
    case openID(ProviderConfiguration, caFile: String?)
    case demo
}

/// One terminal's configuration: `$XDG_CONFIG_HOME/monban/config.toml`, or the
/// file given with `--config`. Every key is optional; an unknown key or a value
/// of the wrong type is an error (a typo must not leave a service silently
/// unconfigured), reported with the file and, for syntax errors, the line.
public struct Configuration: Sendable, Equatable {
    public var service = ServiceSettings()
    public var providers: [LoginMethod: ProviderSetting] = [:]
    /// "ja" or "en", when set.
    public var language: String?
    /// Where e-mails go (issue 8); nil: they stay pending in the outbox.
    public var smtp: SMTPSettings?
    /// Where SMS go; nil: they stay pending in the outbox.
    public var sms: SMSSettings?
    public var delivery = DeliverySettings()
    public var kiosk = KioskSettings()
    public var client = ClientSettings()
    public var store = StoreSettings()

    /// Whether the operator turned the 受信箱 on (`[client] inbox = true`); off by default,
    /// whatever is delivered (issue 19 finding 1). A database `monban demo` created has it
    /// regardless (ClientAssembly).
    public var inboxEnabled: Bool { client.inbox ?? false }
    /// Whether messages have a way out of the outbox from this configuration (`[smtp]` or `[sms]`).
    public var deliversMessages: Bool { smtp != nil || sms != nil }
    /// The secrets written in the file itself ("[smtp] password"), which make it owner-only.
    public internal(set) var inlineSecrets: [String] = []

    public init() {}

    /// The federated services a configuration can name, by their login method's key.
    public static let providerKeys: [String: LoginMethod] = [
        "google": .google, "facebook": .facebook, "microsoft": .microsoft, "d_account": .dAccount,
    ]

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var reason: String
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)" }
    }

    /// Reads `path`. A missing file is an empty configuration only when `required` is false.
    public static func load(path: String, required: Bool) throws(Failure) -> Configuration {
        let text: String
        switch TextFile.read(path, limit: 1 << 20) {
        case .text(let read): text = read
        case .missing where !required: return Configuration()
        case .missing, .unreadable: throw Failure(file: path, line: nil, reason: "cannot be read")
        case .notText: throw Failure(file: path, line: nil, reason: "not a UTF-8 text file of at most 1 MiB")
        }
        let configuration = try parse(text, file: path)
        try checkSecrets(configuration, file: path)
        return configuration
    }

    /// A file holding a secret inline (a password, a token, a provider's `client_secret`)
    /// must be the running user's own and owner-only (no group or other bits: chmod 600):
    /// monban refuses it otherwise, before any secret is used (issue 19, finding 12).
    static func checkSecrets(_ c: Configuration, file: String) throws(Failure) {
        guard !c.inlineSecrets.isEmpty else { return }
        let keys = c.inlineSecrets.joined(separator: " and ")
        var info = stat()
        guard stat(file, &info) == 0 else {
            throw Failure(file: file, line: nil, reason: "holds \(keys) but its owner and mode cannot be checked")
        }
        if info.st_uid != geteuid() {
            throw Failure(file: file, line: nil, reason: "holds \(keys) but belongs to another user (uid \(info.st_uid)): "
                + "only the account that runs monban may own it (as that account: cp it to a new file, then chmod 600 it)")
        }
        if info.st_mode & 0o077 != 0 {
            throw Failure(file: file, line: nil, reason: "holds \(keys) but other users can read or write it "
                + "(mode \(String(info.st_mode & 0o777, radix: 8))): chmod 600 \(file)"
                + alternatives(c.inlineSecrets))
        }
    }

    /// The keys that keep each inline secret out of the file, for the refusal's hint
    /// (`client_secret` has none: the file itself must be made owner-only).
    static func alternatives(_ secrets: [String]) -> String {
        var hints: [String] = []
        if secrets.contains(where: { $0.hasSuffix("] password") }) { hints.append("password_file / password_env") }
        if secrets.contains(where: { $0.hasSuffix("] token") }) { hints.append("token_file / token_env") }
        return hints.isEmpty ? "" : ", or use " + hints.joined(separator: " or ")
    }

    public static func parse(_ text: String, file: String) throws(Failure) -> Configuration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw Failure(file: file, line: e.source.begin.line, reason: e.description)
        } catch {
            throw Failure(file: file, line: nil, reason: "not TOML")
        }
        var reader = Reader(file: file, text: text)
        return try reader.configuration(table)
    }
}

/// Walks the TOML tables, refusing unknown keys and wrong types.
struct Reader {
    let file: String
    /// The file's text, to find the line of a key the TOML parser accepted but monban refuses.
    var text = ""

    func fail(_ reason: String, section: String? = nil, key: String? = nil) -> Configuration.Failure {
        Configuration.Failure(file: file, line: key.flatMap { line(of: $0, in: section ?? "top level") }, reason: reason)
    }

    /// The line (from 1) where `key` is set in `[section]`, by a plain scan of the text.
    func line(of key: String, in section: String) -> Int? {
        var current = "top level"
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                current = name.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\"", with: "")
                // A key naming a table ("[providers.x]") is found at its header.
                if current == (section == "top level" ? key : "\(section).\(key)") { return i + 1 }
                continue
            }
            guard current == section, line.hasPrefix(key) else { continue }
            let rest = line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
            if rest.hasPrefix("=") { return i + 1 }
        }
        return nil
    }

    func only(_ table: TOMLTable, _ allowed: Set<String>, in section: String) throws(Configuration.Failure) {
        for key in table.keys where !allowed.contains(key) {
            throw fail("[\(section)] unknown key \"\(key)\" (known: \(allowed.sorted().joined(separator: ", ")))",
                       section: section, key: key)
        }
    }

    func string(_ table: TOMLTable, _ key: String, in section: String) throws(Configuration.Failure) -> String? {
        guard let value = table[key] else { return nil }
        guard let s = value.string else { throw fail("[\(section)] \(key) must be a string", section: section, key: key) }
        guard !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw fail("[\(section)] \(key) contains a control character", section: section, key: key)
        }
        return s
    }

    func url(_ table: TOMLTable, _ key: String, in section: String) throws(Configuration.Failure) -> String? {
        guard let s = try string(table, key, in: section) else { return nil }
        guard let c = URLComponents(string: s), c.scheme == "https" || c.scheme == "http", c.host?.isEmpty == false else {
            throw fail("[\(section)] \(key) must be an http(s) URL", section: section, key: key)
        }
        return s
    }

    mutating func configuration(_ root: TOMLTable) throws(Configuration.Failure) -> Configuration {
        try only(root, ["service", "providers", "language", "smtp", "sms", "delivery", "kiosk", "client", "store"], in: "top level")
        var config = Configuration()
        if let lang = try string(root, "language", in: "top level") {
            guard lang == "ja" || lang == "en" else { throw fail("language must be \"ja\" or \"en\"") }
            config.language = lang
        }
        if let value = root["service"] {
            guard let service = value.table else { throw fail("[service] must be a table") }
            try only(service, ["name", "link_base", "line_link_base", "authenticator_issuer", "international_sms"], in: "service")
            let d = ServiceSettings()
            let issuer = try string(service, "authenticator_issuer", in: "service") ?? d.authenticatorIssuer
            guard !issuer.isEmpty, issuer.utf8.count <= 40 else {
                throw fail("[service] authenticator_issuer must be 1 to 40 bytes (it goes into the QR code twice)")
            }
            config.service = ServiceSettings(
                serviceName: try string(service, "name", in: "service") ?? d.serviceName,
                linkBase: try url(service, "link_base", in: "service") ?? d.linkBase,
                authenticatorIssuer: issuer,
                lineLinkBase: try url(service, "line_link_base", in: "service") ?? d.lineLinkBase,
                // RL-1 (issue 19 finding 13): SMS abroad only when the operator says so.
                internationalSMS: try bool(service, "international_sms", in: "service") ?? d.internationalSMS)
        }
        if let value = root["providers"] {
            guard let providers = value.table else { throw fail("[providers] must be a table") }
            for key in providers.keys {
                guard let method = Configuration.providerKeys[key] else {
                    throw fail("[providers.\(key)] unknown service (known: google, facebook, microsoft, d_account)")
                }
                guard let table = providers[key]?.table else { throw fail("[providers.\(key)] must be a table") }
                let setting = try provider(table, section: "providers.\(key)")
                if case .openID(let p, _) = setting, p.clientSecret != nil {
                    config.inlineSecrets.append("[providers.\(key)] client_secret")
                }
                config.providers[method] = setting
            }
        }
        try delivery(root, into: &config)
        try store(root, into: &config)
        return config
    }

    func provider(_ t: TOMLTable, section: String) throws(Configuration.Failure) -> ProviderSetting {
        try only(t, ["demo", "issuer", "client_id", "client_secret", "scopes", "device_authorization_endpoint",
                     "token_endpoint", "jwks_uri", "ca_file"], in: section)
        if let demo = t["demo"] {
            guard let on = demo.bool else { throw fail("[\(section)] demo must be true or false") }
            if on {
                guard t.keys.count == 1 else { throw fail("[\(section)] demo = true takes no other key") }
                return .demo
            }
        }
        guard let issuer = try url(t, "issuer", in: section) else { throw fail("[\(section)] issuer is required") }
        guard let clientID = try string(t, "client_id", in: section), !clientID.isEmpty else {
            throw fail("[\(section)] client_id is required")
        }
        var scopes = ["openid", "email", "profile"]
        if let value = t["scopes"] {
            guard let array = value.array else { throw fail("[\(section)] scopes must be an array of strings") }
            var list: [String] = []
            for item in array {
                guard let s = item.string, !s.isEmpty, !s.contains(" ") else {
                    throw fail("[\(section)] scopes must be an array of strings")
                }
                list.append(s)
            }
            guard list.contains("openid") else { throw fail("[\(section)] scopes must include \"openid\"") }
            scopes = list
        }
        var p = ProviderConfiguration(issuer: issuer, clientID: clientID, scopes: scopes)
        p.clientSecret = try string(t, "client_secret", in: section)
        p.deviceAuthorizationEndpoint = try url(t, "device_authorization_endpoint", in: section)
        p.tokenEndpoint = try url(t, "token_endpoint", in: section)
        p.jwksURI = try url(t, "jwks_uri", in: section)
        p.section = section
        return .openID(p, caFile: try string(t, "ca_file", in: section))
    }
}
