import FoundationEssentials
import MonbanCrypto
import MonbanStore

/// This terminal's identity for "このブラウザを一定期間、記憶する" (TF-4): 256
/// random bits kept in the client's state directory (`$XDG_STATE_HOME/monban/`,
/// mode 0600). The engine stores only its SHA-256, per person, with the time
/// the person last signed in from this terminal.
public struct DeviceToken: Sendable, Equatable {
    public static let length = 32
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// What the database keeps.
    var storedHash: [UInt8] { Digest.sha256(bytes) }

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
