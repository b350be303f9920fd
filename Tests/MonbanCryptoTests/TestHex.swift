import Foundation
import XCTest

/// Hex helpers shared by the crypto tests.
func hex(_ string: String) -> [UInt8] {
    let clean = string.filter { !$0.isWhitespace }
    precondition(clean.count % 2 == 0, "odd hex length")
    var out: [UInt8] = []
    out.reserveCapacity(clean.count / 2)
    var index = clean.startIndex
    while index < clean.endIndex {
        let next = clean.index(index, offsetBy: 2)
        out.append(UInt8(clean[index..<next], radix: 16)!)
        index = next
    }
    return out
}

func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}
