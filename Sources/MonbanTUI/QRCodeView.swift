/// A QR symbol's modules as the view reads them (the encoder lives elsewhere): `size` × `size`,
/// true = dark, every module outside the symbol light.
public protocol QRModules {
    var size: Int { get }
    subscript(x: Int, y: Int) -> Bool { get }
}

/// Draws a QR code in text (SPEC TF-3).
///
/// Half-block mode (the default): each character cell holds two modules, one
/// above the other — "█" both dark, "▀" top dark, "▄" bottom dark, " " neither
/// — with the quiet zone (4 modules) around the symbol. A terminal draws a
/// block character in the foreground colour, so every cell is drawn in
/// `Style.qr`, which the terminal maps to black on white: dark modules on a
/// light ground whatever the terminal's colours.
///
/// Fallback mode, for terminals that draw ▀ ▄ █ two cells wide: each module is
/// two spaces wide and one row high; dark modules are spaces in reverse video
/// of `Style.qr` (black), light ones plain `Style.qr` spaces (white).
public enum QRCodeView {
    /// The half-block rendering, quiet zone included: `ceil((size + 2q) / 2)`
    /// lines of `size + 2q` columns each (trailing spaces kept).
    public static func lines(_ m: some QRModules, quietZone: Int = 4) -> [String] {
        let q = max(0, quietZone)
        let n = m.size + 2 * q
        var result: [String] = []
        result.reserveCapacity((n + 1) / 2)
        var row = 0
        while row < n {
            var line = ""
            line.reserveCapacity(n * 3)
            for col in 0..<n {
                let top = m[col - q, row - q]
                let bottom = row + 1 < n && m[col - q, row + 1 - q]
                line.append(top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " "))
            }
            result.append(line)
            row += 2
        }
        return result
    }

    /// The columns and rows `draw` covers.
    public static func extent(_ m: some QRModules, quietZone: Int = 4, fallback: Bool = false) -> (width: Int, height: Int) {
        let n = m.size + 2 * max(0, quietZone)
        return fallback ? (2 * n, n) : (n, (n + 1) / 2)
    }

    /// Draws the code, quiet zone included, with its top-left corner at (x, y).
    /// Only the rectangle given by `extent` changes (clipped to the canvas).
    public static func draw(
        _ m: some QRModules, into canvas: inout Canvas, x: Int, y: Int, fallback: Bool = false, quietZone: Int = 4
    ) {
        if !fallback {
            for (i, line) in lines(m, quietZone: quietZone).enumerated() {
                canvas.put(line, x: x, y: y + i, style: .qr)
            }
            return
        }
        let q = max(0, quietZone)
        let n = m.size + 2 * q
        let dark = Style(.qr, reverse: true)
        for row in 0..<n where y + row >= 0 && y + row < canvas.height {
            for col in 0..<n where x + 2 * col + 1 >= 0 && x + 2 * col < canvas.width {
                // Clipped here: Canvas.fill traps on a rectangle wholly off the canvas.
                canvas.fill(x: x + 2 * col, y: y + row, width: 2, height: 1, style: m[col - q, row - q] ? dark : .qr)
            }
        }
    }

    /// A base32 secret in groups of four for reading aloud or typing:
    /// "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP". Spaces and padding ("=")
    /// in the input are dropped; letters are upper-cased.
    public static func groupedSecret(_ base32: String) -> String {
        let chars = base32.filter { $0 != " " && $0 != "=" && $0 != "-" }.uppercased()
        var out = ""
        for (i, c) in chars.enumerated() {
            if i > 0, i % 4 == 0 { out.append(" ") }
            out.append(c)
        }
        return out
    }
}
