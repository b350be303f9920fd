import CQrencode
import Glibc

/// A QR symbol's modules, without the quiet zone: `size` × `size`, true = dark.
public struct QRMatrix: Sendable, Equatable {
    public let size: Int
    /// Row-major, `size * size` entries.
    public let modules: [Bool]

    public init(size: Int, modules: [Bool]) {
        precondition(size >= 0 && modules.count == size * size, "QRMatrix: modules must be size × size")
        self.size = size
        self.modules = modules
    }

    /// Whether the module at column `x`, row `y` is dark. Outside the symbol
    /// (the quiet zone and beyond) every module is light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}

/// Encodes text as a QR code with libqrencode (SPEC TF-3): byte mode, the
/// smallest version that fits. No QR encoding is done here.
public enum QREncoder {
    /// Whether libqrencode can be loaded (loads it when it is not loaded yet): `monban doctor` (PK-1).
    public static var isAvailable: Bool { lq_available() != 0 }

    public enum ErrorCorrection: Sendable {
        case L, M, Q, H

        var c: QRecLevel {
            switch self {
            case .L: QR_ECLEVEL_L
            case .M: QR_ECLEVEL_M
            case .Q: QR_ECLEVEL_Q
            case .H: QR_ECLEVEL_H
            }
        }
    }

    public enum Failure: Error, Equatable {
        /// The text does not fit in the largest QR version (40) at this level.
        case tooLong
        /// libqrencode failed otherwise (errno).
        case encoding(errno: Int32)
    }

    /// Encodes the UTF-8 bytes of `text` in 8-bit mode (the text may hold any
    /// characters, NUL included).
    public static func encode(_ text: String, level: ErrorCorrection = .M) throws -> QRMatrix {
        let bytes = Array(text.utf8)
        errno = 0
        let code: UnsafeMutablePointer<QRcode>? = bytes.withUnsafeBufferPointer { buf in
            lq_QRcode_encodeData(Int32(buf.count), buf.baseAddress, 0, level.c)
        }
        guard let code else {
            let e = errno
            throw e == ERANGE ? Failure.tooLong : Failure.encoding(errno: e)
        }
        defer { lq_QRcode_free(code) }
        let size = Int(code.pointee.width)
        guard size > 0, let data = code.pointee.data else { throw Failure.encoding(errno: 0) }
        // Each byte describes one module; bit 0 is set for a dark module.
        var modules = [Bool](repeating: false, count: size * size)
        for i in 0..<(size * size) {
            modules[i] = data[i] & 1 != 0
        }
        return QRMatrix(size: size, modules: modules)
    }
}
