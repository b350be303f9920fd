import Glibc
import MonbanConfig
import MonbanCore
import MonbanStore

/// The database's lines of `monban doctor` (PK-1): found, readable, owner-only, schema,
/// integrity, its key files, and the audit chain (what `monban audit --verify` checks).
enum DoctorDatabase {
    static func checks(path: String, configuration: Configuration?) -> [DoctorCheck] {
        if PGConnectionString.isPostgres(path) { return DoctorPostgres.checks(path, configuration: configuration) }
        var lines: [DoctorCheck] = []
        var info = stat()
        guard stat(path, &info) == 0 else {
            lines.append(DoctorCheck("database.found", .fail, "no database at \(path)",
                                     action: "give the database with --db, or create one with 'monban contract create --db \(path)'"))
            return lines
        }
        lines.append(DoctorCheck("database.found", .ok, path))

        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            lines.append(DoctorCheck("database.readable", .fail, "this account cannot read \(path)",
                                     action: "run monban doctor as the account that runs monban"))
            return lines
        }
        close(fd)
        lines.append(DoctorCheck("database.readable", .ok, "readable by this account"))

        var unsafe = false
        for (file, what) in [(path, "the database"), (path + "-wal", "the database's log")] {
            if let problem = FileChecks.problem(file, what, outcome: "") {
                unsafe = true
                lines.append(DoctorCheck("database.owner-only", .fail, problem,
                                         action: "monban refuses it until it is fixed: chmod 600 \(file)"))
            }
        }
        if !unsafe { lines.append(DoctorCheck("database.owner-only", .ok, "owned by this account, mode 600")) }

        var current = false
        do {
            let health = try MonbanDatabase.inspect(path: path)
            switch health.schema {
            case .current:
                current = true
                lines.append(DoctorCheck("database.schema", .ok, "current"))
            case .older(let missing):
                lines.append(DoctorCheck("database.schema", .warn, "older than this monban (\(missing.count) upgrade steps to apply)",
                                         action: "back it up; the next monban command that opens it upgrades it"))
            case .newer:
                lines.append(DoctorCheck("database.schema", .fail, "written by a newer monban, which this one cannot use",
                                         action: "run the monban version that wrote it"))
            case .empty:
                lines.append(DoctorCheck("database.schema", .warn, "an empty file, not yet a monban database",
                                         action: "create the first contract: monban contract create --db \(path)"))
            }
            if health.integrityProblems.isEmpty {
                lines.append(DoctorCheck("database.integrity", .ok, "SQLite's integrity check passes"))
            } else {
                lines.append(DoctorCheck("database.integrity", .fail,
                                         "SQLite's integrity check fails: " + health.integrityProblems.joined(separator: "; "),
                                         action: "stop every monban on it and restore the last backup"))
            }
        } catch {
            lines.append(DoctorCheck("database.schema", .fail, Messages.describe(error),
                                     action: "give the right file with --db, or restore the last backup"))
        }

        var keysSafe = true
        for (file, name, what) in [(path + ".key", "key", "the key file"), (path + ".audit-key", "audit-key", "the audit key file")] {
            var keyInfo = stat()
            if stat(file, &keyInfo) != 0 {
                // A new database has none until monban first seals a secret with it.
                lines.append(DoctorCheck("\(name).file", .ok, "\(file) is not made yet (monban makes it when first needed; "
                                            + "a database copied from elsewhere needs its \(what.dropFirst(4)) copied with it)"))
            } else if let problem = FileChecks.problem(file, what, outcome: "") {
                keysSafe = false
                lines.append(DoctorCheck("\(name).file", .fail, problem, action: "monban refuses the database until it is fixed"))
            } else {
                lines.append(DoctorCheck("\(name).file", .ok, "\(file), owned by this account, mode 600"))
            }
        }

        guard !unsafe, keysSafe, current else {
            lines.append(DoctorCheck("audit.chain", .skip, "not checked until the lines above are fixed"))
            return lines
        }
        lines.append(auditChain(path: path, configuration: configuration ?? Configuration()))
        return lines
    }

    /// The audit log's hash chain, as `monban audit --verify` checks it.
    static func auditChain(path: String, configuration: Configuration) -> DoctorCheck {
        do {
            let engine = try Setup.engine(databasePath: path, create: false, configuration: configuration)
            let progress = try engine.verifyAuditInDetail()
            switch progress.result ?? .intact(entries: progress.checked) {
            case .intact(let n):
                let legacy = progress.legacy > 0 ? " (\(progress.legacy) written before the audit key, unkeyed)" : ""
                return DoctorCheck("audit.chain", .ok, "intact: \(n) entries\(legacy)")
            case .broken(let id, let reason):
                return DoctorCheck("audit.chain", .fail, "broken at entry \(id): \(reason)",
                                   action: "the log was changed outside monban: keep a copy of the database as evidence and "
                                       + "compare with the heads in the system journal (monban audit --verify --anchor-from-journal)")
            }
        } catch {
            return DoctorCheck("audit.chain", .fail, "cannot be checked: \(Messages.describe(error))")
        }
    }
}
