import MonbanQR
import MonbanTUI

/// Where the authenticator's QR code goes on a screen of a given size (TF-3).
///
/// The code follows ISO/IEC 18004 where the terminal allows it: error
/// correction M and a 4-module quiet zone, drawn beside the form. A terminal
/// too small for that (80×24 cannot hold a level-M code of an `otpauth://`
/// URI: 57 modules need 29 rows) gets the code full screen, the whole screen
/// light so the quiet zone runs to its edges: level M when it fits, else L (a
/// screen is a clean medium: error correction matters for damaged prints,
/// not for pixels), with as much quiet zone as fits, at least 2 modules.
enum QRPanel {
    static let formMinimumWidth = 32

    struct Plan: Equatable {
        var matrix: QRMatrix
        var quietZone: Int
        var extent: (width: Int, height: Int)
        /// Two spaces per module in reverse video, for terminals that draw ▀ ▄ █ two cells wide.
        var wide = false

        static func == (a: Plan, b: Plan) -> Bool { a.matrix == b.matrix && a.quietZone == b.quietZone }
    }

    /// The code beside the form, with the secret under it: level M, 4-module quiet zone.
    static func sideBySide(_ uri: String, width: Int, height: Int, wide: Bool = false) -> Plan? {
        guard let m = try? QREncoder.encode(uri, level: .M) else { return nil }
        let e = QRCodeView.extent(m, quietZone: 4, fallback: wide)
        // Header row above, secret line under, footer row at the bottom.
        guard width >= e.width + 3 + formMinimumWidth, height >= e.height + 3 else { return nil }
        return Plan(matrix: m, quietZone: 4, extent: e, wide: wide)
    }

    /// The code alone on the whole screen.
    static func fullScreen(_ uri: String, width: Int, height: Int, wide: Bool = false) -> Plan? {
        for level in [QREncoder.ErrorCorrection.M, .L] {
            guard let m = try? QREncoder.encode(uri, level: level) else { continue }
            for q in stride(from: 4, through: 2, by: -1) {
                let e = QRCodeView.extent(m, quietZone: q, fallback: wide)
                if e.width <= width, e.height <= height { return Plan(matrix: m, quietZone: q, extent: e, wide: wide) }
            }
        }
        return nil
    }
}

/// The encoder's symbol is what the kit's view draws.
extension QRMatrix: QRModules {}
