#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a URL's host is this machine, decided on the parsed address (issue 19,
/// finding 12): an IPv4 address in 127.0.0.0/8, the IPv6 address ::1 (or ::ffff:127.x.y.z),
/// or exactly the name `localhost`. Never by a prefix of the name: `127.0.0.1.attacker.example`
/// is a name anyone can point anywhere. Where clear text is allowed only to loopback
/// (SMTP without TLS, an SMS token over http, an http provider endpoint, an Active Directory
/// reached over ldap://, finding 11), this is the test.
public enum Loopback {
    public static func isLoopback(host: String?) -> Bool {
        guard var host, !host.isEmpty else { return false }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // s_addr is in network order: the first byte in memory is the first octet.
            return withUnsafeBytes(of: &v4) { $0.first == 127 }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            guard bytes.count == 16 else { return false }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
            // An IPv4-mapped address of 127.0.0.0/8.
            return bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
        }
        return false
    }
}
