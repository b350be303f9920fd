import Foundation
import XCTest

/// A Samba AD domain controller of the tests' own (Tests/Support/samba/samba-dc.sh), in a
/// private temporary directory, listening on a loopback address of its own (127.x.y.z, so
/// that concurrent test runs do not fight over port 389).
final class SambaDC: @unchecked Sendable {
    static let realm = "monban.test"
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/samba/samba-dc.sh").path

    let directory: String  // the temporary directory (DIR of the script is directory/dc)
    let ip: String
    let pid: Int32
    let caPEM: String
    let wrongCAPEM: String
    /// Seconds the script took to provision and start the DC.
    let startSeconds: Double

    var ldapURL: String { "ldap://\(ip)" }
    var ldapsURL: String { "ldaps://\(ip)" }
    var dcDirectory: String { directory + "/dc" }

    /// Why the DC cannot run here, when samba is not installed; nil when it is.
    static var missingReason: String? {
        let found = ["/usr/sbin/samba", "/usr/bin/samba-tool", "/usr/bin/openssl"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        return found ? nil
            : "samba is not installed (`make test` installs it: Debian packages samba samba-dsdb-modules samba-ad-provision openssl)"
    }

    /// Provisions and starts a DC; throws with the script's error output when it cannot.
    init() throws {
        var template = Array("/tmp/monban-dc-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw SambaDCError("mkdtemp failed")
        }
        directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        ip = "127.\(Int.random(in: 100...199)).\(Int.random(in: 1...254)).\(Int.random(in: 1...254))"

        let started = Date()
        let (status, output, errors) = Self.run(["start", directory + "/dc", ip])
        startSeconds = Date().timeIntervalSince(started)
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            if let eq = line.firstIndex(of: "=") { values[String(line[..<eq])] = String(line[line.index(after: eq)...]) }
        }
        guard status == 0, let pidText = values["pid"], let pid = Int32(pidText),
              let ca = values["ca"], let wrongCA = values["wrong_ca"],
              let caPEM = try? String(contentsOfFile: ca, encoding: .utf8),
              let wrongCAPEM = try? String(contentsOfFile: wrongCA, encoding: .utf8)
        else {
            _ = Self.run(["stop", directory + "/dc"])
            try? FileManager.default.removeItem(atPath: directory)
            throw SambaDCError("samba-dc.sh start failed (\(status)): \(errors)\(output)")
        }
        self.pid = pid
        self.caPEM = caPEM
        self.wrongCAPEM = wrongCAPEM
    }

    /// Stops the DC and deletes its directory; returns the processes still working in that
    /// directory afterwards (see `strays`), which should be none.
    @discardableResult
    func stop() -> String {
        _ = Self.run(["stop", dcDirectory])
        try? FileManager.default.removeItem(atPath: directory)
        return Self.strays(in: directory)
    }

    /// The processes ("pid name" lines) whose working directory is in `directory`. Samba
    /// rewrites its command line ("samba: root process"), so `pgrep -f` cannot find a DC by
    /// its directory; the script starts samba in its directory instead. The candidates are
    /// all processes, not only `pgrep -x samba`, so that a stray samba-tool counts too.
    static func strays(in directory: String) -> String {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: "/proc") else { return "" }
        var found: [String] = []
        for entry in entries where Int32(entry) != nil {
            guard let cwd = try? fm.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd"),
                  cwd == directory || cwd.hasPrefix(directory + "/")
            else { continue }
            let name = (try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8)) ?? "?"
            found.append("\(entry) \(name.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return found.joined(separator: "\n")
    }

    /// `pgrep -x name`: the pids of the processes called exactly name.
    static func pgrep(_ name: String) -> [Int32] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pgrep", "-x", name]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Int32($0) }
    }

    private static func run(_ arguments: [String]) -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MONBAN_DC_MAX_RUNTIME"] = "300"  // a crashed test run leaves no DC for long
        process.environment = environment
        // One pipe for both streams: KEY=VALUE lines on success, the reason on failure.
        // The daemon does not keep it open (the script sends samba's output to a file).
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        do { try process.run() } catch { return (-1, "", "\(error)") }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), "")
    }
}

struct SambaDCError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
