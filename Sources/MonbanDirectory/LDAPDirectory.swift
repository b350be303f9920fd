// Active Directory sign-in (SPEC LG-5): an LDAP simple bind of the person's
// user principal name ("user@domain") and password against the contract's directory.
//
// What the answer means (measured against Samba 4.17's AD DC, which answers like Windows):
//   bind succeeds                                   → .ok
//   49 invalidCredentials, "… data 52e, …"          → .wrongPassword
//   49, data 525 (Windows: no such user)            → .unknownUser
//   49, data 533 (disabled; given for the right password only — a wrong one is 52e)
//                                                   → .accountDisabled
//   49, data 775 (locked out; whatever the password) → .accountLocked
//   49, data 532 / 773 (password expired / must change)  → .passwordExpired
//   49, data 701 (account expired)                       → .accountExpired
//   49 without a sub-code (a directory that is not AD) → .wrongPassword
//   TCP refused, no route, connect/answer timeout, busy/unavailable → .unreachable
//   connected but the TLS handshake failed (CA not trusted, name mismatch, not TLS)
//                                                   → .tlsFailure
//   anything else (e.g. strong authentication required on ldap://) → .failed
//   ldap:// to a host that is not this machine (issue 19 finding 11)  → .failed, not contacted
// Samba answers 52e for an unknown user too (Windows answers 525): against Samba an unknown
// user cannot be told from a wrong password. Telling them apart otherwise would need a search
// of the directory, and we only hold the person's own (then unverified) credentials: no
// anonymous or service-account search is made.
//
// Nothing here logs, and no outcome message contains the password. An empty password is
// refused without contacting the directory: LDAP treats a bind with a name and an empty
// password as an "unauthenticated bind", which many servers accept as success.
import CLdap
import Foundation
import MonbanAddress

/// The directory a contract signs its people in against.
public struct DirectoryServer: Equatable, Sendable {
    /// `ldap://host[:port]` or `ldaps://host[:port]` (several, separated by spaces, are tried in turn).
    public var url: String
    /// The CA certificate (PEM) that signed an `ldaps://` server's certificate; nil trusts the
    /// system's CAs (libldap's configuration, /etc/ldap/ldap.conf TLS_CACERT on Debian).
    public var caCertificatePEM: String?
    /// Seconds allowed to connect, and again to get the bind's answer.
    public var timeout: Double

    public init(url: String, caCertificatePEM: String? = nil, timeout: Double = 10) {
        self.url = url
        self.caCertificatePEM = caCertificatePEM
        self.timeout = timeout
    }
}

/// What a sign-in attempt against the directory came to.
public enum BindOutcome: Equatable, Sendable {
    case ok
    case wrongPassword
    case unknownUser
    case accountDisabled
    case accountLocked
    case passwordExpired
    /// The account itself has expired (AD data 701): its password is not the problem (issue 20 item 17).
    case accountExpired
    /// The directory could not be reached (refused, no route, timed out, busy); the text says which.
    case unreachable(String)
    /// The server was reached but the TLS connection failed (untrusted certificate, name mismatch, …).
    case tlsFailure(String)
    /// Anything else: a bad URL, libldap missing, an unexpected LDAP result.
    case failed(String)
}

public enum LDAPDirectory {
    /// Whether libldap can be loaded (loads it when it is not loaded yet): `monban doctor` (PK-1).
    public static var isAvailable: Bool { ll_available() != 0 }

    /// Checks `password` for `userPrincipalName` ("user@domain") by an LDAP simple bind.
    /// Blocking: `server.timeout` bounds each step (connect, TLS handshake, the bind's answer),
    /// so an unresponsive directory costs at most about three times it.
    public static func bind(server: DirectoryServer, userPrincipalName: String, password: String) -> BindOutcome {
        // Never an unauthenticated bind (RFC 4513 §5.1.2): it would "succeed".
        if password.isEmpty { return .wrongPassword }
        guard isPlausibleUPN(userPrincipalName) else { return .unknownUser }
        let url = server.url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let usesTLS = schemeUsesTLS(url) else {
            return .failed("the directory URL must start with ldap:// or ldaps://")
        }
        // The password in clear text only to this machine (issue 19 finding 11).
        if !usesTLS, !onlyLoopback(url) {
            return .failed("ldap:// is used only on this machine; use ldaps://")
        }
        guard ll_available() != 0 else {
            return .failed("libldap is not available (Debian package libldap-2.5-0)")
        }

        var caFile: String?
        if usesTLS, let pem = server.caCertificatePEM, !pem.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard let path = writePrivateTemporaryFile(pem) else {
                return .failed("the CA certificate could not be written to a temporary file")
            }
            caFile = path
        }
        defer { if let caFile { unlink(caFile) } }

        var handle: OpaquePointer?
        let initRC = ll_initialize(&handle, url)
        guard initRC == ll_success(), let ld = handle else {
            return .failed("invalid directory URL (\(String(cString: ll_err2string(initRC))))")
        }
        defer { _ = ll_unbind_ext_s(ld) }

        let timeout = server.timeout > 0 ? server.timeout : 10
        guard ll_set_option_int(ld, ll_opt_protocol_version(), ll_version3()) == ll_opt_success(),
              ll_set_option_timeout(ld, ll_opt_network_timeout(), timeout) == ll_opt_success(),
              ll_set_option_timeout(ld, ll_opt_timeout(), timeout) == ll_opt_success(),
              ll_disable_referrals(ld) == ll_opt_success()
        else { return .failed("libldap refused the connection options") }

        if usesTLS {
            if let caFile, ll_set_option_string(ld, ll_opt_x_tls_cacertfile(), caFile) != ll_opt_success() {
                return .tlsFailure("the CA certificate was refused")
            }
            guard ll_set_option_int(ld, ll_opt_x_tls_require_cert(), ll_tls_demand()) == ll_opt_success() else {
                return .failed("libldap refused to require a verified certificate")
            }
            // A TLS context of this handle's own, built from the options above (0: a client).
            guard ll_set_option_int(ld, ll_opt_x_tls_newctx(), 0) == ll_opt_success() else {
                return .tlsFailure(caFile == nil
                    ? "the TLS context could not be set up"
                    : "the CA certificate could not be loaded (is it a PEM certificate?)")
            }
        }

        // The TLS handshake gets its own watchdog (libldap 2.5 does not time it out).
        var info = ll_bind_info()
        var secret = Array(password.utf8)
        let rc = secret.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                ll_simple_bind_s(ld, userPrincipalName, pointer, bytes.count, usesTLS ? timeout : 0, &info)
            }
        }
        for i in secret.indices { secret[i] = 0 }

        var diagnostic: String?
        if let message = ll_diagnostic_message(ld) {
            diagnostic = String(cString: message)
            ll_memfree(message)
        }
        return classify(
            rc: rc, diagnostic: diagnostic, tlsStarted: info.tls_started != 0, timedOut: info.timed_out != 0,
            timeout: timeout)
    }

    /// The outcome for libldap's result `rc` and the server's diagnostic message.
    /// Internal so that the mapping can be tested without a server.
    static func classify(
        rc: Int32, diagnostic: String?, tlsStarted: Bool, timedOut: Bool = false, timeout: Double
    ) -> BindOutcome {
        let text = String(cString: ll_err2string(rc))
        let detail = diagnostic.flatMap { d -> String? in
            let trimmed = d.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty || trimmed == "(unknown error code)" ? nil : trimmed
        }
        switch rc {
        case ll_success():
            return .ok
        case ll_invalid_credentials():
            switch adSubCode(diagnostic) {
            case "525": return .unknownUser
            case "533": return .accountDisabled
            case "775": return .accountLocked
            case "532", "773": return .passwordExpired
            case "701": return .accountExpired
            case "52e", nil: return .wrongPassword
            case let code?: return .failed("sign-in refused by the directory (AD code \(code))")
            }
        case _ where timedOut && rc != ll_success():
            return .unreachable("no answer within \(formatSeconds(timeout))")
        case ll_server_down(), ll_connect_error():
            if tlsStarted {
                return .tlsFailure("TLS handshake failed (certificate not trusted, name mismatch, or not a TLS port)"
                    + (detail.map { ": \($0)" } ?? ""))
            }
            return .unreachable(text)
        case ll_timeout(), ll_timelimit_exceeded():
            return .unreachable("no answer within \(formatSeconds(timeout))")
        case ll_busy(), ll_unavailable():
            return .unreachable(text + (detail.map { ": \($0)" } ?? ""))
        case ll_strong_auth_required(), ll_confidentiality_required():
            return .failed("the directory requires an encrypted connection (ldaps://)")
        default:
            return .failed("\(text) (\(rc))" + (detail.map { ": \($0)" } ?? ""))
        }
    }

    /// AD's sub-code in "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1".
    static func adSubCode(_ diagnostic: String?) -> String? {
        guard let diagnostic, let range = diagnostic.range(of: "data ") else { return nil }
        let code = diagnostic[range.upperBound...].prefix { $0.isHexDigit }
        return code.isEmpty ? nil : code.lowercased()
    }

    /// "user@domain" with both parts present, no NUL (a C string would cut it) and no control characters.
    static func isPlausibleUPN(_ upn: String) -> Bool {
        guard let at = upn.lastIndex(of: "@") else { return false }
        let user = upn[..<at], domain = upn[upn.index(after: at)...]
        guard !user.isEmpty, !domain.isEmpty else { return false }
        return !upn.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// true for ldaps://, false for ldap://, nil for anything else (every URL of a list must agree).
    static func schemeUsesTLS(_ url: String) -> Bool? {
        let parts = url.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        guard !parts.isEmpty else { return nil }
        var tls: Bool?
        for part in parts {
            let this: Bool
            if part.hasPrefix("ldaps://") { this = true } else if part.hasPrefix("ldap://") { this = false } else { return nil }
            if let tls, tls != this { return nil }
            tls = this
        }
        return tls
    }

    /// Whether every URL of the list names this machine by its address (127.0.0.0/8, ::1) or `localhost`.
    static func onlyLoopback(_ url: String) -> Bool {
        url.split(whereSeparator: { $0 == " " || $0 == "," }).allSatisfy { part in
            Loopback.isLoopback(host: URLComponents(string: String(part))?.host)
        }
    }

    /// Writes text to a new file only this user can read (mode 0600, mkstemp) and returns its path.
    static func writePrivateTemporaryFile(_ text: String) -> String? {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array((directory + (directory.hasSuffix("/") ? "" : "/") + "monban-ldap-ca-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { unlink(path); return nil }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { unlink(path); return nil }
            written += n
        }
        return path
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}
