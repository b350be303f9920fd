import Foundation
import MonbanCore
import MonbanTorture

// monban-torture: the crash-safety worker of issue 9 part 1. NOT part of the
// shipped product (Package.swift builds it only as a target for the tests).
// The crash-safety test (Tests/EndToEndTests/CrashSafetyTests.swift) starts
// several of these on one database and kills them with SIGKILL at random moments.
//
//   monban-torture setup --db PATH              a new database: two contracts, eight people, list 0 of lines
//   monban-torture run --db PATH [--seed N] [--operations N] [--split-line-saves]
//                                               random operations, forever (or N of them)
//   monban-torture check --db PATH              the invariants; exit 1 and the violations when one fails
//
// --split-line-saves makes the worker save lines in two transactions instead of
// the engine's one: only for the test that shows the harness catches it.

func value(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func fail(_ message: String, status: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("monban-torture: \(message)\n".utf8))
    exit(status)
}

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first, let db = value("--db", in: args) else {
    fail("usage: monban-torture setup|run|check --db PATH [--seed N] [--operations N] [--split-line-saves]")
}

do {
    switch command {
    case "setup":
        try TortureWorkload.setup(path: db)
        print("set up \(db)")
    case "run":
        let seed = value("--seed", in: args).flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
        let limit = value("--operations", in: args).flatMap { Int($0) }
        let engine = try TortureWorkload.engine(path: db)
        var worker = TortureWorker(engine: engine, seed: seed, terminal: "torture-\(getpid())")
        let split = args.contains("--split-line-saves")
        var n = 0
        while limit.map({ n < $0 }) ?? true {
            if split { try worker.splitLineSave() } else { try worker.step() }
            n += 1
        }
        print("done \(n) operations: \(worker.done.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(separator: " "))")
    case "check":
        let report = try TortureInvariants.check(path: db)
        print(report.summary)
        for v in report.violations { print(v) }
        exit(report.violations.isEmpty ? 0 : 1)
    default:
        fail("unknown command \(command)")
    }
} catch {
    // Anything but an engine refusal: the store failed. The test reports a worker
    // that ends by itself (not by its SIGKILL) as a failure, with this line.
    fail("\(error)", status: 3)
}
