import Glibc
import MonbanConfig
import MonbanCore

/// Where monban keeps its files by default (XDG base directories), read with getenv.
enum Paths {
    static func env(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static var dataDirectory: String {
        if let xdg = env("XDG_DATA_HOME"), xdg.hasPrefix("/") { return xdg + "/monban" }
        if let home = env("HOME"), home.hasPrefix("/") { return home + "/.local/share/monban" }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) + "/.local/share/monban" }
        return "/tmp/monban-\(getuid())"
    }

    /// Per-terminal state: the device token of remembered two-step verification (TF-4).
    static var stateDirectory: String {
        if let xdg = env("XDG_STATE_HOME"), xdg.hasPrefix("/") { return xdg + "/monban" }
        if let home = env("HOME"), home.hasPrefix("/") { return home + "/.local/state/monban" }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) + "/.local/state/monban" }
        return "/tmp/monban-state-\(getuid())"
    }

    static var configFile: String {
        if let xdg = env("XDG_CONFIG_HOME"), xdg.hasPrefix("/") { return xdg + "/monban/config.toml" }
        if let home = env("HOME"), home.hasPrefix("/") { return home + "/.config/monban/config.toml" }
        return "/etc/monban/config.toml"
    }

    static var deviceTokenFile: String { stateDirectory + "/device-token" }

    /// The key files of a PostgreSQL store (`postgres.key`, `postgres.audit-key`): the same
    /// files on every machine that opens the store, copied there by the operator (ST-1).
    static var postgresKeyBase: String { dataDirectory + "/postgres" }

    /// This terminal's device token, created on first use; nil when the state
    /// directory cannot hold it (the client then never remembers the terminal).
    static func deviceToken() -> DeviceToken? {
        // A token another user can read or write is no proof of this terminal (issue 19).
        guard FileChecks.problem(deviceTokenFile, "the device token") == nil else { return nil }
        return try? DeviceToken.loadOrCreate(at: deviceTokenFile, random: SystemRandom())
    }

    /// A small text file's UTF-8 contents; nil when it cannot be read or is not UTF-8.
    /// Plain POSIX reads: Foundation's `String(contentsOfFile:)` costs a scan of every
    /// protocol conformance in the binary (≈ 0.2 ms) when the file is missing.
    static func readText(_ path: String, limit: Int = 1 << 16) -> String? {
        guard case .text(let text) = TextFile.read(path, limit: limit) else { return nil }
        return text
    }

    static var defaultDatabase: String { dataDirectory + "/monban.sqlite3" }
    static var demoDatabase: String { dataDirectory + "/demo.sqlite3" }
}
