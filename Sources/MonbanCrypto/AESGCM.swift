import CLibCrypto

/// AES-256-GCM through libcrypto's EVP interface. The sealed form is
/// nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
public enum AESGCM {
    public enum Failure: Error, Equatable {
        case badKey
        case malformed
        case authenticationFailed
        case cipherError
    }

    public static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    public static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8] = []) throws(Failure) -> [UInt8] {
        guard key.count == keyLength else { throw .badKey }
        guard nonce.count == nonceLength else { throw .malformed }
        guard let ctx = lc_EVP_CIPHER_CTX_new() else { throw .cipherError }
        defer { lc_EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: tagLength)
        var len: Int32 = 0
        var total: Int32 = 0
        guard lc_gcm_init(ctx, 1, nil, nil) == 1,
              lc_EVP_CIPHER_CTX_ctrl(ctx, shim_gcm_set_ivlen(), Int32(nonceLength), nil) == 1,
              lc_gcm_init(ctx, 1, key, nonce) == 1
        else { throw .cipherError }
        if !associatedData.isEmpty {
            guard lc_cipher_update(ctx, 1, nil, &len, associatedData, Int32(associatedData.count)) == 1 else { throw .cipherError }
        }
        let updated = out.withUnsafeMutableBufferPointer { o in
            lc_cipher_update(ctx, 1, o.baseAddress, &len, plaintext, Int32(plaintext.count))
        }
        guard updated == 1 else { throw .cipherError }
        total = len
        let finished = out.withUnsafeMutableBufferPointer { o in
            lc_cipher_final(ctx, 1, o.baseAddress! + Int(total), &len)
        }
        guard finished == 1 else { throw .cipherError }
        total += len
        let tagged = tag.withUnsafeMutableBytes { t in
            lc_EVP_CIPHER_CTX_ctrl(ctx, shim_gcm_get_tag(), Int32(tagLength), t.baseAddress)
        }
        guard tagged == 1 else { throw .cipherError }
        return nonce + out.prefix(Int(total)) + tag
    }

    public static func open(_ sealed: [UInt8], key: [UInt8], associatedData: [UInt8] = []) throws(Failure) -> [UInt8] {
        guard key.count == keyLength else { throw .badKey }
        guard sealed.count >= nonceLength + tagLength else { throw .malformed }
        let nonce = Array(sealed.prefix(nonceLength))
        var tag = Array(sealed.suffix(tagLength))
        let body = Array(sealed.dropFirst(nonceLength).dropLast(tagLength))
        guard let ctx = lc_EVP_CIPHER_CTX_new() else { throw .cipherError }
        defer { lc_EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: body.count + 16)
        var len: Int32 = 0
        guard lc_gcm_init(ctx, 0, nil, nil) == 1,
              lc_EVP_CIPHER_CTX_ctrl(ctx, shim_gcm_set_ivlen(), Int32(nonceLength), nil) == 1,
              lc_gcm_init(ctx, 0, key, nonce) == 1
        else { throw .cipherError }
        if !associatedData.isEmpty {
            guard lc_cipher_update(ctx, 0, nil, &len, associatedData, Int32(associatedData.count)) == 1 else { throw .cipherError }
        }
        let updated = out.withUnsafeMutableBufferPointer { o in
            lc_cipher_update(ctx, 0, o.baseAddress, &len, body, Int32(body.count))
        }
        guard updated == 1 else { throw .cipherError }
        let total = len
        let tagSet = tag.withUnsafeMutableBytes { t in
            lc_EVP_CIPHER_CTX_ctrl(ctx, shim_gcm_set_tag(), Int32(tagLength), t.baseAddress)
        }
        guard tagSet == 1 else { throw .cipherError }
        let finished = out.withUnsafeMutableBufferPointer { o in
            lc_cipher_final(ctx, 0, o.baseAddress! + Int(total), &len)
        }
        guard finished == 1 else { throw .authenticationFailed }
        return Array(out.prefix(Int(total + len)))
    }
}
