import Glibc
import CNcursesw
import MonbanTUI

/// How the terminal is driven.
public struct TerminalOptions: Sendable {
    /// Colours for style roles. Even when true, a terminal without colours
    /// gets the monochrome look (attributes only).
    public var useColor: Bool
    /// Kiosk: Ctrl-C, Ctrl-Z and Ctrl-\ do nothing (SIGINT, SIGTSTP, SIGQUIT
    /// ignored). SIGTERM and SIGHUP still end the program cleanly.
    public var ignoreInterrupts: Bool
    /// Seconds without a key (or paste) after which `onIdle` is called; nil:
    /// never. Called again after each further period without a key.
    public var idleTimeout: Double?
    /// Called once, right after the first screen is drawn and before anything else
    /// (the release client's deferred CoreFoundation set-up; issue 9).
    public var afterFirstPaint: (@Sendable () -> Void)?
    /// Whether to ask the terminal, after the first paint, how wide it draws ▀ (issue 22
    /// item 4); the answer goes to `TerminalProgram.measuredBlockWidth`.
    public var measureBlockWidth = true

    /// `useColor` defaults to true unless `NO_COLOR` is set to a non-empty value.
    public init(useColor: Bool = TerminalOptions.colorByDefault, ignoreInterrupts: Bool = false, idleTimeout: Double? = nil) {
        self.useColor = useColor
        self.ignoreInterrupts = ignoreInterrupts
        self.idleTimeout = idleTimeout
    }

    /// False when the environment has a non-empty `NO_COLOR`.
    public static var colorByDefault: Bool {
        guard let value = getenv("NO_COLOR") else { return true }
        return value.pointee == 0
    }
}

public enum TerminalError: Error, CustomStringConvertible, Equatable {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// curses could not start on this terminal type (TERM unset or unknown).
    case unsupportedTerminal(String)
    /// This terminal type cannot move the cursor (TERM=dumb): no screen can be drawn on it.
    case cannotPlaceCursor(String)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal"
        case .unsupportedTerminal(let term): "cannot drive terminal type \"\(term)\" (check TERM)"
        case .cannotPlaceCursor(let term):
            "terminal type \"\(term)\" cannot move the cursor, which the full-screen client needs: "
                + "set TERM to the terminal's own type (for example xterm-256color, or linux on the console)"
        }
    }
}

/// The full-screen loop (UI-2, UI-3, UI-5): wide-character curses, keys
/// decoded into `KeyEvent`s, canvases drawn by difference, the terminal
/// restored on every way out.
public enum TerminalRuntime {
    /// True on the Linux virtual console (TERM=linux), which has few glyphs.
    public static var isLinuxConsole: Bool {
        guard let term = getenv("TERM") else { return false }
        return String(cString: term) == "linux"
    }

    /// Initialises the terminal, runs `program` until it returns `.quit`, and
    /// restores the terminal. `onIdle` is called (then the screen repainted)
    /// each time `options.idleTimeout` passes with no key.
    ///
    /// SIGINT (130), SIGTERM (143), SIGHUP (129) and SIGQUIT (131) restore the
    /// terminal and exit the process with that status; SIGTSTP suspends
    /// cleanly. Crashes restore the terminal before the default action.
    public static func run<P: TerminalProgram>(
        _ program: inout P, options: TerminalOptions, onIdle: ((inout P) -> Void)? = nil
    ) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        setUpLocale()

        SignalState.saveOriginal()
        let screen: CursesScreen
        do {
            screen = try CursesScreen(useColor: options.useColor, bracketedPaste: !isLinuxConsole)
        } catch {
            SignalState.uninstall()
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            if case TerminalSetupError.cannotPlaceCursor = error { throw TerminalError.cannotPlaceCursor(term) }
            throw TerminalError.unsupportedTerminal(term)
        }
        SignalState.install(ignoreInterrupts: options.ignoreInterrupts)

        var firstPaintHook = options.afterFirstPaint
        func paint() {
            let (width, height) = screen.size
            var canvas = Canvas(width: width, height: height)
            program.render(into: &canvas)
            screen.draw(canvas)
            if let first = firstPaintHook {
                firstPaintHook = nil
                first()
            }
            screen.prepareInput()
        }

        /// Acts on flags set by signal handlers.
        func serviceSignals() {
            let sig = pendingTerminate
            if sig != 0 {
                screen.end(clear: true)
                SignalState.uninstall()
                exit(128 + sig)
            }
            if pendingStop != 0 {
                pendingStop = 0
                screen.suspend()
                pendingContinue = 0
                paint()
            }
            if pendingContinue != 0 {
                pendingContinue = 0
                screen.resumed()
                paint()
            }
        }

        let idle: Duration? = options.idleTimeout.flatMap { $0 > 0 ? .milliseconds(Int64($0 * 1000)) : nil }
        let clock = ContinuousClock()
        var lastKey = clock.now
        var lastTick = clock.now
        var quickEmptyReads = 0

        /// Paints, does the work the program asks for, and reports whether it quit.
        func drive(_ first: LoopControl) -> Bool {
            var control = first
            while true {
                switch control {
                case .quit:
                    screen.end(clear: true)
                    SignalState.uninstall()
                    return true
                case .continue:
                    paint()
                    return false
                case .work:
                    paint()
                    inWork = 1
                    control = program.performWork()
                    inWork = 0
                    serviceSignals()
                }
            }
        }

        // The program learns the size first, then the first paint, then any work
        // waiting from the start (`monban open URL`).
        let (startWidth, startHeight) = screen.size
        _ = program.handle(.resize(width: startWidth, height: startHeight))
        if drive(program.startControl) { return }
        screen.prepareInput()
        // After the first paint, never before it: how wide the terminal draws ▀, answered
        // through the key input below, or never (issue 22 item 4, PK-1). Nothing waits for it.
        var probeRow: Int? = options.measureBlockWidth ? screen.sendBlockProbe() : nil
        var decoder = InputDecoder(pasteStart: screen.pasteStart, pasteEnd: screen.pasteEnd)
        decoder.extendedName = CursesScreen.keyName
        while true {
            serviceSignals()
            var poll: Int32 = 200
            if let every = program.tickInterval {
                // A program that ticks faster than the poll (a check done in slices) gets its ticks.
                poll = min(poll, Int32(max(1, min(200, (every * 1000).rounded(.up)))))
            }
            if let idle, onIdle != nil {
                let left = idle - (clock.now - lastKey)
                let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                poll = Int32(max(10, min(200, ms)))
            }
            let asked = clock.now
            guard
                let input = decoder.next(
                    timeoutMs: poll, read: { screen.readRaw(timeoutMs: $0) },
                    interrupted: { pendingTerminate != 0 || pendingStop != 0 })
            else {
                // A read that returns at once, again and again, with nothing: the terminal
                // may be gone without a SIGHUP reaching us (a kiosk whose console went
                // away). Leave as on SIGHUP rather than spin.
                if clock.now - asked < .milliseconds(Int64(poll) / 4) {
                    quickEmptyReads += 1
                    if quickEmptyReads >= 50 {
                        quickEmptyReads = 0
                        if terminalHungUp() {
                            SignalState.uninstall()
                            exit(128 + SIGHUP)
                        }
                    }
                } else {
                    quickEmptyReads = 0
                }
                if let idle, let onIdle, clock.now - lastKey >= idle {
                    onIdle(&program)
                    paint()
                    lastKey = clock.now
                }
                if let every = program.tickInterval, clock.now - lastTick >= .milliseconds(Int64(every * 1000)) {
                    lastTick = clock.now
                    if drive(program.tick()) { return }
                }
                continue
            }

            let event: KeyEvent
            switch input {
            case .key(let key):
                event = key
                lastKey = clock.now
            case .resize:
                let (width, height) = screen.size
                event = .resize(width: width, height: height)
                screen.invalidate(clear: true)
            case .cursorReport(let row, let column):
                // Only the first answer on the probe's row counts; the glyph was at column 1.
                guard let asked = probeRow, row == asked, column >= 2 else { continue }
                probeRow = nil
                if drive(program.measuredBlockWidth(column - 1)) { return }
                continue
            }

            if drive(program.handle(event)) { return }
        }
    }

    /// Whether standard input's terminal has hung up (its other end closed).
    static func terminalHungUp() -> Bool {
        var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let n = Glibc.poll(&fds, 1, 0)
        if n < 0 { return errno != EINTR }
        return fds.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 || isatty(STDIN_FILENO) != 1
    }

    /// UTF-8 is needed for Japanese; kiosks often have no LANG at all.
    ///
    /// Only the categories anything here reads come from the environment: the character
    /// set (curses, wcwidth) and messages (strerror). Dates, numbers and collation are
    /// never formatted or compared through the C library; each further category costs
    /// a file to find and map before the first paint (LC_ALL: ≈ 0.1 ms more).
    static func setUpLocale() {
        setlocale(LC_CTYPE, "")
        setlocale(LC_MESSAGES, "")
        if shim_codeset_is_utf8() == 0 {
            for fallback in ["C.UTF-8", "en_US.UTF-8"] where setlocale(LC_CTYPE, fallback) != nil {
                setlocale(LC_MESSAGES, fallback)
                break
            }
        }
        // Number formatting and parsing stay locale-independent (LC_NUMERIC is never set from the environment).
    }
}
