import Foundation
import MonbanHTTP
import XCTest

/// Finding 12 of issue 19: a CA-file field accepts only a readable regular PEM file and
/// answers every other path alike (no probing which host paths exist).
final class PEMFileTests: XCTestCase {
    let pem = """
        -----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVGb3JNb25iYW5UZXN0czAKBggqhkjO
        PQQDAjAPMQ0wCwYDVQQDDARUZXN0MB4XDTI2MDEwMTAwMDAwMFoXDTM2MDEwMTAw
        -----END CERTIFICATE-----

        """

    func testF12_onlyARegularPEMFileIsRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-pem-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String, _ text: String) -> String {
            let path = dir.appendingPathComponent(name).path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
            return path
        }
        let good = file("ca.pem", pem)
        XCTAssertEqual(PEMFile.certificates(at: good), pem)
        XCTAssertEqual(PEMFile.certificates(at: file("two.pem", pem + "\r\n" + pem)), pem + pem)

        let fifo = dir.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        for path in [
            dir.appendingPathComponent("missing.pem").path, dir.path, "/dev/null", "/dev/zero", fifo, "/etc/passwd",
            file("text.pem", "root:x:0:0:root:/root:/bin/bash\n"),
            file("key.pem", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"),
            file("trailing.pem", pem + "secret text after it\n"),
            file("open.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n"),
            file("empty.pem", ""),
            file("big.pem", String(repeating: pem, count: 400)),
        ] {
            XCTAssertNil(PEMFile.certificates(at: path), path)
        }
    }
}
