/// What the terminal loop drives: the whole client as one value (state, update,
/// view). The terminal layer calls `handle` for each key, paints with `render`,
/// and, when asked, paints first and then calls `performWork` (slow work such
/// as a password check, so "確認中" shows while it runs).
public protocol TerminalProgram {
    mutating func handle(_ event: KeyEvent) -> LoopControl
    mutating func performWork() -> LoopControl
    func render(into canvas: inout Canvas)
    /// What to do right after the first paint: `.work` when something waits
    /// from the start (a link to open).
    var startControl: LoopControl { get }
    /// Seconds between calls of `tick` while no key is pressed, nil for none
    /// (a device-flow screen polls its provider this way).
    var tickInterval: Double? { get }
    /// Called every `tickInterval` seconds without a key; the screen is painted after.
    mutating func tick() -> LoopControl
    /// The terminal answered how many cells it draws the block glyph ▀ with (measured once,
    /// after the first paint; issue 22 item 4, PK-1). Not called when it does not answer.
    mutating func measuredBlockWidth(_ cells: Int) -> LoopControl
}

extension TerminalProgram {
    public var startControl: LoopControl { .continue }
    public var tickInterval: Double? { nil }
    public mutating func tick() -> LoopControl { .continue }
    public mutating func measuredBlockWidth(_ cells: Int) -> LoopControl { .continue }
}

public enum LoopControl: Sendable, Equatable {
    /// Paint and wait for the next key.
    case `continue`
    /// Paint, then call `performWork`.
    case work
    /// Restore the terminal and leave.
    case quit
}
