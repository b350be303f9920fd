import Glibc
import MonbanTerminal

/// The terminal's lines of `monban doctor` (PK-1): type, UTF-8 locale, colours, size, and
/// how wide ▀ ▄ █ are drawn, measured by asking the terminal where the cursor went.
enum DoctorTerminal {
    /// `measure` asks the terminal (injected by tests of the decision alone).
    static func checks(measure: () -> [Int]? = { TerminalProbe.blockWidths() }) -> [DoctorCheck] {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            return [DoctorCheck("terminal", .skip, "standard input and output are not a terminal: run monban doctor in the "
                                + "terminal monban will run in to check it")]
        }
        var lines: [DoctorCheck] = []
        let term = Paths.env("TERM") ?? ""
        if let facts = term.isEmpty ? nil : TerminalProbe.terminfo(term) {
            if facts.canPlaceCursor {
                lines.append(DoctorCheck("terminal.type", .ok, "TERM=\(term)"))
            } else {
                lines.append(DoctorCheck("terminal.type", .fail, "TERM=\(term) cannot move the cursor: the full-screen client cannot run",
                                         action: "set TERM to the terminal's own type (xterm-256color, or linux on the console)"))
            }
            lines.append(colours(facts.colors))
        } else {
            lines.append(DoctorCheck("terminal.type", .fail, term.isEmpty ? "TERM is not set" : "no terminfo entry for TERM=\(term)",
                                     action: "set TERM to the terminal's own type (xterm-256color, or linux on the console)"))
        }
        if TerminalProbe.localeIsUTF8 {
            lines.append(DoctorCheck("terminal.locale", .ok, "UTF-8"))
        } else {
            lines.append(DoctorCheck("terminal.locale", .warn, "the locale's character set is not UTF-8 (monban switches to C.UTF-8 itself)",
                                     action: "set LANG=C.UTF-8 (or another UTF-8 locale) for the account"))
        }
        if let size = TerminalProbe.size {
            if size.width >= 80 && size.height >= 24 {
                lines.append(DoctorCheck("terminal.size", .ok, "\(size.width)×\(size.height)"))
            } else {
                lines.append(DoctorCheck("terminal.size", .warn, "\(size.width)×\(size.height), smaller than the 80×24 every screen needs",
                                         action: "enlarge the window, or choose a smaller font"))
            }
        }
        lines.append(blocks(measure()))
        return lines
    }

    static func colours(_ count: Int) -> DoctorCheck {
        if let value = Paths.env("NO_COLOR"), !value.isEmpty {
            return DoctorCheck("terminal.colours", .ok, "NO_COLOR is set: monban draws without colours")
        }
        if count >= 8 { return DoctorCheck("terminal.colours", .ok, "\(count) colours") }
        return DoctorCheck("terminal.colours", .warn, "the terminal type has no colours: monban draws with bold and reverse video only",
                           action: "if the terminal has colours, set TERM to a type that says so (xterm-256color)")
    }

    /// The decision on the measured widths of ▀ ▄ █ (nil: no answer).
    static func blocks(_ widths: [Int]?) -> DoctorCheck {
        guard let widths else {
            return DoctorCheck("terminal.blocks", .warn, "the terminal did not answer where the cursor is, so the width of ▀ ▄ █ is unknown",
                               action: "if the authenticator QR code does not scan, start monban with --wide-qr")
        }
        if widths.allSatisfy({ $0 == 1 }) {
            return DoctorCheck("terminal.blocks", .ok, "▀ ▄ █ are one cell wide: the QR code is drawn with them")
        }
        return DoctorCheck("terminal.blocks", .warn, "▀ ▄ █ are drawn \(widths.max() ?? 2) cells wide (ambiguous-width characters as wide)",
                           action: "monban notices and draws the QR code two cells per module; --wide-qr forces that, or set the "
                               + "terminal's ambiguous-width characters to narrow (a setting or a font)")
    }
}
