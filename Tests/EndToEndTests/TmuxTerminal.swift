import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A real terminal for end-to-end tests: a private tmux server, one window of a
/// given size, keys sent as a person types them, the screen read back as text.
final class TmuxTerminal {
    let socket = "monban-test-\(UUID().uuidString.prefix(8))"
    let session = "t"

    /// Starts `command` (run by /bin/sh) in a window of `width`×`height`.
    /// Added to the tmux server's own environment (not the command's): LD_PRELOAD of a
    /// wcwidth that makes the pane draw ▀ ▄ █ two cells wide (DoctorTests, issue 22).
    let serverEnvironment: [String: String]

    init(_ command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:],
         serverEnvironment: [String: String] = [:]) throws {
        self.serverEnvironment = serverEnvironment
        // Not under SSH, whatever the test runner is (TF-4: SSH decides what a remembered terminal is).
        var env = ["SWIFT_BACKTRACE": "enable=no", "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "",
                   "SSH_CONNECTION": "", "SSH_ORIGINAL_COMMAND": "", "SSH_USER_AUTH": ""]
        for (k, v) in environment { env[k] = v }
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                  "env \(exports) \(command)"])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    enum Failure: Error { case spawn(Int32) }

    /// Runs one tmux command and returns what it printed. Spawned with
    /// posix_spawn and reaped with waitpid, every inherited descriptor closed on
    /// exec: the tmux server this starts daemonises and would otherwise hold on
    /// to Foundation's process-monitoring descriptors, and `Process` never
    /// returns (seen here).
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        Self.closeInheritedDescriptorsOnExec()
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        var envp: [UnsafeMutablePointer<CChar>?] = []
        if !serverEnvironment.isEmpty {
            var p = environ
            while let entry = p.pointee {
                let name = String(cString: entry).split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                if serverEnvironment[name] == nil { envp.append(strdup(entry)) }
                p += 1
            }
            envp += serverEnvironment.map { strdup("\($0.key)=\($0.value)") }
        }
        envp.append(nil)
        defer { for e in envp { free(e) } }
        let rc = serverEnvironment.isEmpty ? posix_spawnp(&pid, "tmux", &actions, nil, &cArgs, environ)
            : posix_spawnp(&pid, "tmux", &actions, nil, &cArgs, &envp)
        guard rc == 0 else { throw Failure.spawn(rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    static func closeInheritedDescriptorsOnExec() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in names {
            if let fd = Int32(name), fd > 2 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
    }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// Presses named keys: Tab, BTab, Enter, Escape, F10, C-c, Up, Down…
    func press(_ keys: String...) throws {
        for k in keys { try tmux(["send-keys", "-t", session, k]) }
    }

    /// Pastes text as a terminal does: bracketed (the program sees one paste), newlines kept.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "monban-paste", "--", text])
        try tmux(["paste-buffer", "-p", "-r", "-d", "-b", "monban-paste", "-t", session])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

    /// Whether the program in the window has exited.
    var exited: Bool { ((try? tmux(["display-message", "-p", "-t", session, "#{pane_dead}"])) ?? "").hasPrefix("1") }

    var pid: Int32? { Int32(((try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) }

    /// The screen's lines joined, their margins trimmed: a message wrapped over lines reads whole.
    var flatScreen: String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
    }

    /// Waits until the screen shows `text` (up to `timeout` seconds); fails the test with the screen otherwise.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date() + timeout
        while Date() < deadline {
            if screen.contains(text) || flatScreen.contains(text) { return true }
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
