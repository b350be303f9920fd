import Foundation
import MonbanCore
import MonbanStore
import MonbanTUI
import MonbanUI
import GRDB

/// Issue 7's targets for the 管理コンソール's user list with 100,000 people in a
/// contract: opening the list and showing the first page after each typed
/// character within one frame (16 ms), measured through the client itself
/// (`App.handle` + `App.render` at 80×24, as the terminal loop calls them).
enum UserListBench {
    static let people = 100_000
    static let targetMilliseconds = 16.0
    static let contractor = "keiyakusha@bench.monban.example"
    static let password = "Bench-Keiyaku-2026"
    static let rounds = 5

    static let families = ["山田", "鈴木", "佐藤", "田中", "高橋", "伊藤", "渡辺", "中村", "小林", "加藤", "吉田", "山本",
                           "佐々木", "松本", "井上", "木村", "林", "清水", "山口", "斎藤"]
    static let romaji = ["yamada", "suzuki", "sato", "tanaka", "takahashi", "ito", "watanabe", "nakamura", "kobayashi",
                         "kato", "yoshida", "yamamoto", "sasaki", "matsumoto", "inoue", "kimura", "hayashi", "shimizu",
                         "yamaguchi", "saito"]
    static let givens = ["太郎", "花子", "一郎", "次郎", "美咲", "翔", "陽菜", "蓮", "結衣", "大翔"]

    /// What is typed, one character at a time, each query after clearing the field.
    static let queries = ["山田", "花子", "yamada", "kobayashi.ha", "u099999", "u0999", "zzq", "example", "co.jp", "佐々木翔"]

    /// One key as the terminal loop handles it: the update (and its work), then a paint at 80×24; its time.
    static func press(_ app: inout App, _ k: KeyEvent) -> Double {
        milliseconds {
            if app.handle(k) == .work { _ = app.performWork() }
            var canvas = Canvas(width: 80, height: 24)
            app.render(into: &canvas)
        }
    }

    /// A client with the contractor signed in, on the メイン画面.
    static func signedIn(_ engine: Engine) throws -> App {
        var app = App(language: .ja, engines: EngineProvider(engine: engine), context: .operatorCommand)
        _ = press(&app, .resize(width: 80, height: 24))
        for c in contractor { _ = press(&app, .character(c)) }
        _ = press(&app, .tab)
        for c in password { _ = press(&app, .character(c)) }
        _ = press(&app, .enter)
        guard case .main = app.screen.route else { throw Bench.Failure("sign-in did not reach the main screen") }
        return app
    }

    /// `people` people in the contract, in batches as an import would add them.
    static func seed(_ engine: Engine, contractID: Int64, people: Int) throws {
        var batch: [(email: String, name: String, role: Role)] = []
        for i in 0..<people {
            let f = i % families.count, g = (i / families.count) % givens.count
            batch.append((String(format: "u%06d.\(romaji[f])@example%02d.co.jp", i, i % 97),
                          "\(families[f]) \(givens[g])", i % 50 == 0 ? .administrator : .user))
            if batch.count == 50_000 {
                try engine.importPeople(into: contractID, batch)
                batch = []
            }
        }
        if !batch.isEmpty { try engine.importPeople(into: contractID, batch) }
    }

    /// Opening the user list and typing each query, `rounds` times, through the client.
    static func measureList(_ engine: Engine) throws -> (open: Samples, typed: Samples, perQuery: [String: Samples]) {
        var open = Samples(), typed = Samples()
        var perQuery: [String: Samples] = [:]
        for _ in 0..<rounds {
            var app = try signedIn(engine)
            func key(_ k: KeyEvent) -> Double { press(&app, k) }
            _ = key(.tab)  // 認証・契約情報変更メニュー → 管理コンソール
            _ = key(.enter)
            guard case .console(.home) = app.screen.route else { throw Bench.Failure("no console") }
            open.append(key(.enter))  // ユーザ: the list opens with its first page
            guard case .console(.users(_, let first)) = app.screen.route, first.page.rows.count > 0 else {
                throw Bench.Failure("the list did not open")
            }
            for q in queries {
                for c in q {
                    let t = key(.character(c))
                    typed.append(t)
                    perQuery[q, default: Samples()].append(t)
                }
                guard case .console(.users(_, let view)) = app.screen.route, view.query == q else {
                    throw Bench.Failure("the list does not show the query \(q)")
                }
                typed.append(key(.control("u")))  // clear: the whole list again
            }
        }
        return (open, typed, perQuery)
    }

    /// Seeds the database at `path` (kept for the memory run) and measures.
    static func run(path: String) -> Int32 {
        say("")
        say("user list (US-1): \(people) people in one contract, 80×24, App.handle + App.render per key")
        do {
            for suffix in ["", "-wal", "-shm", ".key", ".audit-key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let database = try MonbanDatabase.open(path: path, create: true)
            let engine = Engine(database: database, passwordCost: .testing)
            let created = try engine.createContract(email: contractor, plan: .basic, password: password, name: "契約 者")
            _ = try engine.setTwoStep(enabled: false, by: created.contractor.id, context: .operatorCommand)
            let seedTime = try milliseconds { try seed(engine, contractID: created.contract.id, people: people) }
            say("      seeded in \(ms(seedTime / 1000)) s: \(path)")

            let (open, typed, perQuery) = try measureList(engine)
            // 操作ログ (AU-1): 100,000 entries of this contract, chained as the engine chains them:
            // HMAC-SHA256 with the audit key file beside the database (32 bytes of key, then the
            // count of unkeyed entries before it, big-endian; issue 19 finding 9).
            let entries = 100_000
            guard let keyFile = FileManager.default.contents(atPath: path + ".audit-key"), keyFile.count == 40 else {
                throw Bench.Failure("no audit key beside the database")
            }
            let auditKey = Array(keyFile.prefix(32))
            let legacyEntries = keyFile.suffix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
            let auditSeed = try milliseconds {
                try database.queue.write { db in
                    let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
                    var previous: [UInt8] = last.map { Array($0["hash"] as Data) } ?? AuditEntry.genesis
                    var id: Int64 = (last?["id"] as Int64? ?? 0)
                    let start = Date().timeIntervalSince1970 - Double(entries)
                    let insert = try db.makeStatement(sql: """
                        INSERT INTO audit (id, at, event, person_id, contract_id, terminal, line, detail, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)
                        """)
                    let events = ["sign_in.succeeded", "sign_in.failed", "two_factor.succeeded", "password.changed"]
                    for i in 0..<entries {
                        id += 1
                        let at = Date(timeIntervalSince1970: start + Double(i))
                        let event = events[i % events.count]
                        let person = Int64(2 + (i * 7919) % people)
                        let detail = event == "sign_in.failed" ? "wrong password (1)" : ""
                        let hash = AuditEntry.chainHash(key: id > legacyEntries ? auditKey : nil, previous: previous, id: id, at: at, event: event, personID: person,
                                                        contractID: created.contract.id, terminal: "bench", line: "",
                                                        detail: detail)
                        try insert.execute(arguments: [id, at.timeIntervalSince1970, event, person, created.contract.id,
                                                       "bench", detail, Data(previous), Data(hash)])
                        previous = hash
                    }
                }
            }
            say("      audit log: \(entries) entries added in \(ms(auditSeed / 1000)) s")
            var auditOpen = Samples(), auditKeys = Samples(), verify = Samples()
            for _ in 0..<rounds {
                var app = try signedIn(engine)
                func key(_ k: KeyEvent) -> Double { press(&app, k) }
                _ = key(.tab)
                _ = key(.enter)  // 管理コンソール
                for _ in 0..<3 { _ = key(.tab) }  // ユーザ, 利用者登録, 回線認証 → 操作ログ
                // Opening: the first page at once; the chain check follows as work (timed apart).
                auditOpen.append(milliseconds {
                    _ = app.handle(.enter)
                    var canvas = Canvas(width: 80, height: 24)
                    app.render(into: &canvas)
                })
                // The chain is checked a slice per tick, between keys: each tick must fit a frame too.
                let whole = milliseconds {
                    while case .console(.auditLog(_, let v)) = app.screen.route, v.chain.result == nil {
                        auditKeys.append(milliseconds {
                            _ = app.tick()
                            var canvas = Canvas(width: 80, height: 24)
                            app.render(into: &canvas)
                        })
                    }
                }
                verify.append(whole)
                guard case .console(.auditLog(_, let view)) = app.screen.route, !view.page.rows.isEmpty,
                      case .intact = view.chain.result
                else { throw Bench.Failure("the audit log did not open intact") }
                for c in "失敗" { auditKeys.append(key(.character(c))) }   // 操作 filter… (typed in 利用者 first)
                for _ in 0..<2 { auditKeys.append(key(.backspace)) }
                _ = key(.tab)
                for c in "失敗" { auditKeys.append(key(.character(c))) }
                _ = key(.tab); _ = key(.tab); _ = key(.tab)
                for _ in 0..<50 { auditKeys.append(key(.pageDown)) }
                for _ in 0..<20 { auditKeys.append(key(.pageUp)) }
            }
            say("      操作ログ open (first page): median \(ms(auditOpen.median)) ms, max \(ms(auditOpen.max)) ms;"
                + " filter keys, pages and chain-check slices: median \(ms(auditKeys.median)) ms, p95 \(ms(auditKeys.p95)) ms, max \(ms(auditKeys.max)) ms")
            say("      hash-chain check of all \(entries)+ entries, in slices between keys: median \(ms(verify.median)) ms in all")

            let pass = open.max < targetMilliseconds && typed.max < targetMilliseconds
                && auditOpen.max < targetMilliseconds && auditKeys.max < targetMilliseconds
            say("      open the list (first page):      median \(ms(open.median)) ms, max \(ms(open.max)) ms")
            for q in queries {
                let s = perQuery[q] ?? Samples()
                say("      typing \"\(q)\": median \(ms(s.median)) ms, max \(ms(s.max)) ms per character")
            }
            say("user list: open median \(ms(open.median)) ms (max \(ms(open.max))); per typed character median"
                + " \(ms(typed.median)) ms, p95 \(ms(typed.p95)) ms, max \(ms(typed.max)) ms over \(typed.count) keys"
                + "  (target: each < \(String(format: "%g", targetMilliseconds)) ms)  " + (pass ? "PASS" : "FAIL"))
            return pass ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("monban-bench: user list: cannot run: \(error)\n".utf8))
            return 2
        }
    }
}
