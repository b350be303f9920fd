#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CA certificate file named by someone who is not the operator (a tenant's directory
/// settings): read only when it is a readable regular file of at most 64 KiB holding PEM
/// certificates and nothing else (issue 19, finding 12). Every other path — missing, a
/// folder, a device, unreadable, too large, not PEM — gets the same nil, so the field
/// tells nothing about which paths exist on the host or what they hold.
public enum PEMFile {
    public static let maximumSize = 65_536

    /// The certificates of `path` (the BEGIN/END CERTIFICATE blocks, nothing else), or nil.
    public static func certificates(at path: String) -> String? {
        // O_NONBLOCK: a FIFO must not hang the caller; it is refused below as not regular.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & 0o170000 == 0o100000, info.st_size <= maximumSize else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        while bytes.count <= maximumSize {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        guard bytes.count <= maximumSize, let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return certificates(in: text)
    }

    /// The PEM certificate blocks of `text` when it holds one or more and nothing else
    /// (blank lines aside); nil otherwise.
    public static func certificates(in text: String) -> String? {
        let begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----"
        var blocks: [String] = []
        var current: [String]?
        // "\r\n" is one Character: split on both.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(raw)
            while let last = line.last, last == "\r" || last == " " || last == "\t" { line = line.dropLast() }
            if current == nil {
                if line.isEmpty { continue }
                guard line == begin else { return nil }
                current = [begin]
            } else if line == end {
                guard let body = current, body.count > 1 else { return nil }
                blocks.append((body + [end]).joined(separator: "\n"))
                current = nil
            } else {
                guard !line.isEmpty, line.utf8.count <= 76, line.utf8.allSatisfy(isBase64) else { return nil }
                current?.append(String(line))
            }
        }
        guard current == nil, !blocks.isEmpty else { return nil }
        return blocks.joined(separator: "\n") + "\n"
    }

    private static func isBase64(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): true
        default: false
        }
    }
}
