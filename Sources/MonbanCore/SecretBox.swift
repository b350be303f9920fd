import FoundationEssentials
import MonbanCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a `SecretBox` could not be opened or could not open a secret. Paths
/// are carried so the message can say which file; no case carries key bytes.
public enum SecretBoxError: Error, Equatable, Sendable {
    /// The key file should exist (secrets were sealed with it) but does not.
    case keyFileMissing(String)
    /// The key file exists but cannot be read (permissions, a directory, …).
    case keyFileUnreadable(String)
    /// The key file is not exactly 32 bytes: it is left as it is.
    case keyFileDamaged(String)
    /// A new key file could not be created or written in full.
    case keyFileNotCreated(String)
    /// Encryption failed inside libcrypto.
    case sealFailed
    /// The sealed bytes are malformed, were altered, belong to another
    /// context, or were sealed with another key.
    case cannotOpen
}

/// Encrypts small secrets at rest (the TOTP secret, TF-3) with AES-256-GCM.
///
/// The 32-byte key lives in a key file beside the database, never in the
/// database itself, so a copy of the database alone reveals no secret. The
/// file is created with mode 0600 on first use (O_CREAT|O_EXCL, write,
/// fsync) and never overwritten afterwards.
///
/// Sealed form: version byte 0x01 ‖ nonce (12 random bytes) ‖ ciphertext ‖
/// tag (16 bytes). `context` (for example "totp:person:42") is bound as GCM
/// associated data, so a sealed secret copied to another row does not open.
public struct SecretBox: Sendable {
    public static let keyLength = AESGCM.keyLength
    static let nonceLength = 12
    static let version: UInt8 = 0x01

    private let key: [UInt8]
    private let random: any RandomSource

    init(key: [UInt8], random: any RandomSource) {
        self.key = key
        self.random = random
    }

    /// Reads the key at `path`, or creates it when there is no file there.
    public static func openOrCreateKey(at path: String, random: any RandomSource) throws -> SecretBox {
        switch try readKey(at: path) {
        case .some(let key):
            return SecretBox(key: key, random: random)
        case .none:
            let fresh = try random.bytes(keyLength)
            if try createKeyFile(at: path, key: fresh) {
                return SecretBox(key: fresh, random: random)
            }
            // Another process created it between our read and our create: use theirs.
            guard let key = try readKey(at: path) else { throw SecretBoxError.keyFileMissing(path) }
            return SecretBox(key: key, random: random)
        }
    }

    /// Reads the key at `path`, for when it must already exist (secrets were
    /// sealed with it): a missing file is an error, never a new key.
    public static func openExistingKey(at path: String, random: any RandomSource) throws -> SecretBox {
        guard let key = try readKey(at: path) else { throw SecretBoxError.keyFileMissing(path) }
        return SecretBox(key: key, random: random)
    }

    public func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        let nonce = try random.bytes(Self.nonceLength)
        do {
            let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: Self.aad(context))
            return [Self.version] + sealed
        } catch {
            throw SecretBoxError.sealFailed
        }
    }

    public func open(_ sealed: [UInt8], context: String) throws -> [UInt8] {
        guard sealed.first == Self.version else { throw SecretBoxError.cannotOpen }
        do {
            return try AESGCM.open(Array(sealed.dropFirst()), key: key, associatedData: Self.aad(context))
        } catch {
            throw SecretBoxError.cannotOpen
        }
    }

    /// Associated data: a fixed label, so these ciphertexts cannot be
    /// mistaken for any other use of the key, then the caller's context.
    static func aad(_ context: String) -> [UInt8] {
        Array("monban-secretbox-v1\u{0}".utf8) + Array(context.utf8)
    }

    // MARK: - Key file

    /// The key, nil when no file exists at `path`.
    static func readKey(at path: String) throws -> [UInt8]? {
        switch SecretFile.read(path, length: keyLength) {
        case .absent: return nil
        case .unreadable: throw SecretBoxError.keyFileUnreadable(path)
        case .wrongLength: throw SecretBoxError.keyFileDamaged(path)
        case .bytes(let key): return key
        }
    }

    /// Creates the key file exclusively. False when a file already exists.
    static func createKeyFile(at path: String, key: [UInt8]) throws -> Bool {
        switch SecretFile.create(path, bytes: key) {
        case .created: return true
        case .exists: return false
        case .failed: throw SecretBoxError.keyFileNotCreated(path)
        }
    }
}
