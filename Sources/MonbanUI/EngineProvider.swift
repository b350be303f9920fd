import MonbanCore
import MonbanTUI

/// Opens the engine on first use, after the first screen is painted: start-up
/// does no database or OpenSSL work.
public final class EngineProvider {
    private let open: () throws -> Engine
    private let loadDevice: () -> DeviceToken?
    private var engine: Engine?
    /// This terminal's device token (TF-4), read with the engine, after the first paint.
    public private(set) var device: DeviceToken?

    /// This terminal's name for the audit log (host and tty), read with the engine:
    /// nothing of it is needed before the first paint.
    public private(set) var terminalName: String?
    private let loadTerminalName: () -> String?

    public init(
        device: @escaping () -> DeviceToken? = { nil }, terminalName: @escaping () -> String? = { nil },
        _ open: @escaping () throws -> Engine
    ) {
        self.open = open
        self.loadDevice = device
        self.loadTerminalName = terminalName
    }

    public init(engine: Engine, device: DeviceToken? = nil) {
        self.open = { engine }
        self.loadDevice = { device }
        self.loadTerminalName = { nil }
        self.engine = engine
        self.device = device
    }

    public func get() throws -> Engine {
        if let engine { return engine }
        let e = try open()
        engine = e
        device = loadDevice()
        terminalName = loadTerminalName()
        return e
    }

    /// The engine if it is open already (for reading the clock), without opening it.
    public var ifOpen: Engine? { engine }
}
