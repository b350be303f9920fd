import Foundation
import MonbanCore
import MonbanStore
import TestSupport

/// `monban-bench userlist-stores BINARY` (issue 21 item 7): the 管理コンソール's user list with
/// 1,000,000 people on the SQLite file and on PostgreSQL over loopback, through the client as
/// `monban-bench userlist` measures it (open, each typed character, under one frame), and the real
/// client's peak memory browsing each (bench/userlist_memory.py, under 64 MiB).
enum StoreListBench {
    static let people = 1_000_000

    static func run(binary: String) -> Int32 {
        say("user list with \(people) people, SQLite and PostgreSQL side by side")
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("monban-bench-list-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        do {
            try fm.createDirectory(at: dir.appendingPathComponent("data/monban"), withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
            let postgres = try TestPostgres()
            defer { postgres.stop() }
            let file = dir.appendingPathComponent("users.sqlite3").path
            var lines: [String] = []
            var pass = true
            for (name, location) in [("SQLite", file), ("PostgreSQL", postgres.connectionURI)] {
                let store: any ContractStore = PGConnectionString.isPostgres(location)
                    ? try PostgresStore.open(location, keyFileBase: dir.appendingPathComponent("data/monban/postgres").path)
                    : try MonbanDatabase.open(path: location, create: true)
                let engine = Engine(store: store, passwordCost: .testing)
                let created = try engine.createContract(email: UserListBench.contractor, plan: .basic,
                                                        password: UserListBench.password, name: "契約 者")
                _ = try engine.setTwoStep(enabled: false, by: created.contractor.id, context: .operatorCommand)
                let seeded = try milliseconds {
                    try UserListBench.seed(engine, contractID: created.contract.id, people: people)
                }
                say("[\(name)] seeded in \(ms(seeded / 1000)) s")
                let (open, typed, perQuery) = try UserListBench.measureList(engine)
                for q in UserListBench.queries {
                    let t = perQuery[q] ?? Samples()
                    say("[\(name)] typing \"\(q)\": median \(ms(t.median)) ms, max \(ms(t.max)) ms per character")
                }
                let memory = peakMemory(binary: binary, database: location, dataHome: dir.appendingPathComponent("data").path)
                let ok = open.max < UserListBench.targetMilliseconds && typed.max < UserListBench.targetMilliseconds
                    && (memory.mib.map { $0 < 64 } ?? false)
                pass = pass && ok
                lines.append("\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) open median \(ms(open.median)) ms"
                    + " (max \(ms(open.max))); per typed character median \(ms(typed.median)) ms, p95 \(ms(typed.p95)) ms,"
                    + " max \(ms(typed.max)) ms; client peak memory \(memory.text)  " + (ok ? "PASS" : "FAIL"))
            }
            say("")
            say(String(repeating: "-", count: 100))
            say("user list with \(people) people (targets: each key < \(String(format: "%g", UserListBench.targetMilliseconds)) ms,"
                + " client memory < 64 MiB)")
            for l in lines { say(l) }
            say(String(repeating: "-", count: 100))
            return pass ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("monban-bench userlist-stores: cannot run: \(error)\n".utf8))
            return 2
        }
    }

    /// bench/userlist_memory.py on `database`: the real client's peak resident memory.
    static func peakMemory(binary: String, database: String, dataHome: String) -> (mib: Double?, text: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["bench/userlist_memory.py", binary, database]
        var env = ProcessInfo.processInfo.environment
        env["XDG_DATA_HOME"] = dataHome
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        do { try p.run() } catch { return (nil, "not measured (\(error))") }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        // "… peak … 23.8 MiB …": the first number followed by MiB.
        let mib = text.range(of: #"[0-9]+(\.[0-9]+)? MiB"#, options: .regularExpression)
            .flatMap { Double(text[$0].dropLast(4)) }
        return (mib, mib.map { String(format: "%.1f MiB", $0) } ?? "not measured: \(text.suffix(200))")
    }
}
