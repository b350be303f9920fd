import Foundation
import GRDB

/// What `monban doctor` learns of a database file without changing it (PK-1, issue 22):
/// whether it is monban's, whether its schema is the one this build writes, and what
/// SQLite's full integrity check says. Read through a read-only connection: nothing is
/// migrated, nothing written.
public struct DatabaseHealth: Sendable, Equatable {
    public enum SchemaState: Sendable, Equatable {
        /// Every migration this build knows is applied, and no other.
        case current
        /// Older: these migrations are missing (the next monban command that opens it applies them).
        case older(missing: [String])
        /// Written by a newer monban: this build refuses it.
        case newer
        /// An empty file: created, never used.
        case empty
    }

    public var schema: SchemaState
    /// The first problems `PRAGMA integrity_check` reports; empty when it says "ok".
    public var integrityProblems: [String]
}

extension MonbanDatabase {
    /// Inspects the database at `path` read-only (PK-1): its schema against this build's
    /// migrations and SQLite's full integrity check (at most `limit` problems).
    public static func inspect(path: String, limit: Int = 5) throws(StoreError) -> DatabaseHealth {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        return try readOnly(path) { db in
            guard try isMonban(db, path: path) else { return DatabaseHealth(schema: .empty, integrityProblems: []) }
            let migrator = Schema.migrator
            let schema: DatabaseHealth.SchemaState
            if try migrator.hasBeenSuperseded(db) {
                schema = .newer
            } else {
                let applied = try migrator.appliedIdentifiers(db)
                let missing = migrator.migrations.filter { !applied.contains($0) }
                schema = missing.isEmpty ? .current : .older(missing: missing)
            }
            let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check(\(max(1, limit)))")
            return DatabaseHealth(schema: schema, integrityProblems: rows == ["ok"] ? [] : rows)
        }
    }
}
