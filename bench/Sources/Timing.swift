import Foundation

/// Wall-clock time of `body`, in milliseconds, on a monotonic clock.
@inline(never)
func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let elapsed = clock.now - start
    let (seconds, attoseconds) = elapsed.components
    return Double(seconds) * 1e3 + Double(attoseconds) / 1e15
}

/// A set of timings in milliseconds and the statistics the report prints.
struct Samples {
    private(set) var values: [Double] = []

    init(_ values: [Double] = []) { self.values = values }

    mutating func append(_ value: Double) { values.append(value) }

    var count: Int { values.count }
    var sorted: [Double] { values.sorted() }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }
    var median: Double { percentile(50) }
    var p95: Double { percentile(95) }

    /// Nearest-rank percentile.
    func percentile(_ p: Double) -> Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(s.count)).rounded(.up))
        return s[Swift.min(Swift.max(rank, 1), s.count) - 1]
    }
}

/// `12.345` → `"12.35"`, `0.4123` → `"0.412"`: three significant-ish digits for small values.
func ms(_ value: Double) -> String {
    if value.isNaN { return "n/a" }
    let digits = abs(value) >= 100 ? 1 : abs(value) >= 10 ? 2 : 3
    return String(format: "%.\(digits)f", value)
}

/// Writes one line to stdout at once (unbuffered), so that progress shows up
/// as it happens even through a pipe such as `make bench | tee`.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
