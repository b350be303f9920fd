import Foundation
import XCTest

/// A real terminal for end-to-end tests: a private tmux server, one window of a
/// given size, keys sent as a person types them, the screen read back as text.
final class TmuxTerminal {
    let socket = "monban-test-\(UUID().uuidString.prefix(8))"
    let session = "t"

    /// Starts `command` (run by /bin/sh) in a window of `width`×`height`.
    init(_ command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        var env = ["SWIFT_BACKTRACE": "enable=no", "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": ""]
        for (k, v) in environment { env[k] = v }
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                  "env \(exports) \(command)"])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        // The first command starts the tmux server, which would inherit a pipe and
        // keep it open: only commands that answer get one.
        let answers = ["capture-pane", "display-message"].contains(args.first ?? "")
        let out = Pipe()
        p.standardOutput = answers ? out : FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = answers ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// Presses named keys: Tab, BTab, Enter, Escape, F10, C-c, Up, Down…
    func press(_ keys: String...) throws {
        for k in keys { try tmux(["send-keys", "-t", session, k]) }
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

    /// Whether the program in the window has exited.
    var exited: Bool { ((try? tmux(["display-message", "-p", "-t", session, "#{pane_dead}"])) ?? "").hasPrefix("1") }

    var pid: Int32? { Int32(((try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) }

    /// Waits until the screen shows `text` (up to `timeout` seconds); fails the test with the screen otherwise.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date() + timeout
        while Date() < deadline {
            if screen.contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("screen never showed \"\(text)\":\n\(screen)", file: file, line: line)
        return false
    }

    func waitUntilExited(timeout: Double = 10) -> Bool {
        let deadline = Date() + timeout
        while Date() < deadline {
            if exited { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
