import Glibc
import MonbanConfig
import MonbanCore

/// What the client finds out about where it runs, for `TerminalBinding` (TF-4, issue 19 finding 3).
enum TerminalFacts {
    static func gather(kiosk: Bool, configuration: Configuration) -> TerminalBinding.Facts {
        var f = TerminalBinding.Facts()
        f.kiosk = kiosk
        f.rememberSetting = configuration.client.remember
        f.sshOriginalCommand = Paths.env("SSH_ORIGINAL_COMMAND")
        f.sshConnection = Paths.env("SSH_CONNECTION")
        if let path = Paths.env("SSH_USER_AUTH"), path.hasPrefix("/") { f.sshUserAuth = Paths.readText(path) }
        f.startedBySSHD = startedBySSHD()
        f.tty = ttyname(0).map { String(cString: $0) }
        f.uid = geteuid()
        f.machine = machine()
        f.stateDirectory = Paths.stateDirectory
        return f
    }

    /// Whether sshd ran the client as the session's command (ForceCommand, `command=` in
    /// authorized_keys, `ssh host monban`): the parent is sshd, or a shell run with `-c`
    /// whose parent is sshd. An interactive login shell (`-bash`) in between is not.
    static func startedBySSHD() -> Bool {
        let parent = getppid()
        if isSSHD(parent) { return true }
        let args = commandLine(parent)
        guard args.count >= 2, args[1] == "-c", let grandparent = parentOf(parent) else { return false }
        return isSSHD(grandparent)
    }

    /// sshd, or OpenSSH 9.8's per-session `sshd-session`.
    static func isSSHD(_ pid: pid_t) -> Bool {
        guard let comm = Paths.readText("/proc/\(pid)/comm") else { return false }
        return comm.hasPrefix("sshd")
    }

    static func commandLine(_ pid: pid_t) -> [String] {
        guard let text = Paths.readText("/proc/\(pid)/cmdline") else { return [] }
        return text.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
    }

    /// The fourth field of /proc/PID/stat, after the command name in parentheses.
    static func parentOf(_ pid: pid_t) -> pid_t? {
        guard let stat = Paths.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count >= 2, let ppid = pid_t(fields[1]) else { return nil }
        return ppid
    }

    /// This machine: /etc/machine-id, else the host name.
    static func machine() -> String {
        if let id = Paths.readText("/etc/machine-id")?.trimmingWhitespace(), !id.isEmpty { return id }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        return String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
