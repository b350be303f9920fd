import CLibCurl

/// A mail server to submit to (issue 8).
public struct SMTPServer: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable {
        /// `smtp://`, then STARTTLS, required: the exchange stops if the server does not offer it.
        case startTLS = "starttls"
        /// `smtps://` (port 465): TLS from the first byte.
        case implicitTLS = "tls"
        /// `smtp://` in clear: only for a relay on the same machine.
        case none
    }

    /// `smtp://HOST[:PORT]` or `smtps://HOST[:PORT]`.
    public var url: String
    public var security: Security
    public var username: String?
    public var password: String?
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?
    public var timeout: Duration

    public init(url: String, security: Security, username: String? = nil, password: String? = nil,
                caFile: String? = nil, timeout: Duration = .seconds(30)) {
        self.url = url
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
        self.timeout = timeout
    }
}

/// Why a message was not accepted. `reply` is the server's last SMTP reply code
/// when there was one: 4xx is temporary, 5xx permanent (RFC 5321 §4.2.1).
public struct SMTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unreachable, timedOut, tls, authentication, refused, unavailable, other
    }
    public var kind: Kind
    public var reply: Int?
    /// A short reason for people: libcurl's message (never the message or a password).
    public var reason: String

    public init(_ kind: Kind, reply: Int? = nil, _ reason: String) {
        self.kind = kind
        self.reply = reply
        self.reason = reason
    }

    /// A refusal that will not change by trying again: a 5xx reply to the
    /// envelope or the data. Authentication and TLS problems are configuration
    /// problems, retried (the messages must survive until the operator fixes them).
    public var isPermanent: Bool {
        guard kind == .refused, let reply else { return false }
        return (500..<600).contains(reply)
    }

    public var description: String { reason }
}

/// SMTP submission through libcurl (loaded on first use, like `CurlHTTP`):
/// EHLO, STARTTLS or implicit TLS with peer and host verification, AUTH when a
/// user name is given, MAIL FROM, RCPT TO, DATA. libcurl dot-stuffs the data.
public enum CurlSMTP {
    /// Sends `message` (a complete RFC 5322 message with CRLF line ends).
    public static func send(_ message: [UInt8], from: String, to recipients: [String], server: SMTPServer)
        throws(SMTPFailure)
    {
        let lower = server.url.lowercased()
        let implicit = lower.hasPrefix("smtps://")
        guard implicit || lower.hasPrefix("smtp://") else { throw SMTPFailure(.other, "not an smtp:// or smtps:// URL") }
        guard implicit == (server.security == .implicitTLS) else {
            throw SMTPFailure(.other, "smtps:// goes with implicit TLS, smtp:// with STARTTLS or none")
        }
        guard server.url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw SMTPFailure(.other, "the SMTP URL has spaces, control or non-ASCII characters")
        }
        for address in [from] + recipients {
            guard !address.isEmpty, !address.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
            else { throw SMTPFailure(.other, "invalid envelope address") }
        }
        guard !recipients.isEmpty else { throw SMTPFailure(.other, "no recipient") }
        guard lcu_available() == 1 else { throw SMTPFailure(.unavailable, "libcurl (libcurl.so.4) could not be loaded") }
        guard let handle = lcu_easy_init() else { throw SMTPFailure(.other, "curl_easy_init failed") }
        defer { lcu_easy_cleanup(handle) }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        defer { lcu_slist_free_all(list) }
        for r in recipients {
            guard let appended = lcu_slist_append(list, "<\(r)>") else { throw SMTPFailure(.other, "out of memory") }
            list = appended
        }
        let source = MessageSource(message)
        let sourcePointer = Unmanaged.passRetained(source)
        defer { sourcePointer.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(lcu_error_size()) + 1)
        let ms = milliseconds(server.timeout)

        let code: CURLcode = errorBuffer.withUnsafeMutableBytes { buffer -> CURLcode in
            var steps: [() -> CURLcode] = [
                { lcu_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress) },
                { lcu_setopt_string(handle, CURLOPT_URL, server.url) },
                { lcu_setopt_long(handle, CURLOPT_NOSIGNAL, 1) },
                { restrictProtocols(handle) },
                { lcu_setopt_long(handle, CURLOPT_USE_SSL, Int(server.security == .none ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue)) },
                { lcu_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1) },
                { lcu_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2) },
                { lcu_setopt_long(handle, CURLOPT_TIMEOUT_MS, ms) },
                { lcu_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, ms) },
                { lcu_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(from)>") },
                { lcu_setopt_slist(handle, CURLOPT_MAIL_RCPT, list) },
                { lcu_setopt_long(handle, CURLOPT_UPLOAD, 1) },
                { lcu_setopt_long(handle, CURLOPT_INFILESIZE, message.count) },
                { lcu_setopt_callback(handle, CURLOPT_READFUNCTION, curlReadMessage) },
                { lcu_setopt_pointer(handle, CURLOPT_READDATA, sourcePointer.toOpaque()) },
            ]
            if let user = server.username, !user.isEmpty {
                steps.append { lcu_setopt_string(handle, CURLOPT_USERNAME, user) }
                steps.append { lcu_setopt_string(handle, CURLOPT_PASSWORD, server.password ?? "") }
            }
            if let caFile = server.caFile {
                steps.append { lcu_setopt_string(handle, CURLOPT_CAINFO, caFile) }
                steps.append { lcu_setopt_pointer(handle, CURLOPT_CAPATH, nil) }
            }
            for step in steps {
                let result = step()
                if result != CURLE_OK { return result }
            }
            let result = lcu_easy_perform(handle)
            _ = lcu_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
            // The password lives in libcurl's copy until cleanup; clear it now.
            _ = lcu_setopt_string(handle, CURLOPT_PASSWORD, "")
            return result
        }
        guard code != CURLE_OK else { return }
        var reply = 0
        let hasReply = lcu_response_code(handle, &reply) == CURLE_OK && reply > 0
        let detailBytes = errorBuffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        var detail = String(decoding: detailBytes, as: UTF8.self)
        if detail.isEmpty { detail = String(cString: lcu_easy_strerror(code)) }
        throw failure(code: code, reply: hasReply ? reply : nil, detail: detail)
    }

    static func failure(code: CURLcode, reply: Int?, detail: String) -> SMTPFailure {
        switch code {
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            return SMTPFailure(.unreachable, detail)
        case CURLE_OPERATION_TIMEDOUT:
            return SMTPFailure(.timedOut, detail)
        case CURLE_LOGIN_DENIED:
            return SMTPFailure(.authentication, reply: reply, detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_USE_SSL_FAILED, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return SMTPFailure(.tls, detail)
        case CURLE_FAILED_INIT where lcu_available() != 1:
            return SMTPFailure(.unavailable, detail)
        default:
            // A reply after the greeting that stopped the exchange (MAIL, RCPT, DATA).
            if let reply, reply >= 400 { return SMTPFailure(.refused, reply: reply, "\(detail) (reply \(reply))") }
            return SMTPFailure(.other, reply: reply, detail)
        }
    }

    private static func restrictProtocols(_ handle: UnsafeMutableRawPointer) -> CURLcode {
        let result = lcu_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        if result != CURLE_UNKNOWN_OPTION { return result }
        return lcu_setopt_long(handle, CURLoption(rawValue: 181), 1 << 16 | 1 << 17)  // CURLPROTO_SMTP|SMTPS
    }

    private static func milliseconds(_ d: Duration) -> Int {
        let (s, atto) = d.components
        if s < 0 { return 1 }
        if s > 86_400 { return 86_400_000 }
        return max(1, Int(s) * 1000 + Int(atto / 1_000_000_000_000_000))
    }
}

/// The message being uploaded, handed to libcurl in pieces.
private final class MessageSource {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private let curlReadMessage: lcu_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let source = Unmanaged<MessageSource>.fromOpaque(userdata).takeUnretainedValue()
    let n = min(size * count, source.bytes.count - source.offset)
    if n <= 0 { return 0 }
    let copied = source.bytes.withUnsafeBytes { all -> Int in
        guard let base = all.baseAddress else { return 0 }
        UnsafeMutableRawPointer(buffer).copyMemory(from: base + source.offset, byteCount: n)
        return n
    }
    source.offset += copied
    return copied
}

extension SMTPServer: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never the password.
    public var description: String {
        "SMTPServer(\(url), \(security.rawValue), user: \(username ?? "-"), password: \(password == nil ? "none" : "(set)"))"
    }
    public var debugDescription: String { description }
}
