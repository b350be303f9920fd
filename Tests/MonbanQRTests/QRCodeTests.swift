import MonbanQR
import MonbanTUI
import MonbanUI
import XCTest
import TestSupport

final class QRCodeTests: XCTestCase {
    static let uri =
        "otpauth://totp/%E3%81%8A%E3%81%BE%E3%81%8B%E3%81%9B:keiyaku@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%E3%81%8A%E3%81%BE%E3%81%8B%E3%81%9B&algorithm=SHA1&digits=6&period=30"

    func testEncodeGivesASquareSymbolOfAValidVersion() throws {
        let m = try QREncoder.encode(Self.uri, level: .M)
        XCTAssertGreaterThanOrEqual(m.size, 21)
        XCTAssertEqual((m.size - 17) % 4, 0, "size \(m.size) is not 17 + 4·version")
        // Finder pattern corners: the top-left 7×7 ring is dark, its centre dark,
        // the ring inside it light.
        XCTAssertTrue(m[0, 0])
        XCTAssertTrue(m[6, 6])
        XCTAssertFalse(m[1, 1])
        XCTAssertTrue(m[3, 3])
        XCTAssertFalse(m[-1, 0], "outside the symbol is light")
        XCTAssertFalse(m[m.size, 0])
    }

    func testHalfBlockTextDecodesWithZbar() throws {
        let m = try QREncoder.encode(Self.uri, level: .M)
        let lines = QRCodeView.lines(m)
        // As a screen capture would have it: trailing spaces trimmed.
        let captured = lines.map { line -> String in
            var l = line
            while l.last == " " { l.removeLast() }
            return l
        }
        let decoded = try ZbarDecode.decode(ZbarDecode.modules(halfBlockLines: captured))
        XCTAssertEqual(decoded, Self.uri)
    }

    func testHalfBlockLinesShapeAndCharacters() throws {
        let m = try QREncoder.encode(Self.uri, level: .M)
        let lines = QRCodeView.lines(m)
        let n = m.size + 8
        XCTAssertEqual(lines.count, (n + 1) / 2)
        for line in lines {
            XCTAssertEqual(line.count, n)
            XCTAssertEqual(DisplayWidth.of(line), n)
            XCTAssertTrue(line.allSatisfy { " ▀▄█".contains($0) }, line)
        }
        // Module (0, 0) of the symbol (dark) sits at column 4 of text row 2, top half.
        let row2 = Array(lines[2])
        XCTAssertTrue(row2[4] == "█" || row2[4] == "▀")
    }

    func testQuietZone() throws {
        let m = try QREncoder.encode(Self.uri, level: .M)
        let lines = QRCodeView.lines(m)
        XCTAssertTrue(lines[0].allSatisfy { $0 == " " })
        XCTAssertTrue(lines[1].allSatisfy { $0 == " " })
        for line in lines {
            XCTAssertEqual(String(line.prefix(4)), "    ")
            XCTAssertEqual(String(line.suffix(4)), "    ")
        }
        // Bottom: 4 light module rows after the symbol (size is odd, so the last
        // text row's lower half is outside the zone and light too).
        XCTAssertTrue(lines[lines.count - 1].allSatisfy { $0 == " " })
        XCTAssertTrue(lines[lines.count - 2].allSatisfy { $0 == " " })
        // A different quiet zone.
        let none = QRCodeView.lines(m, quietZone: 0)
        XCTAssertEqual(none.count, (m.size + 1) / 2)
        XCTAssertEqual(none[0].first, "█", "module (0,0) and (0,1) are both dark")
    }

    func testFallbackReverseVideoDecodesWithZbar() throws {
        let m = try QREncoder.encode(Self.uri, level: .M)
        let n = m.size + 8
        var canvas = Canvas(width: 2 * n + 10, height: n + 6)
        let (ox, oy) = (5, 3)
        QRCodeView.draw(m, into: &canvas, x: ox, y: oy, fallback: true)
        XCTAssertEqual(QRCodeView.extent(m, fallback: true).width, 2 * n)
        XCTAssertEqual(QRCodeView.extent(m, fallback: true).height, n)
        // Every QR cell is a space in the QR style; dark = reverse video.
        for y in oy..<(oy + n) {
            for x in ox..<(ox + 2 * n) {
                XCTAssertEqual(canvas[x, y].character, " ")
                XCTAssertEqual(canvas[x, y].style.role, .qr)
                XCTAssertEqual(canvas[x, y].style.reverse, canvas[x - (x - ox) % 2, y].style.reverse,
                               "both cells of a module agree")
            }
        }
        let modules = ZbarDecode.modules(width: 2 * n, height: n) { x, y in canvas[ox + x, oy + y].style.reverse }
        XCTAssertEqual(try ZbarDecode.decode(modules), Self.uri)
        // The quiet zone: no reverse video in the first 4 module rows/columns.
        XCTAssertFalse(modules[0..<4].joined().contains(true))
        XCTAssertFalse(modules.contains { $0[0..<4].contains(true) })
        XCTAssertTrue(modules[4][4], "module (0, 0) is dark")
    }

    func testDrawIntoCanvasAtAnOffsetChangesOnlyTheRectangle() throws {
        let m = try QREncoder.encode(Self.uri, level: .M)
        XCTAssertEqual(DisplayWidth.of("▀" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("▄" as Character), 1)
        XCTAssertEqual(DisplayWidth.of("█" as Character), 1)

        var canvas = Canvas(width: 80, height: 40)
        // Something around it, to see it is left alone.
        for y in 0..<40 { canvas.put(String(repeating: "x", count: 80), x: 0, y: y, style: .muted) }
        let before = canvas
        let (ox, oy) = (7, 3)
        let (w, h) = QRCodeView.extent(m)
        XCTAssertLessThanOrEqual(ox + w, 80, "test URI's code must fit 80 columns")
        XCTAssertLessThanOrEqual(oy + h, 40)
        QRCodeView.draw(m, into: &canvas, x: ox, y: oy)

        let lines = QRCodeView.lines(m)
        XCTAssertEqual(h, lines.count)
        XCTAssertEqual(w, lines[0].count)
        for y in 0..<40 {
            for x in 0..<80 {
                let inside = x >= ox && x < ox + w && y >= oy && y < oy + h
                if inside {
                    let expected = Array(lines[y - oy])[x - ox]
                    XCTAssertEqual(canvas[x, y].character, expected, "(\(x), \(y))")
                    XCTAssertEqual(canvas[x, y].style, Style.qr)
                } else {
                    XCTAssertEqual(canvas[x, y], before[x, y], "(\(x), \(y)) outside the code changed")
                }
            }
        }
        // The canvas's text rows decode too (as a screen capture would).
        let text = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
        let captured = text[oy..<(oy + h)].map { String(Array($0)[ox..<(ox + w)]) }
        XCTAssertEqual(try ZbarDecode.decode(ZbarDecode.modules(halfBlockLines: captured)), Self.uri)
    }

    func testDrawClipsAtTheCanvasEdge() throws {
        let m = try QREncoder.encode("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", level: .M)
        var canvas = Canvas(width: 20, height: 8)
        QRCodeView.draw(m, into: &canvas, x: 10, y: 4)
        QRCodeView.draw(m, into: &canvas, x: -5, y: -5, fallback: true)
        XCTAssertEqual(canvas.width, 20)
        XCTAssertEqual(canvas.height, 8)
    }

    func testGroupedSecret() {
        XCTAssertEqual(QRCodeView.groupedSecret("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP")
        XCTAssertEqual(
            QRCodeView.groupedSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")
        XCTAssertEqual(QRCodeView.groupedSecret("JBSWY3DPEH"), "JBSW Y3DP EH")
        XCTAssertEqual(QRCodeView.groupedSecret("jbsw y3dp===="), "JBSW Y3DP")
        XCTAssertEqual(QRCodeView.groupedSecret(""), "")
        XCTAssertEqual(QRCodeView.groupedSecret("ABCD"), "ABCD")
    }

    /// The zbar helper does not pass by accident: a damaged rendering (top and
    /// bottom halves swapped) does not decode to the text.
    func testZbarRejectsADamagedRendering() throws {
        let m = try QREncoder.encode(Self.uri, level: .M)
        let swapped = QRCodeView.lines(m).map { line in
            String(line.map { $0 == "▀" ? "▄" : $0 == "▄" ? "▀" : $0 })
        }
        let decoded = try? ZbarDecode.decode(ZbarDecode.modules(halfBlockLines: swapped))
        XCTAssertNotEqual(decoded, Self.uri)
        XCTAssertThrowsError(try ZbarDecode.decode([[false]]), "nothing to find: zbarimg exits non-zero")
    }

    func testTooLongTextThrows() {
        let long = String(repeating: "A", count: 5000)
        XCTAssertThrowsError(try QREncoder.encode(long, level: .M))
    }
}
