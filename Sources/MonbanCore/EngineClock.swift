import FoundationEssentials
import Synchronization

/// The engine's only source of time, injected so tests can move days forward.
public protocol EngineClock: Sendable {
    func now() -> Date
}

public struct SystemClock: EngineClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until moved: for tests and demos.
public final class ManualClock: EngineClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    public func advance(_ seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }

    public func advance(days: Double) { advance(days * 86_400) }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
