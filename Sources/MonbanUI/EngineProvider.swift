import MonbanCore

/// Opens the engine on first use, after the first screen is painted: start-up
/// does no database or OpenSSL work.
public final class EngineProvider {
    private let open: () throws -> Engine
    private let loadDevice: () -> DeviceToken?
    private var engine: Engine?
    /// This terminal's device token (TF-4), read with the engine, after the first paint.
    public private(set) var device: DeviceToken?

    public init(device: @escaping () -> DeviceToken? = { nil }, _ open: @escaping () throws -> Engine) {
        self.open = open
        self.loadDevice = device
    }

    public init(engine: Engine, device: DeviceToken? = nil) {
        self.open = { engine }
        self.loadDevice = { device }
        self.engine = engine
        self.device = device
    }

    public func get() throws -> Engine {
        if let engine { return engine }
        let e = try open()
        engine = e
        device = loadDevice()
        return e
    }

    /// The engine if it is open already (for reading the clock), without opening it.
    public var ifOpen: Engine? { engine }
}
