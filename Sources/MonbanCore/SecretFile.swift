import FoundationEssentials
import MonbanStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small file holding random bytes that must stay private: the secret-box
/// key beside the database (TF-3) and the terminal's device token (TF-4).
/// Created with mode 0600, exclusively (O_CREAT|O_EXCL), written in full and
/// fsynced, and never overwritten.
enum SecretFile {
    enum ReadResult: Equatable {
        case absent
        case unreadable
        case wrongLength
        case bytes([UInt8])
    }

    enum CreateResult: Equatable {
        case created
        case exists
        case failed
    }

    /// Reads exactly `length` bytes; a shorter or longer file is `wrongLength`.
    static func read(_ path: String, length: Int) -> ReadResult {
        let fd = posixOpen(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return errno == ENOENT ? .absent : .unreadable }
        defer { _ = close(fd) }
        // One byte more than wanted, to tell a too-long file.
        var buffer = [UInt8](repeating: 0, count: length + 1)
        var filled = 0
        while filled < buffer.count {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.read(fd, base + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable
            }
            if n == 0 { break }
            filled += n
        }
        return filled == length ? .bytes(Array(buffer.prefix(length))) : .wrongLength
    }

    /// Creates `path` with `bytes`, mode 0600. `.exists` when a file is already there.
    /// Atomic: the bytes are written and synced in a private temporary file first, which is
    /// then linked to `path` (link(2) fails when `path` exists), so a process killed midway
    /// never leaves a short key file that would refuse every later start (the outbox and audit
    /// keys are made during ordinary operations, issue 19 findings 4 and 9).
    static func create(_ path: String, bytes: [UInt8]) -> CreateResult {
        if access(path, F_OK) == 0 { return .exists }
        var suffix = [UInt8](repeating: 0, count: 8)
        for i in suffix.indices { suffix[i] = UInt8.random(in: 0...255) }
        let temporary = path + ".tmp-\(getpid())-" + suffix.map { String($0, radix: 16) }.joined()
        switch writeNew(temporary, bytes: bytes) {
        case .created: break
        case .exists, .failed: return .failed
        }
        defer { _ = unlink(temporary) }
        if link(temporary, path) != 0 { return errno == EEXIST ? .exists : .failed }
        syncDirectory(of: path)
        return .created
    }

    /// Writes a new file exclusively, in full, synced.
    private static func writeNew(_ path: String, bytes: [UInt8]) -> CreateResult {
        let fd = posixOpen(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 { return errno == EEXIST ? .exists : .failed }
        var ok = fchmod(fd, 0o600) == 0
        var written = 0
        while ok, written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return Glibc.write(fd, base + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                ok = false
            } else {
                written += n
            }
        }
        ok = ok && fsync(fd) == 0
        ok = close(fd) == 0 && ok
        guard ok else {
            // The file is ours and incomplete: remove it rather than leave it damaged.
            _ = unlink(path)
            return .failed
        }
        syncDirectory(of: path)
        return .created
    }

    /// Makes a new directory entry durable too (best effort).
    private static func syncDirectory(of path: String) {
        let directory = FilePath.directory(of: path)
        let dfd = posixOpen(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { return }
        _ = fsync(dfd)
        _ = close(dfd)
    }

    static func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, flags, mode)
        #else
        Darwin.open(path, flags, mode)
        #endif
    }
}
