import FoundationEssentials
import MonbanCrypto

/// scrypt password hashing (PP-1 storage). Each hash carries its parameters,
/// so the cost can be raised later and old hashes still verify:
/// `$scrypt$ln=17,r=8,p=1$<salt base64>$<key base64>`.
public struct PasswordHasher: Sendable {
    public struct Cost: Sendable, Equatable {
        public var log2N: Int
        public var r: Int
        public var p: Int

        /// What the shipped binary uses: N = 2^17, r = 8, p = 1.
        public static let shipped = Cost(log2N: 17, r: 8, p: 1)
        /// Cheap, for tests only.
        public static let testing = Cost(log2N: 10, r: 8, p: 1)
    }

    public static let saltLength = 16
    public static let keyLength = 32

    public let cost: Cost
    private let random: any RandomSource

    public init(cost: Cost = .shipped, random: any RandomSource) {
        self.cost = cost
        self.random = random
    }

    public func hash(_ password: String) throws(EngineError) -> String {
        let salt = try random.bytes(Self.saltLength)
        let key = try Self.key(password, salt: salt, cost: cost)
        return "$scrypt$ln=\(cost.log2N),r=\(cost.r),p=\(cost.p)$"
            + Data(salt).base64EncodedString() + "$" + Data(key).base64EncodedString()
    }

    /// Checks `password` against a stored hash in constant time. A malformed
    /// hash never matches. When scrypt itself fails, nothing is known about the
    /// password: that is `.cryptoUnavailable`, never a wrong password (LK-1 counts
    /// only wrong ones).
    public func verify(_ password: String, against stored: String) throws(EngineError) -> Bool {
        guard let parsed = Self.parse(stored) else { return false }
        do {
            return ConstantTime.equals(try Self.derive(password, salt: parsed.salt, cost: parsed.cost), parsed.key)
        } catch .invalidParameters {
            return false  // parameters RFC 7914 does not allow: a malformed hash
        } catch {
            throw .cryptoUnavailable
        }
    }

    /// Spends the time of one verification, for sign-ins of unknown addresses,
    /// so that timing does not tell which addresses exist (LG-2). Fails as `verify`
    /// does, so a failing scrypt does not tell them apart either.
    public func burn(_ password: String) throws(EngineError) {
        let key = try Self.key(password, salt: [UInt8](repeating: 0x5A, count: Self.saltLength), cost: cost)
        guard key.count == Self.keyLength else { throw .cryptoUnavailable }
    }

    /// Whether a stored hash was made with a lower cost than the current one.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = Self.parse(stored) else { return true }
        return parsed.cost.log2N < cost.log2N || parsed.cost.r < cost.r || parsed.cost.p < cost.p
    }

    static func derive(_ password: String, salt: [UInt8], cost: Cost) throws(Scrypt.Failure) -> [UInt8] {
        try Scrypt.derive(
            password: Array(password.utf8), salt: salt,
            n: UInt64(1) << UInt64(cost.log2N), r: UInt64(cost.r), p: UInt64(cost.p), length: keyLength)
    }

    /// `derive` at this hasher's own cost, where any failure is the service's.
    static func key(_ password: String, salt: [UInt8], cost: Cost) throws(EngineError) -> [UInt8] {
        do { return try derive(password, salt: salt, cost: cost) } catch { throw .cryptoUnavailable }
    }

    struct Parsed {
        var cost: Cost
        var salt: [UInt8]
        var key: [UInt8]
    }

    static func parse(_ stored: String) -> Parsed? {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
        var values: [String: Int] = [:]
        for item in parts[2].split(separator: ",") {
            let kv = item.split(separator: "=")
            guard kv.count == 2, let v = Int(kv[1]) else { return nil }
            values[String(kv[0])] = v
        }
        guard let ln = values["ln"], let r = values["r"], let p = values["p"],
              (1...24).contains(ln), (1...64).contains(r), (1...16).contains(p),
              let salt = Data(base64Encoded: String(parts[3])),
              let key = Data(base64Encoded: String(parts[4])), key.count == keyLength
        else { return nil }
        return Parsed(cost: Cost(log2N: ln, r: r, p: p), salt: Array(salt), key: Array(key))
    }
}
