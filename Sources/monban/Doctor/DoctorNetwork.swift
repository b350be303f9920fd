import Foundation
import MonbanConfig
import MonbanCore
import MonbanDelivery
import MonbanFederation
import MonbanHTTP

/// The doctor's lines for what monban reaches over the network (PK-1): the SMTP server, a
/// test message, each OpenID provider's discovery document and key set.
enum DoctorNetwork {
    /// Connect, greeting, EHLO, QUIT — within the configured timeout (at most 10 s).
    static func smtp(_ configuration: Configuration?) -> DoctorCheck {
        guard let smtp = configuration?.smtp else {
            return DoctorCheck("smtp.answers", .skip, "no [smtp] section: e-mails wait in the outbox")
        }
        let server = smtp.server
        guard let c = URLComponents(string: server.url), let host = c.host else {
            return DoctorCheck("smtp.answers", .fail, "[smtp] url cannot be read")
        }
        let implicitTLS = server.security == .implicitTLS
        let port = c.port ?? (implicitTLS ? 465 : 25)
        let seconds = min(10, Double(server.timeout.components.seconds))
        let place = "\(host):\(port)"
        do {
            let socket = try DoctorSocket(host: host, port: port, timeoutMs: Int(max(1, seconds) * 1000))
            if implicitTLS {
                return DoctorCheck("smtp.answers", .ok, "\(place) accepts connections (TLS is tried by --send-test)")
            }
            let greeting = try socket.reply()
            guard greeting.code == 220 else {
                return DoctorCheck("smtp.answers", .fail, "\(place) greets with \(greeting.text)",
                                   action: "check [smtp] url: this is not a mail server ready to take mail")
            }
            socket.say("EHLO \(Self.hostName())")
            let hello = try socket.reply()
            socket.say("QUIT")
            guard hello.code == 250 else {
                return DoctorCheck("smtp.answers", .fail, "\(place) refuses EHLO: \(hello.text)")
            }
            return DoctorCheck("smtp.answers", .ok, "\(place) answers (greeting and EHLO)")
        } catch {
            return DoctorCheck("smtp.answers", .fail, "nothing answers at \(place): \(error.description)",
                               action: "check [smtp] url and that the mail server runs and lets this machine in")
        }
    }

    /// One message to `address` through the configured server, as the deliverer sends mail.
    static func sendTest(to address: String, _ configuration: Configuration?, secretsSafe: Bool) -> DoctorCheck {
        guard let configuration, let smtp = configuration.smtp else {
            return DoctorCheck("smtp.send-test", .fail, "no [smtp] section to send through")
        }
        guard secretsSafe else {
            return DoctorCheck("smtp.send-test", .skip, "not sent: the configuration's secrets are not owner-only (see above)")
        }
        guard let to = try? EmailAddress(address) else {
            return DoctorCheck("smtp.send-test", .fail, "--send-test needs an e-mail address")
        }
        let name = smtp.fromName ?? configuration.service.serviceName
        let body = "This message was sent by 'monban doctor --send-test' from \(hostName()) to check the mail set-up.\n"
            + "Nothing needs to be done.\n"
        let domain = smtp.from.split(separator: "@").last.map(String.init) ?? "monban.invalid"
        let mail = MailComposer.Mail(from: smtp.from, fromName: name, to: to.value, subject: "monban doctor: test message",
                                     body: body, messageID: "<doctor.\(UUID().uuidString.lowercased())@\(domain)>", date: Date())
        do {
            try CurlSMTP.send(MailComposer.compose(mail), from: smtp.from, to: [to.value], server: smtp.server)
            return DoctorCheck("smtp.send-test", .ok, "sent a test message to \(to.value)")
        } catch {
            return DoctorCheck("smtp.send-test", .fail, "the test message was not sent: \(error.reason)",
                               action: "check [smtp] url, security, username and password")
        }
    }

    /// Each configured provider: the embedded demo one needs nothing; a real one has its
    /// discovery document and JWKS fetched and checked.
    static func providers(_ configuration: Configuration?) -> [DoctorCheck] {
        guard let configuration, !configuration.providers.isEmpty else {
            return [DoctorCheck("providers", .skip, "no [providers] configured")]
        }
        let names = Configuration.providerKeys.sorted { $0.key < $1.key }
        return names.compactMap { name, method -> DoctorCheck? in
            guard let setting = configuration.providers[method] else { return nil }
            let id = "provider.\(name)"
            switch setting {
            case .demo:
                return DoctorCheck(id, .ok, "the embedded demo provider (works only on a database made by 'monban demo')")
            case .openID(let p, let caFile):
                switch ProviderHealth.check(p, transport: CurlHTTP(caFile: caFile)) {
                case .ok(let keys, let jwks):
                    return DoctorCheck(id, .ok, "\(p.issuer): discovery document and key set valid (\(keys) signing keys at \(jwks))")
                case .discoveryFailed(let why):
                    return DoctorCheck(id, .fail, "\(p.issuer): \(why)",
                                       action: "check issuer (and ca_file) in [providers.\(name)], and that the provider is reachable")
                case .keySetFailed(let why):
                    return DoctorCheck(id, .fail, "\(p.issuer): \(why)",
                                       action: "check jwks_uri in [providers.\(name)] or the provider's discovery document")
                case .noUsableKey(let jwks):
                    return DoctorCheck(id, .fail, "\(p.issuer): the key set at \(jwks) has no RS256 or ES256 signing key",
                                       action: "sign-in would fail: ask the provider's administrator")
                }
            }
        }
    }

    static func hostName() -> String {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let name = String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
