import FoundationEssentials
import MonbanCrypto

/// The key of the audit chain (issue 19 finding 9, AU-1): the chain's links are
/// HMAC-SHA256 under it, so whoever can write the database but not read this file cannot
/// rewrite an entry and recompute the links after it. It lives beside the database and the
/// secret-box key, never in the database: `DATABASE.audit-key`, 0600, created exclusively
/// at the first audit entry written with it, never overwritten.
///
/// The file is 40 bytes: the 32-byte key, then how many entries the chain had when the key
/// was made (8 bytes, big-endian). Those first entries, written by an older monban, keep
/// verifying as plain SHA-256 links (the legacy prefix); every later entry must be keyed.
/// The count is in the key file, not in the database, so rewriting the database cannot
/// lengthen the prefix. A lost key file makes a new key with a new count: the entries
/// keyed with the old one no longer verify, which is what the loss should look like.
struct AuditKey: Sendable, Equatable {
    static let keyLength = 32
    static let fileLength = keyLength + 8

    let key: [UInt8]
    /// Entries 1…legacyEntries are plain SHA-256 links.
    let legacyEntries: Int64

    static func path(forDatabase location: String) -> String { location + ".audit-key" }

    /// The key at `path`; nil when there is no file and `create` is false. With `create`,
    /// a missing file is made with a fresh key and `entriesSoFar` as the legacy prefix.
    static func open(at path: String, create: Bool, entriesSoFar: Int64, random: any RandomSource)
        throws(EngineError) -> AuditKey?
    {
        if let key = try read(path) { return key }
        guard create else { return nil }
        let fresh = AuditKey(key: try random.bytes(keyLength), legacyEntries: max(0, entriesSoFar))
        switch SecretFile.create(path, bytes: fresh.fileBytes) {
        case .created: return fresh
        case .exists:
            // Another process made it between our read and our create: theirs.
            guard let key = try read(path) else { throw .secretKey(.keyFileMissing(path)) }
            return key
        case .failed: throw .secretKey(.keyFileNotCreated(path))
        }
    }

    private static func read(_ path: String) throws(EngineError) -> AuditKey? {
        switch SecretFile.read(path, length: fileLength) {
        case .absent: return nil
        case .unreadable: throw .secretKey(.keyFileUnreadable(path))
        case .wrongLength: throw .secretKey(.keyFileDamaged(path))
        case .bytes(let bytes):
            let count = bytes[keyLength...].reduce(Int64(0)) { ($0 << 8) | Int64($1) }
            return AuditKey(key: Array(bytes[..<keyLength]), legacyEntries: count)
        }
    }

    var fileBytes: [UInt8] {
        key + (0..<8).reversed().map { UInt8(truncatingIfNeeded: legacyEntries >> (8 * $0)) }
    }

    /// The key entry `id` is linked with: nil for the legacy prefix.
    func key(forEntry id: Int64) -> [UInt8]? { id > legacyEntries ? key : nil }
}
