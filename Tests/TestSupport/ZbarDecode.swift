import Foundation

/// Turning what a terminal shows back into an image and decoding it with
/// zbarimg (zbar-tools), the way an end-to-end test reads the QR code from a
/// captured screen. A library target of its own (Foundation only), shared by
/// MonbanQRTests and EndToEndTests.
public enum ZbarDecode {
    public enum Failure: Error, CustomStringConvertible {
        case zbarimgMissing
        case zbarimgFailed(status: Int32, stdout: String, stderr: String)

        public var description: String {
            switch self {
            case .zbarimgMissing:
                "zbarimg not found on PATH: install zbar-tools (make test does)"
            case let .zbarimgFailed(status, out, err):
                "zbarimg exited \(status); stdout: \(out) stderr: \(err)"
            }
        }
    }

    /// Modules (true = dark) from half-block text as captured from a screen:
    /// each character is two modules, one above the other — "█" both dark,
    /// "▀" top, "▄" bottom, anything else (space) neither. Short lines (a
    /// capture trims trailing spaces) are padded with light modules.
    public static func modules(halfBlockLines lines: [String]) -> [[Bool]] {
        let width = lines.map(\.count).max() ?? 0
        var rows: [[Bool]] = []
        for line in lines {
            var top = [Bool](repeating: false, count: width)
            var bottom = [Bool](repeating: false, count: width)
            for (i, ch) in line.enumerated() {
                switch ch {
                case "█": top[i] = true; bottom[i] = true
                case "▀": top[i] = true
                case "▄": bottom[i] = true
                default: break
                }
            }
            rows.append(top)
            rows.append(bottom)
        }
        return rows
    }

    /// The QR code on a captured screen: every character other than ▀ ▄ █ (text beside or
    /// under the code) counts as light.
    public static func modules(screen: String) -> [[Bool]] {
        modules(halfBlockLines: screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.map { "█▀▄".contains($0) ? $0 : " " })
        })
    }

    /// Modules from a reverse-video rendering: each module is `cellsPerModule`
    /// cells wide and one row high, dark where the cell is in reverse video.
    /// `isDark(x, y)` reads one cell (e.g. a canvas's style.reverse).
    public static func modules(width: Int, height: Int, cellsPerModule: Int = 2, isDark: (Int, Int) -> Bool) -> [[Bool]] {
        (0..<height).map { y in
            (0..<(width / cellsPerModule)).map { mx in isDark(mx * cellsPerModule, y) }
        }
    }

    /// A plain PBM (P1, text) image: each module `scale` × `scale` pixels,
    /// with `margin` light modules added all round (zbar wants some light ground).
    public static func pbm(_ modules: [[Bool]], scale: Int = 4, margin: Int = 2) -> String {
        let w = (modules.map(\.count).max() ?? 0) + 2 * margin
        let h = modules.count + 2 * margin
        var out = "P1\n\(w * scale) \(h * scale)\n"
        for my in 0..<h {
            var row = ""
            row.reserveCapacity(w * scale * 2)
            for mx in 0..<w {
                let y = my - margin, x = mx - margin
                let dark = y >= 0 && y < modules.count && x >= 0 && x < modules[y].count && modules[y][x]
                for _ in 0..<scale { row += dark ? "1 " : "0 " }
            }
            row += "\n"
            for _ in 0..<scale { out += row }
        }
        return out
    }

    /// Writes the image to a temporary file and decodes it with
    /// `zbarimg --quiet --raw`. Returns the decoded text (one trailing newline removed).
    public static func decode(_ modules: [[Bool]], scale: Int = 4) throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("monban-qr-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("qr.pbm")
        try pbm(modules, scale: scale).write(to: file, atomically: true, encoding: .ascii)
        return try zbarimg(file.path)
    }

    /// Runs `zbarimg --quiet --raw FILE` and returns its standard output.
    public static func zbarimg(_ path: String) throws -> String {
        guard let exe = findOnPath("zbarimg") else { throw Failure.zbarimgMissing }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--quiet", "--raw", path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting: a full pipe would block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let stdout = String(decoding: outData, as: UTF8.self)
        guard p.terminationStatus == 0 else {
            throw Failure.zbarimgFailed(
                status: p.terminationStatus, stdout: stdout, stderr: String(decoding: errData, as: UTF8.self))
        }
        return stdout.hasSuffix("\n") ? String(stdout.dropLast()) : stdout
    }

    public static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
