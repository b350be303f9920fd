import MonbanCore

/// Opens the engine on first use, after the first screen is painted: start-up
/// does no database or OpenSSL work.
public final class EngineProvider {
    private let open: () throws -> Engine
    private var engine: Engine?

    public init(_ open: @escaping () throws -> Engine) {
        self.open = open
    }

    public init(engine: Engine) {
        self.open = { engine }
        self.engine = engine
    }

    public func get() throws -> Engine {
        if let engine { return engine }
        let e = try open()
        engine = e
        return e
    }

    /// The engine if it is open already (for reading the clock), without opening it.
    public var ifOpen: Engine? { engine }
}
