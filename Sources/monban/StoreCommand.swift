import ArgumentParser
import Foundation
import Glibc
import MonbanConfig
import MonbanCore
import MonbanStore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move a deployment between stores.", subcommands: [Copy.self])

    func run() throws {
        throw ValidationError("Missing subcommand: monban store copy copies a store into an empty one.")
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy", abstract: "Copy every row of one store into an empty other one.",
            discussion: """
                Copies a SQLite file into an empty PostgreSQL database, or a PostgreSQL database into a new SQLite file.

                Either store is a file path or a PostgreSQL connection string (a postgresql:// URI, or service=monban and the like).

                The copy runs in one transaction on the target: it is whole or not there. A target that already holds data is refused.

                The store's two key files go with it: beside the target file, or to [store] keys for a PostgreSQL target.

                Afterwards the rows are counted on both sides and the audit chain is checked on the target.

                Stop every terminal and every 'monban deliver' on the source first: what they write during the copy is not copied.
                """)

        @Option(help: "The store to copy: a SQLite file or a PostgreSQL connection string.") var from: String
        @Option(help: "The empty store to copy into: a PostgreSQL connection string or a new SQLite file.") var to: String
        @Option(help: "The configuration file (for [store] keys).") var config: String?

        func run() throws {
            try Monban.guarded {
                let configuration = try Setup.configuration(config)
                let source = try Setup.store(from, create: false, keys: configuration.store.keys)
                let target = try Setup.store(to, create: true, keys: configuration.store.keys)
                try checkKeyFiles(from: source.keyFileBase, to: target.keyFileBase)
                let counts: [(String, Int)]
                do {
                    counts = try StoreCopy.copy(from: source, to: target)
                } catch let refusal as StoreCopy.Refusal {
                    throw CLIFailure(Self.describe(refusal, target: to))
                }
                try copyKeyFiles(from: source.keyFileBase, to: target.keyFileBase)
                for (table, n) in counts where n > 0 { print("\(table)\t\(n)") }
                let engine = Engine(store: target, settings: configuration.service)
                switch try engine.verifyAudit() {
                case .intact(let n): print("copied; the audit log on the target is intact: \(n) entries")
                case .broken(let id, let reason): throw CLIFailure("copied, but the audit log on the target is broken at entry \(id): \(reason)")
                }
            }
        }

        /// Refuses, before anything is copied, target key files that differ from the source's: the
        /// copied rows would not open with them.
        func checkKeyFiles(from source: String, to target: String) throws {
            guard source != target else { return }
            for suffix in [".key", ".audit-key"] {
                guard let bytes = FileManager.default.contents(atPath: source + suffix),
                      let existing = FileManager.default.contents(atPath: target + suffix) else { continue }
                guard existing == bytes else {
                    throw CLIFailure("\(target + suffix) exists and differs from \(source + suffix): the copied rows would "
                        + "not open with it; move it away or name another [store] keys. Nothing was copied")
                }
            }
        }

        /// The source's key files beside the target's name, unless the very same are there already:
        /// created exclusively, 0600 from the start, never through a symbolic link.
        func copyKeyFiles(from source: String, to target: String) throws {
            guard source != target else { return }
            for suffix in [".key", ".audit-key"] {
                let from = source + suffix, to = target + suffix
                guard let bytes = FileManager.default.contents(atPath: from),
                      FileManager.default.contents(atPath: to) == nil else { continue }
                let folder = (to as NSString).deletingLastPathComponent
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700])
                let fd = Glibc.open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw CLIFailure("cannot create \(to): \(String(cString: strerror(errno)))") }
                defer { close(fd) }
                let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard written == bytes.count, fsync(fd) == 0 else { throw CLIFailure("cannot write \(to)") }
            }
        }

        static func describe(_ refusal: StoreCopy.Refusal, target: String) -> String {
            switch refusal {
            case .targetNotEmpty(let table): "\(target) is not empty (\(table) has rows): nothing was copied"
            case .sameStore: "the source and the target are the same store"
            case .countMismatch(let table, let s, let t): "\(table): \(s) rows in the source, \(t) in the target; nothing was copied"
            case .unknownStore: "not a SQLite file or a PostgreSQL database"
            }
        }
    }
}
