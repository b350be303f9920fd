import Dispatch
import MonbanCore
import MonbanTUI
import Synchronization

/// Opens the engine on first use, after the first screen is painted: start-up
/// does no database work. Right after the first paint the client starts opening
/// it on a thread of its own (`openInBackground`), so the first engine work usually
/// finds it open, and a database another process holds never stops the keys.
public final class EngineProvider {
    private let open: @Sendable () throws -> Engine
    private let loadDevice: () -> DeviceToken?
    private var engine: Engine?
    private var opening: BackgroundOpen?
    /// This terminal's device token (TF-4), read with the engine, after the first paint.
    public private(set) var device: DeviceToken?

    /// This terminal's name for the audit log (host and tty), read with the engine:
    /// nothing of it is needed before the first paint.
    public private(set) var terminalName: String?
    private let loadTerminalName: () -> String?

    public init(
        device: @escaping () -> DeviceToken? = { nil }, terminalName: @escaping () -> String? = { nil },
        _ open: @escaping @Sendable () throws -> Engine
    ) {
        self.open = open
        self.loadDevice = device
        self.loadTerminalName = terminalName
    }

    public init(engine: Engine, device: DeviceToken? = nil) {
        let opened = UncheckedEngine(engine)
        self.open = { opened.engine }
        self.loadDevice = { device }
        self.loadTerminalName = { nil }
        self.engine = engine
        self.device = device
    }

    public func get() throws -> Engine {
        if let engine { return engine }
        // An open already under way on its thread is waited for, not started twice.
        let e = try opening.map { try $0.wait() } ?? open()
        opening = nil
        engine = e
        device = loadDevice()
        terminalName = loadTerminalName()
        return e
    }

    /// The engine if it is open already (for reading the clock), without opening it.
    public var ifOpen: Engine? { engine }

    /// Starts opening the engine on a thread of its own (once; nothing when it is open).
    func openInBackground() {
        guard engine == nil, opening == nil else { return }
        opening = BackgroundOpen(open)
    }

    /// Whether `monban demo` made the database (issue 19 finding 1), read once it is open;
    /// nil when it did not open within `timeout` seconds or cannot be opened (the screen
    /// that needs it will say why).
    func demoMark(within timeout: Double) -> Bool? {
        if engine == nil {
            openInBackground()
            guard let opening, opening.isDone(within: timeout) else { return nil }
            guard (try? get()) != nil else { return nil }
        }
        guard let engine else { return nil }
        return (try? engine.isDemoDatabase()) == true
    }
}

/// An engine handed to a closure that may run on another thread; engines are used by one
/// thread at a time (the client's), which this does not change.
private struct UncheckedEngine: @unchecked Sendable {
    let engine: Engine
    init(_ engine: Engine) { self.engine = engine }
}

/// One opening of the engine on its own thread, its outcome read by the client's thread.
private final class BackgroundOpen: Sendable {
    private let outcome = Mutex<Result<UncheckedEngine, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ open: @escaping @Sendable () throws -> Engine) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let result = Result { UncheckedEngine(try open()) }
            outcome.withLock { $0 = result }
            done.signal()
        }
    }

    /// Whether the opening has finished, waiting at most `timeout` seconds.
    func isDone(within timeout: Double) -> Bool {
        if outcome.withLock({ $0 != nil }) { return true }
        guard done.wait(timeout: .now() + timeout) == .success else { return false }
        done.signal()
        return true
    }

    /// The opened engine, or the reason it did not open; waits as long as the opening takes.
    func wait() throws -> Engine {
        while true {
            if let result = outcome.withLock({ $0 }) { return try result.get().engine }
            done.wait()
            done.signal()
        }
    }
}
