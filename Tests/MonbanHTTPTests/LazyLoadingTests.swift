import CLazyLoader
import Foundation
import TestSupport
import XCTest
import MonbanHTTP

/// libcurl is loaded by the first request, not at process start (through CLazyLoader, the
/// loader libldap and libqrencode share), by its versioned soname only, and its absence is
/// a `.unavailable` failure. Each case runs in a child process
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
        // A directory whose libcurl.so.4 is not a library: dlopen finds it first and fails.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("monban-nocurl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not a library".utf8).write(to: directory.appendingPathComponent("libcurl.so.4"))
        let (status, output) = try runChild("testChildWithoutLibcurl", environment: ["LD_LIBRARY_PATH": directory.path])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("testChildWithoutLibcurl' passed"), output)
    }

    /// An unversioned name (the -dev package's libcurl.so link, which may be another ABI) is
    /// never opened, even where it exists; a versioned one is.
    func testOnlyVersionedSonamesAreOpened() throws {
        func open(_ name: String) -> UnsafeMutableRawPointer? {
            name.withCString { soname in [soname, nil].withUnsafeBufferPointer { lazy_open($0.baseAddress) } }
        }
        // libqrencode-dev's link: a real library (it resolves to libqrencode.so.4.x), never opened by that name.
        let link = "/usr/lib/x86_64-linux-gnu/libqrencode.so"
        XCTAssertTrue(FileManager.default.fileExists(atPath: link), "\(link) (libqrencode-dev) is missing: nothing to try")
        XCTAssertNil(open("libqrencode.so"))
        let versioned = try XCTUnwrap(open("libqrencode.so.4"))
        XCTAssertNotNil(lazy_symbol(versioned, "QRcode_encodeData"))
        XCTAssertNil(lazy_symbol(versioned, "no_such_symbol"))
    }

    // MARK: Run only in the child process

    func testChildLoadsOnFirstRequest() throws {
        guard ProcessInfo.processInfo.environment[Self.childVariable] == "1" else { throw XCTSkip("runs only in the child process") }
        let http = CurlHTTP(timeout: .seconds(2))
        XCTAssertFalse(isLoaded(), "libcurl was loaded before the first request")
        XCTAssertThrowsError(try http.get("http://127.0.0.1:\(closedPort())/", headers: [:]), "a closed port answered")
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
