import Foundation
import TestSupport
import XCTest
import MonbanHTTP

/// libcurl is loaded by the first request, not at process start, and its
/// absence is a `.unavailable` failure. Each case runs in a child process
/// (this test executable again, filtered to one child test), since a process
/// loads libcurl at most once.
final class LazyLoadingTests: XCTestCase {
    private static let childVariable = "MONBAN_HTTP_TEST_CHILD"

    private func runChild(_ test: String, environment extra: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["MonbanHTTPTests.LazyLoadingTests/\(test)"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    private func isLoaded() -> Bool {
        guard let handle = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_NOLOAD) else { return false }
        dlclose(handle)
        return true
    }

    func testLibcurlIsLoadedOnFirstRequest() throws {
        let (status, output) = try runChild("testChildLoadsOnFirstRequest", environment: [:])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("testChildLoadsOnFirstRequest' passed"), output)
    }

    func testMissingLibcurlIsUnavailable() throws {
        // A directory whose libcurl.so.4 and libcurl.so are not libraries: dlopen finds them first and fails.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("monban-nocurl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["libcurl.so.4", "libcurl.so"] {
            try Data("not a library".utf8).write(to: directory.appendingPathComponent(name))
        }
        let (status, output) = try runChild("testChildWithoutLibcurl", environment: ["LD_LIBRARY_PATH": directory.path])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("testChildWithoutLibcurl' passed"), output)
    }

    // MARK: Run only in the child process

    func testChildLoadsOnFirstRequest() throws {
        guard ProcessInfo.processInfo.environment[Self.childVariable] == "1" else { throw XCTSkip("runs only in the child process") }
        let http = CurlHTTP(timeout: .seconds(2))
        XCTAssertFalse(isLoaded(), "libcurl was loaded before the first request")
        _ = try? http.get("http://127.0.0.1:\(closedPort())/", headers: [:])
        XCTAssertTrue(isLoaded(), "the first request did not load libcurl")
    }

    func testChildWithoutLibcurl() throws {
        guard ProcessInfo.processInfo.environment[Self.childVariable] == "1" else { throw XCTSkip("runs only in the child process") }
        XCTAssertFalse(CurlHTTP.isAvailable)
        do {
            _ = try CurlHTTP().get("http://127.0.0.1:9/", headers: [:])
            XCTFail("a GET succeeded without libcurl")
        } catch {
            XCTAssertEqual(error.kind, .unavailable, error.reason)
        }
        do {
            _ = try CurlHTTP().postForm("http://127.0.0.1:9/", form: [("a", "b")], headers: [:])
            XCTFail("a POST succeeded without libcurl")
        } catch {
            XCTAssertEqual(error.kind, .unavailable, error.reason)
        }
    }
}
