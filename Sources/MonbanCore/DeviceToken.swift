import FoundationEssentials
import MonbanCrypto
import MonbanStore

/// This terminal's identity for "このブラウザを一定期間、記憶する" (TF-4): 256
/// random bits kept in the client's state directory (`$XDG_STATE_HOME/monban/`,
/// mode 0600). The engine stores only a SHA-256 of it together with the terminal's
/// binding, per person, with the time the person last signed in from this terminal.
///
/// The binding (issue 19 finding 3) names the terminal as well as the account: the OS
/// account, the machine, the folder the token lives in, and the tty or, under SSH, the key
/// the connection authenticated with (`TerminalBinding`, made by the client). A copy of the
/// token file used from another home, account, machine or SSH key hashes differently, so
/// it is not the remembered terminal and two-step verification is asked.
public struct DeviceToken: Sendable, Equatable {
    public static let length = 32
    let bytes: [UInt8]
    /// What the token is bound to; empty until `bound(to:)`.
    let binding: [UInt8]

    init(bytes: [UInt8], binding: [UInt8] = []) {
        self.bytes = bytes
        self.binding = binding
    }

    /// This token bound to a terminal (issue 19 finding 3).
    public func bound(to terminal: TerminalBinding) -> DeviceToken {
        DeviceToken(bytes: bytes, binding: Array(terminal.canonical.utf8))
    }

    /// What the database keeps: the hash of the token with its binding, domain-separated.
    var storedHash: [UInt8] {
        Digest.sha256(Array("monban device token v2\u{0}".utf8) + bytes + [0] + binding)
    }

    /// Why the token file could not be used. The path says which file.
    public enum Failure: Error, Equatable, Sendable {
        case unreadable(String)
        case damaged(String)
        case notCreated(String)
    }

    /// Reads the token at `path`, creating it (and its directory, 0700) on first use.
    public static func loadOrCreate(at path: String, random: any RandomSource) throws -> DeviceToken {
        let directory = FilePath.directory(of: path)
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for _ in 0..<2 {
            switch SecretFile.read(path, length: length) {
            case .bytes(let b): return DeviceToken(bytes: b)
            case .unreadable: throw Failure.unreadable(path)
            case .wrongLength: throw Failure.damaged(path)
            case .absent:
                let fresh = try random.bytes(length)
                switch SecretFile.create(path, bytes: fresh) {
                case .created: return DeviceToken(bytes: fresh)
                case .exists: continue  // another client made it first: read theirs
                case .failed: throw Failure.notCreated(path)
                }
            }
        }
        throw Failure.unreadable(path)
    }

    /// A token that lives only in memory (tests, a read-only home).
    public static func ephemeral(using random: any RandomSource) throws -> DeviceToken {
        DeviceToken(bytes: try random.bytes(length))
    }
}
