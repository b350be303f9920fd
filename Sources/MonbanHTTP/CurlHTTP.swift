import CLibCurl

/// HTTP through libcurl, loaded on first use (see CLibCurl's lazy_curl.h):
/// creating a `CurlHTTP` loads nothing; the first request does.
///
/// Each request uses its own easy handle, so one value may serve many threads.
/// TLS peer and host verification are always on; only http and https are
/// allowed; redirects are never followed (a 3xx comes back as a response);
/// the response body is capped at `maxBodyBytes`.
public struct CurlHTTP: HTTPTransport {
    /// The largest response body accepted; a larger one fails the exchange.
    public static let maxBodyBytes = 1 << 20

    /// The whole exchange's limit (connecting included).
    public let timeout: Duration
    /// A PEM file of CA certificates to trust instead of the system's (tests with a private CA).
    public let caFile: String?

    public init(timeout: Duration = .seconds(10), caFile: String? = nil) {
        self.timeout = timeout
        self.caFile = caFile
    }

    /// Whether libcurl can be loaded (loads it when it is not loaded yet).
    public static var isAvailable: Bool { lcu_available() == 1 }

    public func get(_ url: String, headers: [String: String]) throws(HTTPFailure) -> HTTPResponse {
        try perform(url: url, form: nil, headers: headers)
    }

    public func postForm(_ url: String, form: [(String, String)], headers: [String: String]) throws(HTTPFailure) -> HTTPResponse {
        try perform(url: url, form: FormEncoding.encode(form), headers: headers)
    }

    // MARK: - The exchange

    private var timeoutMilliseconds: Int {
        let (seconds, attoseconds) = timeout.components
        let ms = seconds.multipliedReportingOverflow(by: 1000)
        if ms.overflow || seconds < 0 { return seconds < 0 ? 1 : Int.max / 2 }
        return max(1, Int(ms.partialValue + attoseconds / 1_000_000_000_000_000))
    }

    private func perform(url: String, form: String?, headers: [String: String]) throws(HTTPFailure) -> HTTPResponse {
        try Self.checkURL(url)
        let requestHeaders = try Self.headerLines(headers, isForm: form != nil)

        guard lcu_available() == 1 else {
            throw HTTPFailure(.unavailable, "libcurl (libcurl.so.4) could not be loaded")
        }
        guard let handle = lcu_easy_init() else {
            throw HTTPFailure(.other, "curl_easy_init failed")
        }
        defer { lcu_easy_cleanup(handle) }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        defer { lcu_slist_free_all(list) }
        for line in requestHeaders {
            guard let appended = lcu_slist_append(list, line) else {
                throw HTTPFailure(.other, "out of memory building the request headers")
            }
            list = appended
        }

        let sink = ResponseSink(limit: Self.maxBodyBytes)
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(lcu_error_size()) + 1)

        let ms = timeoutMilliseconds
        var code: CURLcode = errorBuffer.withUnsafeMutableBytes { buffer -> CURLcode in
            var steps: [() -> CURLcode] = [
                { lcu_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress) },
                { lcu_setopt_string(handle, CURLOPT_URL, url) },
                { lcu_setopt_long(handle, CURLOPT_NOSIGNAL, 1) },
                { Self.restrictProtocols(handle) },
                { lcu_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0) },
                { lcu_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1) },
                { lcu_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2) },
                { lcu_setopt_long(handle, CURLOPT_TIMEOUT_MS, ms) },
                { lcu_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, ms) },
                { lcu_setopt_long(handle, CURLOPT_MAXFILESIZE, Self.maxBodyBytes) },
                { lcu_setopt_string(handle, CURLOPT_USERAGENT, "monban") },
                { lcu_setopt_slist(handle, CURLOPT_HTTPHEADER, list) },
                { lcu_setopt_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody) },
                { lcu_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque()) },
                { lcu_setopt_callback(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader) },
                { lcu_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer.toOpaque()) },
            ]
            if let caFile {
                steps.append { lcu_setopt_string(handle, CURLOPT_CAINFO, caFile) }
                steps.append { lcu_setopt_pointer(handle, CURLOPT_CAPATH, nil) }  // this file only, not /etc/ssl/certs too
            }
            if let form {
                steps.append { lcu_setopt_long(handle, CURLOPT_POST, 1) }
                steps.append { lcu_setopt_long(handle, CURLOPT_POSTFIELDSIZE, form.utf8.count) }
                steps.append { lcu_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, form) }
            } else {
                steps.append { lcu_setopt_long(handle, CURLOPT_HTTPGET, 1) }
            }
            for step in steps {
                let result = step()
                if result != CURLE_OK { return result }
            }
            let result = lcu_easy_perform(handle)
            _ = lcu_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)  // the buffer's address is valid only here
            return result
        }
        if code == CURLE_WRITE_ERROR, sink.overflowed { code = CURLE_FILESIZE_EXCEEDED }
        guard code == CURLE_OK else {
            let detailBytes = errorBuffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
            let detail = String(decoding: detailBytes, as: UTF8.self)
            throw Self.failure(code: code, detail: detail.isEmpty ? String(cString: lcu_easy_strerror(code)) : detail)
        }
        var status = 0
        guard lcu_response_code(handle, &status) == CURLE_OK, status > 0 else {
            throw HTTPFailure(.other, "no HTTP status in the response")
        }
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// CURLOPT_PROTOCOLS_STR (libcurl 7.85 and later); the older bit mask otherwise.
    private static func restrictProtocols(_ handle: UnsafeMutableRawPointer) -> CURLcode {
        let result = lcu_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        if result != CURLE_UNKNOWN_OPTION { return result }
        return lcu_setopt_long(handle, CURLoption(rawValue: 181), 1 | 2)  // CURLOPT_PROTOCOLS, CURLPROTO_HTTP|HTTPS
    }

    // MARK: - Checks and mapping (internal for tests)

    /// An absolute http or https URL of printable ASCII.
    static func checkURL(_ url: String) throws(HTTPFailure) {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw HTTPFailure(.badURL, "not an http or https URL")
        }
        guard url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPFailure(.badURL, "the URL has spaces, control or non-ASCII characters")
        }
    }

    /// `Name: value` lines for CURLOPT_HTTPHEADER. A form POST always says its
    /// content type; `Expect:` stops libcurl from waiting for a 100 Continue.
    static func headerLines(_ headers: [String: String], isForm: Bool) throws(HTTPFailure) -> [String] {
        var lines: [String] = []
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                throw HTTPFailure(.other, "invalid request header name")
            }
            guard value.utf8.allSatisfy({ $0 != 0x0D && $0 != 0x0A && $0 != 0 }) else {
                throw HTTPFailure(.other, "invalid request header value")
            }
            if isForm, name.lowercased() == "content-type" { continue }
            // "Name:" would remove the header in libcurl; "Name;" sends it empty.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if isForm { lines.append("Content-Type: application/x-www-form-urlencoded") }
        lines.append("Expect:")
        return lines
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    static func failure(code: CURLcode, detail: String) -> HTTPFailure {
        let kind: HTTPFailure.Kind
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            kind = .badURL
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            kind = .unreachable
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            kind = .tls
        case CURLE_FAILED_INIT where lcu_available() != 1:
            kind = .unavailable
        case CURLE_FILESIZE_EXCEEDED:
            return HTTPFailure(.other, "the response body is larger than \(maxBodyBytes) bytes")
        default:
            kind = .other
        }
        return HTTPFailure(kind, detail.isEmpty ? "libcurl error \(code.rawValue)" : detail)
    }
}

/// What the callbacks collect: the body (up to a limit) and the last response's headers.
private final class ResponseSink {
    let limit: Int
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    var overflowed = false

    init(limit: Int) { self.limit = limit }

    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= limit else {
            overflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    private var lastName: String?

    /// One header line as libcurl hands it (CRLF included).
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        // Trim CR LF as bytes: in a String, "\r\n" is one Character.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x0A { end -= 1 }
        let line = String(decoding: bytes[..<end], as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response (after a 1xx or a proxy's CONNECT answer): its headers only.
            headers = [:]
            lastName = nil
            return
        }
        if line.isEmpty { return }
        if let first = line.first, first == " " || first == "\t" {
            // An obsolete folded continuation of the previous header.
            if let name = lastName {
                headers[name, default: ""] += " " + trimmed(Substring(line))
            }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = trimmed(line[line.index(after: colon)...])
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
        lastName = name
    }

    private func trimmed(_ text: Substring) -> String {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}

private let curlWriteBody: lcu_data_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let total = size * count
    let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
    if total == 0 { return 0 }
    guard let data else { return 0 }
    return sink.appendBody(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

private let curlWriteHeader: lcu_data_callback = { data, size, count, userdata in
    guard let userdata, let data else { return 0 }
    let total = size * count
    let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
    sink.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: total))
    return total
}
