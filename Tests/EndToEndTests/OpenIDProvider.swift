import Foundation
import TestSupport
import XCTest

/// The tests' own OpenID provider (Tests/Support/oidc/provider.py: Authlib's RFC 8628
/// support, RS256 ID tokens, a JWKS) on 127.0.0.1, stopped when the test ends.
final class OpenIDProvider {
    let process = Process()
    let base: String

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/oidc/provider.py").path

    init(clientID: String = "monban", interval: Int = 1, expiresIn: Int = 600) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw TestEnvironmentMissing("/usr/bin/python3 with python3-authlib and python3-flask is needed (make test installs them)")
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.script, "--port", "0", "--client-id", clientID, "--interval", "\(interval)",
                             "--expires-in", "\(expiresIn)", "--quiet"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        TmuxTerminal.closeInheritedDescriptorsOnExec()
        try process.run()
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        let first = String(decoding: seen, as: UTF8.self).split(separator: "\n").first ?? ""
        guard first.hasPrefix("PORT "), let port = Int(first.dropFirst(5)) else {
            process.terminate()
            throw TestEnvironmentMissing("the OpenID provider did not start: \(first)")
        }
        base = "http://127.0.0.1:\(port)"
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// A test control: POST /test/NAME with `form`.
    func control(_ name: String, _ form: [String: String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-sf", "-X", "POST", "\(base)/test/\(name)"] + form.flatMap { ["--data-urlencode", "\($0.key)=\($0.value)"] }
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "POST /test/\(name)")
    }

    /// The config.toml section that points a service at this provider.
    func configuration(service: String = "google") -> String {
        "[providers.\(service)]\nissuer = \"\(base)\"\nclient_id = \"monban\"\n"
    }
}
