import Glibc

/// A plain TCP conversation with a deadline, for the doctor's SMTP check (PK-1): connect,
/// read a reply, say a line. Nothing here ever blocks past the deadline.
final class DoctorSocket {
    enum Failure: Error, CustomStringConvertible {
        case resolve(String)
        case connect(String)
        case timeout
        case closed

        var description: String {
            switch self {
            case .resolve(let why): "the name does not resolve (\(why))"
            case .connect(let why): why
            case .timeout: "no answer in time"
            case .closed: "the server closed the connection"
            }
        }
    }

    private let fd: Int32
    private let deadline: Int
    private var buffer: [UInt8] = []

    /// Connects to `host`:`port`, all within `timeoutMs` (the later reads too).
    init(host: String, port: Int, timeoutMs: Int) throws(Failure) {
        deadline = Self.nowMs() + timeoutMs
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else { throw .resolve(String(cString: gai_strerror(rc))) }
        defer { freeaddrinfo(list) }
        var lastError = "cannot connect"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let a = entry {
            entry = a.pointee.ai_next
            let s = socket(a.pointee.ai_family, a.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue),
                           a.pointee.ai_protocol)
            guard s >= 0 else { continue }
            if connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                var p = pollfd(fd: s, events: Int16(POLLOUT), revents: 0)
                let left = max(0, deadline - Self.nowMs())
                if poll(&p, 1, Int32(left)) == 1 {
                    var err: Int32 = 0
                    var len = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len)
                    if err == 0 {
                        fd = s
                        return
                    }
                    lastError = String(cString: strerror(err))
                } else {
                    lastError = "no answer in time"
                }
            } else {
                lastError = String(cString: strerror(errno))
            }
            close(s)
        }
        throw .connect(lastError)
    }

    deinit { close(fd) }

    /// One SMTP reply (all its lines): its code and last line.
    func reply() throws(Failure) -> (code: Int, text: String) {
        while true {
            while let end = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: ["\r"])
                buffer.removeSubrange(...end)
                let chars = Array(line)
                // "250-…" continues; "250 …" (or a bare code) ends the reply.
                if chars.count >= 3, chars.count == 3 || chars[3] != "-", let code = Int(String(chars[0..<3])) {
                    return (code, line)
                }
            }
            guard buffer.count < 65_536 else { throw .closed }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = deadline - Self.nowMs()
            guard left > 0, poll(&p, 1, Int32(left)) == 1 else { throw .timeout }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw .closed }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    func say(_ line: String) {
        let bytes = Array((line + "\r\n").utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    static func nowMs() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(self.reversed().drop(while: { set.contains($0) }).reversed())
    }
}
