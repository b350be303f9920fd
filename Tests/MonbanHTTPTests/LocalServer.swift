import Foundation
import TestSupport
import XCTest

/// A Python server from Tests/Support/oidc started for one test: it prints
/// "PORT <n>" first, and is killed when the test ends.
final class LocalServer {
    let process: Process
    let port: Int
    let scheme: String
    var base: String { "\(scheme)://127.0.0.1:\(port)" }

    static let supportDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/oidc")

    /// Debian's Python (where Flask and Authlib are installed), else the first python3 on PATH.
    static var python: String {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
    }

    init(script: String, arguments: [String] = [], scheme: String = "http") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Self.python, Self.supportDirectory.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let reader = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let first = String(decoding: line, as: UTF8.self).split(separator: "\n").first ?? ""
        guard first.hasPrefix("PORT "), let port = Int(first.dropFirst(5)) else {
            process.terminate()
            throw TestEnvironmentMissing("\(script) did not start (\(first))")
        }
        self.process = process
        self.port = port
        self.scheme = scheme
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// Whether `/usr/bin/python3 -c "import …"` succeeds.
    static func pythonHas(_ modules: String) -> Bool {
        run(python, ["-c", "import \(modules)"]) == 0
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

extension XCTestCase {
    func startServer(_ script: String, _ arguments: [String] = [], scheme: String = "http") throws -> LocalServer {
        let server = try LocalServer(script: script, arguments: arguments, scheme: scheme)
        addTeardownBlock { server.stop() }
        return server
    }
}
