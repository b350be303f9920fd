/// How a cell is drawn. The terminal maps roles to colours where it has them
/// and to attributes alone where it has not (or `NO_COLOR` is set).
public struct Style: Hashable, Sendable {
    public enum Role: UInt8, Sendable, CaseIterable {
        case normal, title, accent, error, note, focus, muted, success, inverse
        /// The QR code (SPEC TF-3): must be drawn black on white (foreground
        /// black, background white) whatever the terminal's own colours, so
        /// dark modules are dark on light. Keep it last: the raw values index
        /// the terminal's palette.
        case qr
    }

    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
    public static let title = Style(.title, bold: true)
    public static let error = Style(.error, bold: true)
    public static let note = Style(.note)
    public static let muted = Style(.muted)
    public static let focus = Style(.focus, reverse: true)
    public static let link = Style(.accent, underline: true)
    public static let success = Style(.success, bold: true)
    /// QR modules: black on white (see `Role.qr`).
    public static let qr = Style(.qr)
}
