import Foundation
import TestSupport
import XCTest
import MonbanHTTP

/// HTTPS against a private CA made with the openssl tool for this test.
final class TLSTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            throw TestEnvironmentMissing("the openssl tool is not installed")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("monban-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try makeCA(name: "ca")
        try makeCA(name: "otherca")
        try makeServerCertificate(name: "server", signedBy: "ca", altNames: "IP:127.0.0.1,DNS:localhost")
        try makeServerCertificate(name: "elsewhere", signedBy: "ca", altNames: "DNS:elsewhere.test")
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func openssl(_ arguments: [String]) throws {
        let status = LocalServer.run("openssl", arguments, in: directory)
        guard status == 0 else { throw TestEnvironmentMissing("openssl \(arguments.first ?? "") failed (\(status))") }
    }

    private func makeCA(name: String) throws {
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "\(name).key", "-out", "\(name).pem",
                     "-days", "2", "-subj", "/CN=monban test \(name)",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    private func makeServerCertificate(name: String, signedBy ca: String, altNames: String) throws {
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr",
                     "-subj", "/CN=\(name)"])
        try "subjectAltName=\(altNames)\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-CAcreateserial",
                     "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext"])
    }

    private func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    private func startHTTPS(certificate: String) throws -> LocalServer {
        try startServer("echo_server.py", ["--cert", path("\(certificate).pem"), "--key", path("\(certificate).key")], scheme: "https")
    }

    func testPrivateCAFileIsTrusted() throws {
        let server = try startHTTPS(certificate: "server")
        let http = CurlHTTP(timeout: .seconds(5), caFile: path("ca.pem"))
        let response = try http.get(server.base + "/hello", headers: [:])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "hello")
        let posted = try http.postForm(server.base + "/echo", form: [("鍵", "値 & more")], headers: [:])
        XCTAssertEqual(posted.status, 200)
    }

    func testUnknownCAIsATLSFailure() throws {
        let server = try startHTTPS(certificate: "server")
        for http in [CurlHTTP(timeout: .seconds(5)), CurlHTTP(timeout: .seconds(5), caFile: path("otherca.pem"))] {
            do {
                _ = try http.get(server.base + "/hello", headers: [:])
                XCTFail("a certificate from an unknown CA was accepted")
            } catch {
                XCTAssertEqual(error.kind, .tls, error.reason)
            }
        }
    }

    func testWrongHostNameIsATLSFailure() throws {
        let server = try startHTTPS(certificate: "elsewhere")
        do {
            _ = try CurlHTTP(timeout: .seconds(5), caFile: path("ca.pem")).get(server.base + "/hello", headers: [:])
            XCTFail("a certificate for another host was accepted")
        } catch {
            XCTAssertEqual(error.kind, .tls, error.reason)
        }
    }

    func testMissingCAFileIsATLSFailure() throws {
        let server = try startHTTPS(certificate: "server")
        do {
            _ = try CurlHTTP(timeout: .seconds(5), caFile: path("nope.pem")).get(server.base + "/hello", headers: [:])
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error.kind, .tls, error.reason)
        }
    }
}
