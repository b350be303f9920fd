import Crypto
import FoundationEssentials

/// AES-256-GCM from swift-crypto. The sealed form is
/// nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
public enum AESGCM {
    public enum Failure: Error, Equatable {
        case badKey
        case malformed
        case authenticationFailed
        /// The cipher itself failed (or a test injected a failure: `CryptoFaults`).
        case cipherError
    }

    public static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    public static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8] = []) throws(Failure) -> [UInt8] {
        guard key.count == keyLength else { throw .badKey }
        guard nonce.count == nonceLength else { throw .malformed }
        guard CryptoFaults.allows(.aesGCM) else { throw .cipherError }
        do {
            let box = try AES.GCM.seal(
                plaintext, using: SymmetricKey(data: key), nonce: AES.GCM.Nonce(data: nonce), authenticating: associatedData)
            return nonce + Array(box.ciphertext) + Array(box.tag)
        } catch {
            throw .cipherError
        }
    }

    public static func open(_ sealed: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(Failure) -> [UInt8] {
        guard key.count == keyLength else { throw .badKey }
        guard sealed.count >= nonceLength + tagLength else { throw .malformed }
        guard CryptoFaults.allows(.aesGCM) else { throw .cipherError }
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: sealed.prefix(nonceLength)),
                ciphertext: sealed.dropFirst(nonceLength).dropLast(tagLength),
                tag: sealed.suffix(tagLength))
        } catch {
            throw .malformed
        }
        do {
            return Array(try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: associatedData))
        } catch {
            // With the key, nonce and tag lengths checked above, the one way BoringSSL's
            // EVP_AEAD_CTX_open fails is a tag that does not match (swift-crypto reports it as
            // its wrapper's internal error on Linux, not as CryptoKitError.authenticationFailure).
            throw .authenticationFailed
        }
    }
}
