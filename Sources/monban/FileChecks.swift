import Glibc

/// The files monban trusts with secrets — the database (and its write-ahead log), the
/// key file beside it, the terminal's device token — are used only when they are the
/// running user's own and no one else can read or write them (issue 19, finding 12).
/// monban creates them so (0600); a file found otherwise was made or changed by someone
/// else, or copied carelessly: another user could read the secrets in it, or plant
/// rows, a key or a token of their choosing. A file that does not exist yet is fine.
enum FileChecks {
    /// Why `path` must not be used, or nil when it is safe or absent.
    /// `outcome` ends the sentence: what monban did about it (`monban doctor` says nothing there).
    static func problem(_ path: String, _ what: String, outcome: String = "; it was not used") -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_uid != geteuid() {
            return "\(what) \(path) belongs to another user (uid \(info.st_uid)): only the account that runs monban "
                + "may own it\(outcome)"
        }
        if info.st_mode & 0o077 != 0 {
            return "\(what) \(path) can be read or written by other users (mode \(String(info.st_mode & 0o777, radix: 8))): "
                + "chmod 600 \(path)\(outcome)"
        }
        return nil
    }

    /// Refuses the database at `databasePath`, its write-ahead log, its key file and its
    /// audit key file (issue 19 finding 9) when any of them is unsafe.
    static func refuseUnsafeDatabase(_ databasePath: String) throws {
        let files = [(databasePath, "the database"), (databasePath + "-wal", "the database's log"),
                     (databasePath + ".key", "the key file"), (databasePath + ".audit-key", "the audit key file")]
        for (path, what) in files {
            if let problem = problem(path, what) { throw CLIFailure(problem) }
        }
    }

    /// Refuses the terminal's device token (TF-4) when it is unsafe.
    static func refuseUnsafeDeviceToken(_ path: String) throws {
        if let problem = problem(path, "the device token") { throw CLIFailure(problem) }
    }
}
