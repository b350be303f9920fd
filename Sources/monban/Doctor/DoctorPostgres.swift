import MonbanConfig
import MonbanCore
import MonbanStore

/// The store's lines of `monban doctor` for a PostgreSQL store (ST-1): the server reached,
/// the schema against this build (read only: doctor migrates nothing), the key files every
/// machine shares, and the audit chain.
enum DoctorPostgres {
    static func checks(_ conninfo: String, configuration: Configuration?) -> [DoctorCheck] {
        var lines: [DoctorCheck] = []
        let config = configuration ?? Configuration()
        let schema: PostgresStore.SchemaState
        do {
            let found = try PostgresStore.inspect(conninfo)
            lines.append(DoctorCheck("database.found", .ok, "PostgreSQL \(found.serverVersion / 10000) at \(conninfo)"))
            schema = found.schema
        } catch {
            lines.append(DoctorCheck("database.found", .fail, Messages.describe(error),
                                     action: "check the connection string, ~/.pgpass or the service file, and that the server runs"))
            return lines
        }
        switch schema {
        case .current: lines.append(DoctorCheck("database.schema", .ok, "current"))
        case .older:
            lines.append(DoctorCheck("database.schema", .warn, "older than this monban",
                                     action: "the next monban command that opens it upgrades it, under the store's write lock"))
        case .newer:
            lines.append(DoctorCheck("database.schema", .fail, "written by a newer monban, which this one cannot use",
                                     action: "run the monban version that wrote it"))
        case .empty:
            lines.append(DoctorCheck("database.schema", .warn, "an empty database, not yet a monban store",
                                     action: "create the first contract, or copy a store in with 'monban store copy'"))
        case .foreign:
            lines.append(DoctorCheck("database.schema", .fail, "holds tables of another application",
                                     action: "give monban a database of its own"))
        }
        let base = config.store.keys ?? Paths.postgresKeyBase
        var keysSafe = true
        for (name, what) in [("key", "the key file"), ("audit-key", "the audit key file")] {
            let file = base + "." + name
            if let problem = FileChecks.problem(file, what, outcome: "") {
                keysSafe = false
                lines.append(DoctorCheck("\(name).file", .fail, problem, action: "monban refuses the store until it is fixed"))
            } else {
                lines.append(DoctorCheck("\(name).file", .ok, "\(file) (the same file on every machine of this store)"))
            }
        }
        guard keysSafe, schema == .current else {
            lines.append(DoctorCheck("audit.chain", .skip, "not checked until the lines above are fixed"))
            return lines
        }
        lines.append(DoctorDatabase.auditChain(path: conninfo, configuration: config))
        return lines
    }
}
