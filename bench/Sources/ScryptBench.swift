import Foundation
import MonbanCore
import MonbanCrypto

/// scrypt at the shipped cost through MonbanCrypto (swift-crypto's BoringSSL), one derivation
/// per line in milliseconds after a line with the key, for bench/scrypt_compare.py, which sets it beside OpenSSL's.
enum ScryptBench {
    static func run(count: Int) -> Int32 {
        let cost = PasswordHasher.Cost.shipped
        let salt = [UInt8](repeating: 0x5A, count: PasswordHasher.saltLength)
        func derive() throws -> [UInt8] {
            try Scrypt.derive(password: Array("Correct-Horse-7".utf8), salt: salt, n: 1 << UInt64(cost.log2N),
                              r: UInt64(cost.r), p: UInt64(cost.p), length: PasswordHasher.keyLength)
        }
        do {
            let reference = try derive()
            print("key " + reference.map { String(format: "%02x", $0) }.joined())
            for _ in 0..<max(1, count) {
                var key: [UInt8] = []
                let elapsed = try milliseconds { key = try derive() }
                guard key == reference else { throw Bench.Failure("scrypt gave two different keys") }
                print(String(format: "%.3f", elapsed))
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("monban-bench scrypt: \(error)\n".utf8))
            return 2
        }
    }
}
