import Foundation
import TestSupport
import XCTest
import CLibCurl
@testable import MonbanHTTP

final class CurlHTTPTests: XCTestCase {
    let http = CurlHTTP(timeout: .seconds(5))

    private func json(_ response: HTTPResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    private func failure(_ body: () throws(HTTPFailure) -> HTTPResponse) -> HTTPFailure? {
        do {
            let response = try body()
            XCTFail("expected a failure, got status \(response.status)")
            return nil
        } catch {
            return error
        }
    }

    // MARK: GET

    func testGetReturnsStatusBodyAndLowerCasedHeaders() throws {
        let server = try startServer("echo_server.py")
        let response = try http.get(server.base + "/hello", headers: [:])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "hello")
        XCTAssertEqual(response.headers["x-test-header"], "Mixed Case Value")
        XCTAssertEqual(response.headers["content-length"], "5")
        XCTAssertEqual(response.headers["content-type"], "text/plain; charset=utf-8")
        XCTAssertEqual(response.headers["set-cookie"], "a=1, b=2", "repeated headers are joined")
        for name in response.headers.keys {
            XCTAssertEqual(name, name.lowercased())
        }
    }

    func testRequestHeadersArrive() throws {
        let server = try startServer("echo_server.py")
        let response = try http.get(server.base + "/headers", headers: ["Accept": "application/json", "X-Request-Id": "r-42"])
        let seen = try json(response)
        XCTAssertEqual(seen["accept"] as? String, "application/json")
        XCTAssertEqual(seen["x-request-id"] as? String, "r-42")
        XCTAssertEqual(seen["user-agent"] as? String, "monban")
        XCTAssertNil(seen["expect"])
    }

    func testStatusCodesPassThrough() throws {
        let server = try startServer("echo_server.py")
        for status in [201, 204, 400, 401, 404, 500, 503] {
            let response = try http.get(server.base + "/status/\(status)", headers: [:])
            XCTAssertEqual(response.status, status)
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), status == 204 ? "" : "status \(status)")
        }
    }

    func testRedirectsAreNotFollowed() throws {
        let server = try startServer("echo_server.py")
        let response = try http.get(server.base + "/redirect", headers: [:])
        XCTAssertEqual(response.status, 302)
        XCTAssertEqual(response.headers["location"], "/hello")
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "moved")
    }

    func testBodyIsCappedAtOneMebibyte() throws {
        let server = try startServer("echo_server.py")
        let exact = try http.get(server.base + "/big?n=\(CurlHTTP.maxBodyBytes)", headers: [:])
        XCTAssertEqual(exact.body.count, 1 << 20)
        let failure = failure { () throws(HTTPFailure) in try http.get(server.base + "/big?n=\(CurlHTTP.maxBodyBytes + 1)", headers: [:]) }
        XCTAssertEqual(failure?.kind, .other)
        XCTAssertTrue(failure?.reason.contains("larger than") ?? false, failure?.reason ?? "")
    }

    func testChunkedBodyWithoutLengthIsCappedToo() throws {
        let server = try startServer("echo_server.py")
        let exact = try http.get(server.base + "/big?chunked=1&n=\(CurlHTTP.maxBodyBytes)", headers: [:])
        XCTAssertEqual(exact.body.count, CurlHTTP.maxBodyBytes)
        XCTAssertNil(exact.headers["content-length"])
        let failure = failure { () throws(HTTPFailure) in try http.get(server.base + "/big?chunked=1&n=\(3 * CurlHTTP.maxBodyBytes)", headers: [:]) }
        XCTAssertEqual(failure?.kind, .other)
        XCTAssertTrue(failure?.reason.contains("larger than") ?? false, failure?.reason ?? "")
    }

    // MARK: POST

    func testPostFormArrivesDecodedIdentically() throws {
        let server = try startServer("echo_server.py")
        let form: [(String, String)] = [
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("名前", "東京都 渋谷区 ー テスト"),
            ("a&b", "c=d&e=f"),
            ("plus+key", "1+1 = 2"),
            ("spaces", "  leading and trailing  "),
            ("percent", "%41%zz%"),
            ("empty", ""),
            ("", "empty key"),
            ("emoji", "🔑✓"),
            ("symbols", "!*'();:@$,/?#[]~-._\"<>\\^`{|}"),
            ("newline", "line1\r\nline2"),
            ("grant_type", "repeated key keeps its order"),
        ]
        let response = try http.postForm(server.base + "/echo", form: form, headers: ["Accept": "application/json"])
        XCTAssertEqual(response.status, 200)
        let echoed = try json(response)
        XCTAssertEqual(echoed["method"] as? String, "POST")
        XCTAssertEqual(echoed["content_type"] as? String, "application/x-www-form-urlencoded")
        XCTAssertEqual(echoed["raw"] as? String, FormEncoding.encode(form))
        let pairs = try XCTUnwrap(echoed["pairs"] as? [[String]])
        XCTAssertEqual(pairs.count, form.count)
        for (sent, received) in zip(form, pairs) {
            XCTAssertEqual([sent.0, sent.1], received)
        }
    }

    func testPostStatusCodesPassThrough() throws {
        let server = try startServer("echo_server.py")
        let response = try http.postForm(server.base + "/nowhere", form: [("a", "b")], headers: [:])
        XCTAssertEqual(response.status, 404)
    }

    func testCallerContentTypeCannotContradictTheForm() throws {
        let server = try startServer("echo_server.py")
        let response = try http.postForm(server.base + "/echo", form: [("k", "v")], headers: ["content-type": "text/plain"])
        XCTAssertEqual(try json(response)["content_type"] as? String, "application/x-www-form-urlencoded")
    }

    // MARK: Failures

    func testClosedPortIsUnreachableFast() throws {
        let port = try closedPort()
        let start = Date()
        let failure = failure { () throws(HTTPFailure) in try http.get("http://127.0.0.1:\(port)/", headers: [:]) }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(failure?.kind, .unreachable, failure?.reason ?? "")
        XCTAssertLessThan(elapsed, 1.0)
    }

    func testServerThatNeverAnswersTimesOut() throws {
        let listener = try SilentListener()
        let quick = CurlHTTP(timeout: .milliseconds(400))
        let start = Date()
        let getFailure = failure { () throws(HTTPFailure) in try quick.get("http://127.0.0.1:\(listener.port)/", headers: [:]) }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(getFailure?.kind, .timedOut, getFailure?.reason ?? "")
        XCTAssertGreaterThan(elapsed, 0.35)
        XCTAssertLessThan(elapsed, 2.0)
        let postFailure = failure { () throws(HTTPFailure) in try quick.postForm("http://127.0.0.1:\(listener.port)/", form: [("a", "b")], headers: [:]) }
        XCTAssertEqual(postFailure?.kind, .timedOut)
    }

    func testSlowAnswerBeyondTheTimeoutTimesOut() throws {
        let server = try startServer("echo_server.py")
        let quick = CurlHTTP(timeout: .milliseconds(300))
        let failure = failure { () throws(HTTPFailure) in try quick.get(server.base + "/slow?ms=1500", headers: [:]) }
        XCTAssertEqual(failure?.kind, .timedOut)
        XCTAssertEqual(try quick.get(server.base + "/slow?ms=10", headers: [:]).status, 200)
    }

    func testBadURLs() {
        for url in ["", "example.com", "ftp://127.0.0.1/", "file:///etc/passwd", "gopher://127.0.0.1/",
                    "http://exa mple.test/", "http://127.0.0.1/\n", "https://例え.テスト/", "http://[::1/"] {
            let failure = failure { () throws(HTTPFailure) in try http.get(url, headers: [:]) }
            XCTAssertEqual(failure?.kind, .badURL, "\(url): \(failure?.reason ?? "")")
        }
    }

    func testHeaderInjectionIsRefused() {
        for headers in [["X-A": "b\r\nX-Injected: 1"], ["Bad Name": "v"], ["": "v"], ["X-A:": "v"]] {
            let failure = failure { () throws(HTTPFailure) in try http.get("http://127.0.0.1:9/", headers: headers) }
            XCTAssertEqual(failure?.kind, .other)
        }
    }

    func testFailureMapping() {
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_COULDNT_CONNECT, detail: "x").kind, .unreachable)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_COULDNT_RESOLVE_HOST, detail: "x").kind, .unreachable)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_OPERATION_TIMEDOUT, detail: "x").kind, .timedOut)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_PEER_FAILED_VERIFICATION, detail: "x").kind, .tls)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_SSL_CONNECT_ERROR, detail: "x").kind, .tls)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_URL_MALFORMAT, detail: "x").kind, .badURL)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_UNSUPPORTED_PROTOCOL, detail: "x").kind, .badURL)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_RECV_ERROR, detail: "x").kind, .other)
        XCTAssertEqual(CurlHTTP.failure(code: CURLE_OPERATION_TIMEDOUT, detail: "").reason, "libcurl error 28")
    }

    // MARK: Threads, loading

    func testConcurrentRequestsEachUseTheirOwnHandle() throws {
        let server = try startServer("echo_server.py")
        let results = Results()
        let http = self.http
        let base = server.base
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let outcome = Result { () throws(HTTPFailure) in
                try http.postForm(base + "/echo", form: [("i", String(i))], headers: [:])
            }
            results.set(i, outcome)
        }
        for i in 0..<16 {
            let response = try XCTUnwrap(results.get(i)).get()
            let pairs = try json(response)["pairs"] as? [[String]]
            XCTAssertEqual(pairs, [["i", String(i)]])
        }
    }

    /// libcurl is loaded by the first request, never at process start: the
    /// test executable (like monban) has no libcurl among its libraries.
    func testLibcurlIsNotLinkedAtStart() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = ["/proc/\(getpid())/exe"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertTrue(text.contains("libc.so"), text)
        XCTAssertFalse(text.contains("libcurl"), text)
        XCTAssertTrue(CurlHTTP.isAvailable)
    }
}

/// Results of concurrent requests, behind a lock.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Result<HTTPResponse, HTTPFailure>] = [:]
    func set(_ i: Int, _ value: Result<HTTPResponse, HTTPFailure>) { lock.withLock { values[i] = value } }
    func get(_ i: Int) -> Result<HTTPResponse, HTTPFailure>? { lock.withLock { values[i] } }
}
