import Foundation

/// Settings that weaken authentication and that the person at the screen must not be able to
/// choose (issue 19 finding 5): the line this terminal is on (`TerminalLineFile`), which
/// replaces two-step verification (LG-3, LG-6). They are taken only from a file that root owns
/// and nobody else can change:
///
/// 1. the file (after symbolic links) belongs to root (uid 0);
/// 2. neither its group nor others may write it (no `g+w`, `o+w`);
/// 3. the folder holding it belongs to root and neither its group nor others may write it
///    (otherwise the file could be replaced);
/// 4. unless monban runs as root, the account running it can write neither the file nor the
///    folder (`access(W_OK)`, which also sees ACLs and group membership).
///
/// Anything else is refused before the client starts, naming the file.
extension Configuration {
    /// Why `file` may not set operator-only keys, or nil when it may.
    public static func operatorOnlyProblem(_ file: String, euid: uid_t = geteuid()) -> String? {
        guard let real = realpath(file, nil) else { return "its owner and mode cannot be checked" }
        let path = String(cString: real)
        free(real)
        let folder = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        for (what, p) in [("it", path), ("its folder \(folder)", folder)] {
            var info = stat()
            guard stat(p, &info) == 0 else { return "\(what): owner and mode cannot be checked" }
            if info.st_uid != 0 { return "\(what) belongs to uid \(info.st_uid), not root" }
            if info.st_mode & 0o022 != 0 {
                return "\(what) can be written by others than root (mode \(String(info.st_mode & 0o7777, radix: 8)))"
            }
            if euid != 0, access(p, W_OK) == 0 { return "\(what) can be written by the account that runs monban" }
        }
        return nil
    }
}

extension Configuration {
    /// Why the file holding this configuration's inline secrets is unsafe, or nil when it is
    /// owner-only (or holds none): the same check `load` makes, for `monban doctor` (PK-1),
    /// which reports it as a line of its own. Names the keys, never their values.
    public func secretsProblem(file: String) -> String? {
        do { try Self.checkSecrets(self, file: file) } catch { return error.reason }
        return nil
    }
}
