import ArgumentParser
import Foundation
import MonbanConfig
import MonbanCore
import MonbanStore

/// The demo database: a few accounts to try every flow with.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create the demo database if absent and print its accounts.")

    @Option(help: "The demo database (default: $XDG_DATA_HOME/monban/demo.sqlite3).") var db: String?
    @Flag(help: "Delete the demo database first and create it anew.") var reset = false

    static let password = DemoAccounts.password
    static let visitor = "raijousha@demo.monban.example"
    static let lines = ["CAF0000000001", "COP00000001 west"]

    /// The demo's config.toml, beside its database.
    static func configPath(for database: String) -> String {
        (database as NSString).deletingPathExtension + ".config.toml"
    }
    /// The accounts as the command prints them (DemoAccounts, shared with the login screen).
    static let accounts: [(email: String, role: String, plan: String)] = DemoAccounts.accounts.map { a in
        (a.email, a.role.rawValue, "\(a.plan.rawValue), two-step verification \(a.twoStep ? "on" : "off")")
    }

    func run() throws {
        try Monban.guarded {
            let path = db ?? Paths.demoDatabase
            // The demo is a SQLite file of its own, with its configuration beside it, that --reset
            // deletes: never a shared PostgreSQL store (ST-1), which nothing here may fill or empty.
            if PGConnectionString.isPostgres(path) {
                throw CLIFailure("the demo is a SQLite file of its own: give --db a file path, not a PostgreSQL connection "
                    + "string (nothing was written)")
            }
            if reset && FileManager.default.fileExists(atPath: path) {
                // Only a demo database is deleted: never a real one given by mistake. Decided by
                // the mark `monban demo` records in the database it makes, not by an address a
                // visitor can change (issue 20 item 4).
                let isDemo = (try? DatabaseOptions.parse(["--db", path]).engine().isDemoDatabase()) == true
                guard isDemo else {
                    throw CLIFailure("\(path) is not a demo database; --reset deletes only a demo database")
                }
                // The database and its key file (authenticator secrets sealed for the last visitors).
                for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            let existed = FileManager.default.fileExists(atPath: path)
            let engine = try DatabaseOptions.parse(["--db", path]).engine(create: true)
            // Accounts with a published password go only into a new database (ASVS 6.3.2).
            // A database is the demo's by its mark, whatever a visitor changed in it (issue 20 item 4).
            if existed, try !engine.isDemoDatabase() {
                throw CLIFailure("\(path) is not a demo database: monban demo fills only a new one (or --reset one it made)")
            }
            if !existed {
                // A progress line on a terminal, nothing on a pipe (issue 22 item 6, PK-1): four accounts
                // (each password hashed with scrypt), then the 200 people.
                let line = ProgressLine("creating the demo database: people", total: Self.accounts.count + 200)
                line.update(0)
                defer { line.finish() }
                let basic = try engine.createContract(
                    email: Self.accounts[0].email, plan: .basic, password: Self.password, name: "門番 太郎")
                line.update(1, force: true)
                try engine.addPerson(to: basic.contract.id, email: Self.accounts[1].email, name: "管理 花子",
                                     role: .administrator, password: Self.password)
                line.update(2, force: true)
                try engine.addPerson(to: basic.contract.id, email: Self.accounts[2].email, name: "利用 次郎",
                                     role: .user, password: Self.password)
                line.update(3, force: true)
                let trial = try engine.createContract(email: Self.accounts[3].email, plan: .trial, password: Self.password,
                                                      name: "試用 三郎")
                _ = try engine.setTwoStep(enabled: false, by: trial.contractor.id, context: .thisTerminal)
                line.update(4, force: true)
                // A visitor invited to register: the link waits in the 受信箱 (F2).
                _ = try engine.invitePerson(by: basic.contractor.id, email: Self.visitor, name: "来場 者", role: .user,
                                            context: .thisTerminal)
                // Registered lines for the line-authentication entrance (LG-6; the second in West Japan, LG-7),
                // and people for the 管理コンソール's user list (US-1).
                try engine.saveLineSettings(by: basic.contractor.id, route: .lineAndInternet,
                                            lines: Self.lines, context: .thisTerminal)
                let families = ["山田", "鈴木", "佐藤", "田中", "高橋", "伊藤", "渡辺", "中村", "小林", "加藤"]
                let romaji = ["yamada", "suzuki", "sato", "tanaka", "takahashi", "ito", "watanabe", "nakamura", "kobayashi", "kato"]
                let givens = ["太郎", "花子", "一郎", "美咲", "翔", "陽菜", "蓮", "結衣"]
                let people = (0..<200).map { i -> (email: String, name: String, role: Role) in
                    (String(format: "%@.%03d@demo.monban.example", romaji[i % 10], i), "\(families[i % 10]) \(givens[i % 8])",
                     i % 25 == 0 ? .administrator : .user)
                }
                try engine.importPeople(into: basic.contract.id, people, context: .thisTerminal)
                line.update(Self.accounts.count + people.count, force: true)
                // Only here, where this command made the database: its 受信箱 is open to every
                // screen (issue 19 finding 1).
                try engine.markDemoDatabase()
            }
            // The four federated services through the embedded demo provider (LG-4).
            let config = Self.configPath(for: path)
            if !FileManager.default.fileExists(atPath: config) {
                let text = "# monban demo: every federated service is the embedded demo provider.\n"
                    + ["google", "facebook", "microsoft", "d_account"].map { "[providers.\($0)]\ndemo = true\n" }
                    .joined(separator: "\n")
                guard FileManager.default.createFile(atPath: config, contents: Data(text.utf8),
                                                     attributes: [.posixPermissions: 0o600]) else {
                    throw CLIFailure("cannot write the demo's configuration \(config)")
                }
            }
            print(existed ? "demo database: \(path)" : "demo database created: \(path)")
            print("accounts (password for all: \(Self.password)):")
            for a in Self.accounts {
                print("  \(a.email)  \(a.role), \(a.plan)")
            }
            print("  \(Self.visitor)  user, invited: open the 利用者登録 link in the 受信箱 and register with a federated")
            print("  service, which in the demo is the embedded demo provider (config: \(config))")
            print("SMS codes and e-mails arrive in the client's 受信箱 (F2) and in 'monban outbox --db \(path)'.")
            print("try: monban signin --db \(path) --email \(Self.accounts[0].email) <<< '\(Self.password)'")
            print("line authentication (no two-step screen; the second line is in West Japan): as root, write the line")
            print("     CAF0000000001 (or COP00000001) into \(TerminalLineFile.path); see docs/configuration.md")
            print("200 more people of the basic contract fill the 管理コンソール's user list (not registered: invite them from it).")
        }
    }
}
