import CNcursesw
import MonbanTUI
import XCTest

@testable import MonbanTerminal

/// Issue 22 item 4 (PK-1): the terminal's answer to the cursor-position question is decoded
/// as a report, never as keys, and whatever surrounds it is still typed.
final class BlockProbeTests: XCTestCase {
    func decode(_ text: String) -> [InputEvent] {
        var queue = text.unicodeScalars.map { RawKey.char($0.value) }[...]
        var decoder = InputDecoder(pasteStart: KEY_MAX + 0x200, pasteEnd: KEY_MAX + 0x201)
        var out: [InputEvent] = []
        while let e = decoder.next(timeoutMs: 200, read: { _ in queue.popFirst() }, interrupted: { false }) {
            out.append(e)
        }
        return out
    }

    func testACursorReportIsNotAKey() {
        XCTAssertEqual(decode("a\u{1b}[24;3Rb"), [.key(.character("a")), .cursorReport(row: 24, column: 3), .key(.character("b"))])
    }

    func testOtherSequencesEndingInRAreStillSwallowed() {
        // "ESC [ R" and "ESC [ 1 R" carry no position.
        XCTAssertEqual(decode("\u{1b}[R\u{1b}[1Rx"), [.key(.character("x"))])
    }

    func testReportsAreFoundInARawAnswer() {
        let found = TerminalProbe.reports(in: Array("\u{1b}[5;2R\u{1b}[5;3Rjunk\u{1b}[12;2R".utf8))
        XCTAssertEqual(found.map(\.row), [5, 5, 12])
        XCTAssertEqual(found.map(\.column), [2, 3, 2])
    }

    func testTheClientProbeSavesAndRestoresTheCursor() {
        let probe = TerminalProbe.clientProbe(row: 24)
        XCTAssertTrue(probe.hasPrefix("\u{1b}7\u{1b}[24;1H▀\u{1b}[6n"), probe)
        XCTAssertTrue(probe.hasSuffix("\u{1b}8"), probe)
    }
}
