import CNcursesw
import MonbanTUI
import XCTest

@testable import MonbanTerminal

/// UI-2: keys as curses delivers them, decoded into `KeyEvent`s.
final class InputDecoderTests: XCTestCase {
    let start: Int32 = KEY_MAX + 0x200
    let end: Int32 = KEY_MAX + 0x201

    /// Decodes a scripted sequence of reads until it runs out.
    func decode(_ raws: [RawKey]) -> [InputEvent] {
        var queue = raws[...]
        var decoder = InputDecoder(pasteStart: start, pasteEnd: end)
        decoder.extendedName = { $0 == KEY_MAX + 7 ? "kRIT5" : $0 == KEY_MAX + 8 ? "kxIN" : nil }
        var out: [InputEvent] = []
        while let e = decoder.next(timeoutMs: 200, read: { _ in queue.popFirst() }, interrupted: { false }) {
            out.append(e)
        }
        return out
    }

    func keys(_ raws: [RawKey]) -> [KeyEvent] {
        decode(raws).compactMap { if case .key(let k) = $0 { k } else { nil } }
    }

    func chars(_ s: String) -> [RawKey] { s.unicodeScalars.map { .char($0.value) } }

    func testPrintableAndJapanese() {
        XCTAssertEqual(keys(chars("aZ ログ")), ["a", "Z", " ", "ロ", "グ"].map { KeyEvent.character(Character($0)) })
    }

    func testControlKeys() {
        XCTAssertEqual(keys([.char(9), .char(10), .char(13), .char(8), .char(127), .char(1), .char(26), .char(0), .char(28)]),
                       [.tab, .enter, .enter, .backspace, .backspace, .control("a"), .control("z")])
    }

    func testKeyCodes() {
        let codes: [(Int32, KeyEvent)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home),
            (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_BACKSPACE, .backspace),
            (KEY_DC, .delete), (KEY_IC, .insert), (KEY_ENTER, .enter), (KEY_BTAB, .backTab),
            (shim_key_f(1), .function(1)), (shim_key_f(12), .function(12)), (KEY_MAX + 7, .right),
        ]
        XCTAssertEqual(keys(codes.map { .code($0.0) }), codes.map(\.1))
        XCTAssertEqual(keys([.code(shim_key_f(13)), .code(KEY_MAX + 8), .code(KEY_MOUSE)]), [])
    }

    func testResize() {
        XCTAssertEqual(decode([.char(97), .code(KEY_RESIZE)]), [.key(.character("a")), .resize])
    }

    func testEscapeAloneAltAndUnknownSequences() {
        // ESC then nothing: Escape.
        XCTAssertEqual(keys([.char(27)]), [.escape])
        // ESC x at once: Alt+x delivers x.
        XCTAssertEqual(keys([.char(27), .char(120)]), [.character("x")])
        // ESC ESC: two escapes.
        XCTAssertEqual(keys([.char(27), .char(27)]), [.escape, .escape])
        // Unknown CSI (ESC [ 1 ; 9 Z) and SS3 (ESC O q) are swallowed.
        XCTAssertEqual(keys([.char(27)] + chars("[1;9Z") + [.char(27)] + chars("Oqb")), [.character("b")])
        // ESC before a paste.
        XCTAssertEqual(keys([.char(27), .code(start)] + chars("hi") + [.code(end)]), [.escape, .paste("hi")])
    }

    /// Issue 20 item 6 (UI-2): Home and End as tmux and screen send them under
    /// TERM=xterm-256color, and the other editing keys curses may not know for a TERM.
    func testEditingKeysCursesDidNotDecode() {
        let sequences: [(String, KeyEvent)] = [
            ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home), ("[1;5H", .home),
            ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end), ("[1;2F", .end),
            ("[5~", .pageUp), ("[6~", .pageDown), ("[3~", .delete), ("[2~", .insert),
            ("[A", .up), ("OB", .down), ("[1;5C", .right), ("OD", .left), ("[Z", .backTab),
        ]
        for (sequence, key) in sequences {
            XCTAssertEqual(keys([.char(27)] + chars(sequence) + chars("x")), [key, .character("x")], sequence)
        }
        // Unknown ones stay swallowed whole.
        XCTAssertEqual(keys([.char(27)] + chars("[99~x") + [.char(27)] + chars("[1;9Z") + [.char(27)] + chars("Oqy")),
                       [.character("x"), .character("y")])
    }

    func testPasteCollectsLinesAsOneEvent() {
        let raws: [RawKey] = [.char(97), .code(start)] + chars("line1\r\nline2\rline3\nx\ty") + [.char(27), .code(KEY_UP), .code(end), .char(98)]
        XCTAssertEqual(keys(raws), [.character("a"), .paste("line1\nline2\nline3\nx\ty"), .character("b")])
    }

    func testPasteCappedAtLimit() {
        let raws: [RawKey] = [.code(start)] + Array(repeating: RawKey.char(0x3042), count: InputDecoder.pasteLimit + 50) + [.code(end)]
        guard case .paste(let text)? = keys(raws).first else { return XCTFail("no paste") }
        XCTAssertEqual(text.count, InputDecoder.pasteLimit)
    }

    func testPasteWithoutEndMarkerEnds() {
        // The reads run out: the decoder gives up after its idle polls.
        XCTAssertEqual(keys([.code(start)] + chars("abc")), [.paste("abc")])
        // An empty paste is no event.
        XCTAssertEqual(keys([.code(start), .code(end)]), [])
    }

    func testStrayPasteEndIgnored() {
        XCTAssertEqual(keys([.code(end), .char(99)]), [.character("c")])
    }

    func testPaletteMonochromeUsesAttributesOnly() {
        let mono = Palette.make(color: false)
        XCTAssertTrue(mono.pairs.allSatisfy { $0 == 0 })
        XCTAssertEqual(mono.look(.focus).0 & shim_a_reverse(), shim_a_reverse())
        XCTAssertEqual(mono.look(.link).0 & shim_a_underline(), shim_a_underline())
        XCTAssertEqual(mono.look(.title).0 & shim_a_bold(), shim_a_bold())
        XCTAssertEqual(mono.look(.muted).0 & shim_a_dim(), shim_a_dim())
        let color = Palette.make(color: true)
        XCTAssertNotEqual(color.look(.error).1, 0)
        XCTAssertEqual(color.look(Style(.normal, reverse: true)).0 & shim_a_reverse(), shim_a_reverse())
    }

    /// Issue 20 item 11 (TF-3): without colour the QR code is still dark on light. Its light
    /// cells (the quiet zone, a half block's empty half) are the terminal's foreground through
    /// reverse video; its dark ones the terminal's background, in both renderings.
    func testQRCodeIsDarkOnLightWithoutColour() {
        let mono = Palette.make(color: false)
        XCTAssertEqual(mono.look(.qr).0 & shim_a_reverse(), shim_a_reverse(), "light ground: reverse video")
        XCTAssertEqual(mono.look(Style(.qr, reverse: true)).0 & shim_a_reverse(), 0, "the fallback's dark module")
        XCTAssertEqual(mono.look(Style(.focus, reverse: true)).0 & shim_a_reverse(), shim_a_reverse(), "others unchanged")
        let color = Palette.make(color: true)
        XCTAssertEqual(color.look(.qr).0 & shim_a_reverse(), 0, "colour: black on white by its pair")
        XCTAssertNotEqual(color.look(.qr).1, 0)
        XCTAssertEqual(color.look(Style(.qr, reverse: true)).0 & shim_a_reverse(), shim_a_reverse())
    }

    func testLinuxConsoleDetection() {
        let old = getenv("TERM").map { String(cString: $0) }
        defer { if let old { setenv("TERM", old, 1) } else { unsetenv("TERM") } }
        setenv("TERM", "linux", 1)
        XCTAssertTrue(TerminalRuntime.isLinuxConsole)
        setenv("TERM", "xterm-256color", 1)
        XCTAssertFalse(TerminalRuntime.isLinuxConsole)
    }

    func testNotATerminal() {
        // Under `swift test` stdin is usually not a terminal; skip otherwise.
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else { return }
        struct Nothing: TerminalProgram {
            mutating func handle(_ event: KeyEvent) -> LoopControl { .quit }
            mutating func performWork() -> LoopControl { .quit }
            func render(into canvas: inout Canvas) {}
        }
        var program = Nothing()
        XCTAssertThrowsError(try TerminalRuntime.run(&program, options: TerminalOptions())) {
            XCTAssertEqual($0 as? TerminalError, .notATerminal)
        }
    }
}
