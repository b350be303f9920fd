import Glibc
import Foundation
import MonbanCore
import MonbanDelivery
import MonbanAddress
import MonbanHTTP
import TOMLKit

/// The `[kiosk]` section (UI-6).
public struct KioskSettings: Sendable, Equatable {
    /// Kiosk mode without `--kiosk` (a terminal that is only ever a kiosk).
    public var enabled = false
    /// Seconds without a key after which the login screen comes back, cleared.
    public var idleTimeout: Double = 120

    public init(enabled: Bool = false, idleTimeout: Double = 120) {
        self.enabled = enabled
        self.idleTimeout = idleTimeout
    }
}

/// The `[client]` section: how a terminal treats whoever uses it.
public struct ClientSettings: Sendable, Equatable {
    /// Seconds without a key after which a signed-in person is signed out (ASVS 7.3.1); 0: never.
    public var idleSignOut: Double = 900
    /// Seconds a sign-in lasts at most, however busy (ASVS 7.3.2); 0: no limit.
    public var maxSession: Double = 12 * 3600
    /// Whether the 受信箱 (F2) shows a signed-in person their own messages; nil: off (issue 19
    /// finding 1). A demo database shows every message on every screen whatever this says.
    public var inbox: Bool?
    /// Whether "remember this terminal" may be offered (issue 19 finding 3): `false` where the
    /// OS account is shared; nil or `true`: each account is one person's own. Off anyway on a
    /// kiosk, under a forced command, and under SSH without the connection's key (TerminalBinding).
    public var remember: Bool?
    public init() {}
}

/// `[smtp]`, `[sms]`, `[delivery]`, `[kiosk]` (issue 8), `[client]`.
extension Reader {
    static let smtpKeys: Set<String> = ["url", "security", "from", "from_name", "username", "password", "password_file",
                                        "password_env", "ca_file", "timeout"]
    static let smsKeys: Set<String> = ["url", "from", "account", "token", "token_file", "token_env", "ca_file", "timeout"]
    static let deliveryKeys: Set<String> = ["in_client", "max_attempts", "retry_initial", "retry_max", "poll_interval"]
    static let kioskKeys: Set<String> = ["enabled", "idle_timeout"]
    static let clientKeys: Set<String> = ["idle_sign_out", "max_session", "inbox", "remember"]

    mutating func delivery(_ root: TOMLTable, into config: inout Configuration) throws(Configuration.Failure) {
        if let t = try section(root, "smtp") {
            try only(t, Self.smtpKeys, in: "smtp")
            config.smtp = try smtp(t, config: &config)
        }
        if let t = try section(root, "sms") {
            try only(t, Self.smsKeys, in: "sms")
            config.sms = try sms(t, config: &config)
        }
        if let t = try section(root, "delivery") {
            try only(t, Self.deliveryKeys, in: "delivery")
            var d = DeliverySettings()
            d.inClient = try bool(t, "in_client", in: "delivery") ?? d.inClient
            let attempts = try number(t, "max_attempts", in: "delivery", range: 1...1000)
            let initial = try number(t, "retry_initial", in: "delivery", range: 0...86_400)
            let maxWait = try number(t, "retry_max", in: "delivery", range: 0...7 * 86_400)
            if let initial, let maxWait, maxWait < initial {
                throw fail("[delivery] retry_max must be at least retry_initial", section: "delivery", key: "retry_max")
            }
            d.pollInterval = try number(t, "poll_interval", in: "delivery", range: 0.05...3600) ?? d.pollInterval
            let p = d.policy
            d.policy = DeliveryPolicy(maxAttempts: attempts.map { Int($0) } ?? p.maxAttempts,
                                      retryInitial: initial ?? p.retryInitial, retryMax: maxWait ?? max(p.retryMax, initial ?? 0),
                                      lease: p.lease)
            config.delivery = d
        }
        // A claim outlives the slowest exchange (timeouts of both transports) with a margin.
        let slowest = max(config.smtp.map { seconds($0.server.timeout) } ?? 0, config.sms.map { seconds($0.timeout) } ?? 0)
        let p = config.delivery.policy
        config.delivery.policy = DeliveryPolicy(maxAttempts: p.maxAttempts, retryInitial: p.retryInitial,
                                                retryMax: p.retryMax, lease: max(60, 2 * slowest + 30))
        if let t = try section(root, "kiosk") {
            try only(t, Self.kioskKeys, in: "kiosk")
            config.kiosk.enabled = try bool(t, "enabled", in: "kiosk") ?? false
            config.kiosk.idleTimeout = try number(t, "idle_timeout", in: "kiosk", range: 1...86_400) ?? 120
        }
        if let t = try section(root, "client") {
            // The line is read from one fixed system file, never from a configuration the
            // client can be pointed at (issue 19 finding 5, LG-6).
            if t["line"] != nil {
                throw fail("[client] line is no longer read: the line this terminal is on is set in "
                           + "\(TerminalLineFile.path), which only root can write", section: "client", key: "line")
            }
            try only(t, Self.clientKeys, in: "client")
            config.client.idleSignOut = try number(t, "idle_sign_out", in: "client", range: 0...86_400) ?? 900
            config.client.inbox = try bool(t, "inbox", in: "client")
            config.client.remember = try bool(t, "remember", in: "client")
            config.client.maxSession = try number(t, "max_session", in: "client", range: 0...30 * 86_400) ?? 12 * 3600
        }
    }

    func section(_ root: TOMLTable, _ name: String) throws(Configuration.Failure) -> TOMLTable? {
        guard let value = root[name] else { return nil }
        guard let t = value.table else { throw fail("[\(name)] must be a table", key: name) }
        return t
    }

    func bool(_ t: TOMLTable, _ key: String, in section: String) throws(Configuration.Failure) -> Bool? {
        guard let value = t[key] else { return nil }
        guard let b = value.bool else { throw fail("[\(section)] \(key) must be true or false", section: section, key: key) }
        return b
    }

    /// An integer or a decimal within `range`.
    func number(_ t: TOMLTable, _ key: String, in section: String, range: ClosedRange<Double>) throws(Configuration.Failure)
        -> Double?
    {
        guard let value = t[key] else { return nil }
        let n: Double
        if let i = value.int { n = Double(i) } else if let d = value.double { n = d } else {
            throw fail("[\(section)] \(key) must be a number", section: section, key: key)
        }
        guard range.contains(n) else {
            throw fail("[\(section)] \(key) must be between \(format(range.lowerBound)) and \(format(range.upperBound))",
                       section: section, key: key)
        }
        return n
    }

    private func format(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// `NAME`, `NAME_file` or `NAME_env`: a secret inline (recorded, so the file
    /// must be owner-only), in a file of its own (owner-only too), or in the environment.
    func secret(_ t: TOMLTable, _ name: String, in section: String, config: inout Configuration)
        throws(Configuration.Failure) -> String?
    {
        let given = [name, "\(name)_file", "\(name)_env"].filter { t[$0] != nil }
        guard given.count <= 1 else {
            throw fail("[\(section)] give only one of \(given.joined(separator: ", "))", section: section, key: given[1])
        }
        if let inline = try string(t, name, in: section) {
            config.inlineSecrets.append("[\(section)] \(name)")
            return inline
        }
        if let path = try string(t, "\(name)_file", in: section) {
            var info = stat()
            guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
                throw fail("[\(section)] \(name)_file \(path) cannot be read", section: section, key: "\(name)_file")
            }
            guard info.st_uid == geteuid() else {
                throw fail("[\(section)] \(name)_file \(path) belongs to another user (uid \(info.st_uid)): "
                           + "only the account that runs monban may own it", section: section, key: "\(name)_file")
            }
            guard info.st_mode & 0o077 == 0 else {
                throw fail("[\(section)] \(name)_file \(path) can be read or written by other users: chmod 600 \(path)",
                           section: section, key: "\(name)_file")
            }
            var text = String(decoding: data, as: UTF8.self)
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            return text
        }
        if let variable = try string(t, "\(name)_env", in: section) {
            guard let value = getenv(variable) else {
                throw fail("[\(section)] \(name)_env names \(variable), which is not set", section: section, key: "\(name)_env")
            }
            return String(cString: value)
        }
        return nil
    }

    func timeout(_ t: TOMLTable, in section: String, default d: Int) throws(Configuration.Failure) -> Duration {
        guard let n = try number(t, "timeout", in: section, range: 1...600) else { return .seconds(d) }
        return .milliseconds(Int64(n * 1000))
    }

    /// On the parsed address (127.0.0.0/8, ::1) or the exact name `localhost`, never on a
    /// name's prefix (issue 19, finding 12).
    static func isLoopback(_ host: String?) -> Bool {
        Loopback.isLoopback(host: host)
    }

    func smtp(_ t: TOMLTable, config: inout Configuration) throws(Configuration.Failure) -> SMTPSettings {
        guard let url = try string(t, "url", in: "smtp") else { throw fail("[smtp] url is required", key: "smtp") }
        let c = URLComponents(string: url)
        guard let c, c.scheme == "smtp" || c.scheme == "smtps", c.host?.isEmpty == false,
              url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw fail("[smtp] url must be smtp://HOST[:PORT] (STARTTLS) or smtps://HOST[:PORT] (TLS)", section: "smtp", key: "url")
        }
        let security: SMTPServer.Security
        if let s = try string(t, "security", in: "smtp") {
            guard let v = SMTPServer.Security(rawValue: s) else {
                throw fail("[smtp] security must be \"starttls\", \"tls\" or \"none\"", section: "smtp", key: "security")
            }
            security = v
        } else {
            security = c.scheme == "smtps" ? .implicitTLS : .startTLS
        }
        guard (c.scheme == "smtps") == (security == .implicitTLS) else {
            throw fail("[smtp] security = \"tls\" goes with smtps://, \"starttls\" and \"none\" with smtp://",
                       section: "smtp", key: "security")
        }
        guard let from = try string(t, "from", in: "smtp"), (try? EmailAddress(from)) != nil else {
            throw fail("[smtp] from must be an e-mail address (the sender)", section: "smtp", key: t["from"] == nil ? nil : "from")
        }
        let username = try string(t, "username", in: "smtp")
        let password = try secret(t, "password", in: "smtp", config: &config)
        if password != nil && username == nil {
            throw fail("[smtp] a password needs a username", section: "smtp", key: "password")
        }
        if password != nil, security == .none, !Self.isLoopback(c.host) {
            throw fail("[smtp] security = \"none\" would send the password in clear: use starttls or tls",
                       section: "smtp", key: "security")
        }
        let server = SMTPServer(url: url, security: security, username: username, password: password,
                                caFile: try string(t, "ca_file", in: "smtp"), timeout: try timeout(t, in: "smtp", default: 30))
        return SMTPSettings(server: server, from: from, fromName: try string(t, "from_name", in: "smtp"))
    }

    func sms(_ t: TOMLTable, config: inout Configuration) throws(Configuration.Failure) -> SMSSettings {
        guard let url = try url(t, "url", in: "sms") else { throw fail("[sms] url is required", key: "sms") }
        guard let from = try string(t, "from", in: "sms"), !from.isEmpty else {
            throw fail("[sms] from is required (the sender number or ID)", key: "sms")
        }
        let account = try string(t, "account", in: "sms")
        let token = try secret(t, "token", in: "sms", config: &config)
        if token != nil && account == nil { throw fail("[sms] a token needs an account", section: "sms", key: "token") }
        if token != nil, url.lowercased().hasPrefix("http://"), !Self.isLoopback(URLComponents(string: url)?.host) {
            throw fail("[sms] url must be https:// when a token is sent", section: "sms", key: "url")
        }
        return SMSSettings(url: url, from: from, account: account, token: token,
                           caFile: try string(t, "ca_file", in: "sms"), timeout: try timeout(t, in: "sms", default: 15))
    }
}
