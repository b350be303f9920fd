import Synchronization

/// The operations of this module that can fail, by name, so that a test can make one fail
/// as a broken library or an exhausted machine would (`@testable import MonbanCrypto`).
/// The shipped binary never sets a fault: each check is one uncontended lock.
enum CryptoFaults {
    enum Operation: Hashable, Sendable {
        case scrypt, aesGCM, random
    }

    private static let failing = Mutex<Set<Operation>>([])

    /// Makes `operations` fail until `clear()`.
    static func inject(_ operations: Set<Operation>) {
        failing.withLock { $0 = operations }
    }

    static func clear() {
        failing.withLock { $0 = [] }
    }

    static func allows(_ operation: Operation) -> Bool {
        failing.withLock { !$0.contains(operation) }
    }
}
