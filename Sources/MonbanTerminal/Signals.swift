import Glibc
import CNcursesw

// Signal handling (UI-5). Handlers only set flags, except where waiting for the
// loop would be wrong: during `performWork` (no curses call is in flight then,
// so restoring from the handler is safe), on a second terminating signal, and
// on crashes. The loop polls the flags every 200 ms (`wtimeout`), so SIGTERM
// works while it waits for a key.
//
// These globals are touched once in `SignalState.install` before any handler
// is installed, so a handler never runs a lazy initialiser.

/// A terminating signal waiting for the loop (0: none).
nonisolated(unsafe) var pendingTerminate: Int32 = 0
/// SIGTSTP waiting for the loop.
nonisolated(unsafe) var pendingStop: Int32 = 0
/// SIGCONT seen: repaint everything.
nonisolated(unsafe) var pendingContinue: Int32 = 0
/// 1 while the program's `performWork` runs.
nonisolated(unsafe) var inWork: Int32 = 0
/// 1 while curses owns the terminal.
nonisolated(unsafe) var cursesActive: Int32 = 0
/// 1 when bracketed paste was switched on (and must be switched off).
nonisolated(unsafe) var pasteModeOn: Int32 = 0
/// Dispositions before `install`, indexed by signal number.
nonisolated(unsafe) var savedActions: UnsafeMutablePointer<sigaction> = .allocate(capacity: Int(signalSlots))
nonisolated(unsafe) var savedValid: UnsafeMutablePointer<Int32> = {
    let p = UnsafeMutablePointer<Int32>.allocate(capacity: Int(signalSlots))
    p.initialize(repeating: 0, count: Int(signalSlots))
    return p
}()

let signalSlots: Int32 = 65
let pasteOffSequence: StaticString = "\u{1b}[?2004l"
let pasteOnSequence: StaticString = "\u{1b}[?2004h"

/// Writes a static string to the terminal (async-signal-safe).
func writeRaw(_ s: StaticString) {
    s.withUTF8Buffer { buf in
        _ = write(STDOUT_FILENO, buf.baseAddress, buf.count)
    }
}

/// Leaves curses from a signal handler: endwin and paste mode off. Only the
/// first caller does anything.
func emergencyRestore() {
    if cursesActive != 0 {
        cursesActive = 0
        endwin()
        if pasteModeOn != 0 {
            pasteModeOn = 0
            writeRaw(pasteOffSequence)
        }
    }
}

private let terminateHandler: @convention(c) (Int32) -> Void = { sig in
    if inWork != 0 || pendingTerminate != 0 {
        emergencyRestore()
        _exit(128 + sig)
    }
    pendingTerminate = sig
}

private let stopHandler: @convention(c) (Int32) -> Void = { _ in
    pendingStop = 1
}

private let continueHandler: @convention(c) (Int32) -> Void = { _ in
    pendingContinue = 1
}

private let crashHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    sig, info, _ in
    emergencyRestore()
    // Hand the signal to whoever had it before (the Swift runtime's
    // backtracer, or the default action).
    if sig >= 0, sig < signalSlots, savedValid[Int(sig)] != 0 {
        _ = shim_sigaction_restore(sig, savedActions + Int(sig))
    } else {
        _ = shim_sigaction(sig, shim_sig_dfl(), 0, nil)
    }
    // A fault re-faults when the handler returns (with its real context);
    // a raised or sent signal must be raised again.
    if sig == SIGABRT || sig == SIGTRAP || shim_si_code(info) <= 0 {
        raise(sig)
    }
}

enum SignalState {
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashing: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
    static var all: [Int32] { terminating + crashing + [SIGTSTP, SIGCONT] }

    /// Records the dispositions to put back at the end. Called before curses
    /// starts (curses installs handlers of its own).
    static func saveOriginal() {
        // Touch every global before a handler can run.
        pendingTerminate = 0
        pendingStop = 0
        pendingContinue = 0
        inWork = 0
        _ = cursesActive
        _ = pasteModeOn
        _ = savedActions
        _ = savedValid
        for sig in all where sig < signalSlots {
            if sigaction(sig, nil, savedActions + Int(sig)) == 0 { savedValid[Int(sig)] = 1 }
        }
    }

    static func install(ignoreInterrupts: Bool) {
        // An array, not a Set: a Set<Int32> costs the runtime a search of every protocol
        // conformance in the binary at start-up (its Hashable witness), for three numbers.
        let interrupting: [Int32] = [SIGINT, SIGQUIT, SIGTSTP]
        for sig in terminating {
            if ignoreInterrupts, interrupting.contains(sig) {
                _ = shim_sigaction(sig, shim_sig_ign(), 0, nil)
            } else {
                _ = shim_sigaction(sig, terminateHandler, 0, nil)
            }
        }
        if ignoreInterrupts {
            _ = shim_sigaction(SIGTSTP, shim_sig_ign(), 0, nil)
        } else {
            _ = shim_sigaction(SIGTSTP, stopHandler, 0, nil)
        }
        _ = shim_sigaction(SIGCONT, continueHandler, 0, nil)
        for sig in crashing {
            _ = shim_siginfo_action(sig, crashHandler, shim_crash_flags(), nil)
        }
    }

    /// Puts back the dispositions saved by `install`.
    static func uninstall() {
        for sig in all where sig < signalSlots && savedValid[Int(sig)] != 0 {
            _ = shim_sigaction_restore(sig, savedActions + Int(sig))
        }
    }

    /// Stops the process the way SIGTSTP would by default; returns when
    /// continued.
    static func stopSelf() {
        _ = shim_sigaction(SIGTSTP, shim_sig_dfl(), 0, nil)
        raise(SIGTSTP)
        _ = shim_sigaction(SIGTSTP, stopHandler, 0, nil)
    }
}
