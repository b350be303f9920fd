import Glibc

/// A small text file read with plain system calls (the configuration, the state files): the
/// client reads them before the first paint, where Foundation's file reading costs a search
/// of every protocol conformance in the binary (issue 18).
public enum TextFile {
    public enum Outcome: Equatable, Sendable {
        case text(String)
        /// Absent, or out of this user's sight.
        case missing
        case unreadable
        /// Larger than the limit, or not UTF-8.
        case notText
    }

    public static func read(_ path: String, limit: Int) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            // A file that cannot even be seen (absent, or in a folder this user may not
            // search) is missing; one that is there but cannot be opened is unreadable.
            var info = stat()
            return stat(path, &info) == 0 ? .unreadable : .missing
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return .unreadable }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
            if bytes.count > limit { return .notText }
        }
        return String(validating: bytes, as: UTF8.self).map(Outcome.text) ?? .notText
    }
}
