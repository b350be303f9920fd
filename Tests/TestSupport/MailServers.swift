import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Python test server from Tests/Support/<folder>: started with its
/// arguments, ready once it prints "PORT <n>", stopped (SIGTERM) at `stop` or deinit.
public final class PythonServer {
    public let process = Process()
    public let port: Int

    public static let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Support")

    public init(_ script: String, _ arguments: [String], needs modules: String) throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python),
              PythonServer.run(python, ["-c", "import \(modules)"]) == 0
        else {
            throw TestEnvironmentMissing("\(python) with \(modules) is needed (make test installs it)")
        }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.supportDirectory.appendingPathComponent(script).path] + arguments
        let out = Pipe()
        process.standardOutput = out
        let errLog = FileManager.default.temporaryDirectory.appendingPathComponent("monban-server-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: errLog.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errLog) }
        process.standardError = try FileHandle(forWritingTo: errLog)
        closeInheritedDescriptorsOnExec()
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
            process.waitUntilExit()
            let err = (try? String(contentsOf: errLog, encoding: .utf8)) ?? ""
            throw TestEnvironmentMissing("\(script) did not start: \(first) \(err.suffix(600))")
        }
        self.port = port
    }

    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        if let directory { p.currentDirectoryURL = directory }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        closeInheritedDescriptorsOnExec()
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

/// Marks every inherited descriptor close-on-exec before spawning a server that
/// daemonises or outlives its parent's pipes (see TmuxTerminal).
public func closeInheritedDescriptorsOnExec() {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
    for name in names {
        if let fd = Int32(name), fd > 2 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    }
}

/// One message as the test SMTP server received it: the exact bytes, and
/// Python's e-mail package's reading of them.
public struct ReceivedMail: Decodable {
    public var mail_from: String
    public var rcpt_tos: [String]
    public var user: String?
    public var tls: Bool
    public var headers: [[String]]?
    public var raw_headers: [[String]]?
    public var subject: String?
    public var content_type: String?
    public var charset: String?
    public var transfer_encoding: String?
    public var body: String?
    public var defects: [String]?
    public var parse_error: String?
    /// The bytes after DATA, as received.
    public var raw: [UInt8] = []

    enum CodingKeys: String, CodingKey {
        case mail_from, rcpt_tos, user, tls, headers, raw_headers, subject, content_type, charset, transfer_encoding,
             body, defects, parse_error
    }

    /// The first header of that name (decoded).
    public func header(_ name: String) -> String? {
        headers?.first { $0.first?.lowercased() == name.lowercased() }?.last
    }

    /// The raw (undecoded, possibly folded) value of a header.
    public func rawHeader(_ name: String) -> String? {
        raw_headers?.first { $0.first?.lowercased() == name.lowercased() }?.last
    }
}

/// The SMTP server of Tests/Support/smtp/smtp_server.py (aiosmtpd) on 127.0.0.1.
public final class SMTPTestServer {
    public let maildir: URL
    public let port: Int
    let arguments: [String]
    var server: PythonServer?

    /// Starts on `port` (a free one when nil); messages go to `maildir`.
    public init(maildir: URL, port: Int? = nil, arguments: [String] = []) throws {
        self.maildir = maildir
        self.port = try port ?? closedPort()
        self.arguments = arguments
        try start()
    }

    /// (Re)starts the server on the same port; received messages are kept.
    public func start() throws {
        var lastError: (any Error)?
        // The port was just freed by a stopped server: allow a moment for it.
        for _ in 0..<20 {
            do {
                server = try PythonServer(
                    "smtp/smtp_server.py", ["--port", "\(port)", "--maildir", maildir.path] + arguments,
                    needs: "aiosmtpd")
                return
            } catch {
                lastError = error
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        throw lastError ?? TestEnvironmentMissing("the SMTP server did not start")
    }

    public func stop() {
        server?.stop()
        server = nil
    }

    deinit { stop() }

    /// Every message received so far, in order.
    public func messages() throws -> [ReceivedMail] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let base = maildir.appendingPathComponent(String(name.dropLast(4)))
            var mail = try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: base.appendingPathExtension("json")))
            mail.raw = Array(try Data(contentsOf: base.appendingPathExtension("eml")))
            return mail
        }
    }

    /// Waits until at least `count` messages arrived (up to `timeout` seconds).
    @discardableResult
    public func waitForMessages(_ count: Int, timeout: Double = 15) throws -> [ReceivedMail] {
        let deadline = Date() + timeout
        var got = try messages()
        while got.count < count && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            got = try messages()
        }
        return got
    }
}

/// The Twilio-compatible recorder of Tests/Support/smtp/sms_gateway.py.
public final class SMSGatewayRecorder {
    public let log: URL
    public let server: PythonServer
    public var url: String { "http://127.0.0.1:\(server.port)/2010-04-01/Accounts/ACtest/Messages.json" }

    public struct Request: Decodable {
        public var path: String
        public var user: String?
        public var auth_ok: Bool
        public var content_type: String?
        public var form: [String: String]
    }

    public init(log: URL, user: String = "ACtest", password: String = "token", status: Int = 201) throws {
        self.log = log
        server = try PythonServer(
            "smtp/sms_gateway.py", ["--log", log.path, "--user", user, "--password", password, "--status", "\(status)"],
            needs: "http.server")
    }

    public func requests() throws -> [Request] {
        guard let data = FileManager.default.contents(atPath: log.path) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Request.self, from: Data($0.utf8))
        }
    }
}

/// A private CA and a server certificate for 127.0.0.1, made with the openssl tool.
public struct TestCertificates {
    public let directory: URL
    public var caFile: String { directory.appendingPathComponent("ca.pem").path }
    public var certificate: String { directory.appendingPathComponent("server.pem").path }
    public var key: String { directory.appendingPathComponent("server.key").path }

    public init(in directory: URL) throws {
        self.directory = directory
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            throw TestEnvironmentMissing("the openssl tool is not installed")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func openssl(_ args: [String]) throws {
            guard PythonServer.run("openssl", args, in: directory) == 0 else {
                throw TestEnvironmentMissing("openssl \(args.first ?? "") failed")
            }
        }
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
                     "-out", "ca.pem", "-days", "2", "-subj", "/CN=monban test CA",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key",
                     "-out", "server.csr", "-subj", "/CN=smtp.test"])
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", "server.pem", "-days", "2", "-extfile", "server.ext"])
    }
}
