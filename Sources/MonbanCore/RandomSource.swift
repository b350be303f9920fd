import FoundationEssentials
import MonbanCrypto
import Synchronization

/// The engine's only source of randomness, injected so tests can replay.
public protocol RandomSource: Sendable {
    func bytes(_ count: Int) throws(EngineError) -> [UInt8]
}

/// The kernel's CSPRNG (getentropy): what the shipped binary uses.
public struct SystemRandom: RandomSource {
    public init() {}
    public func bytes(_ count: Int) throws(EngineError) -> [UInt8] {
        do { return try SystemRandomBytes.bytes(count) } catch { throw .cryptoUnavailable }
    }
}

/// A deterministic generator (SplitMix64) for tests only: never for secrets.
public final class SeededRandom: RandomSource {
    private let seedState: Mutex<UInt64>

    public init(seed: UInt64) { seedState = Mutex(seed) }

    public func bytes(_ count: Int) throws(EngineError) -> [UInt8] {
        seedState.withLock { state in Self.next(count, &state) }
    }

    private static func next(_ count: Int, _ state: inout UInt64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            for i in 0..<8 where out.count < count { out.append(UInt8(truncatingIfNeeded: z >> (8 * UInt64(i)))) }
        }
        return out
    }
}
