import GRDBSQLite

extension MonbanDatabase {
    /// Whether `monban demo` made the database at `path` (issue 19 finding 1), read before the
    /// client's first paint with one read-only query and none of a connection's set-up
    /// (no migration, no write, no waiting for a lock): true or false, or nil when it cannot
    /// tell at once (no such file, not a monban database, an older schema, busy). The client
    /// reads the mark again through the engine after the paint; this only spares the screen
    /// a second paint on the demo database.
    public static func peekDemoMark(path: String) -> Bool? {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            return nil
        }
        defer { sqlite3_close(db) }
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT 1 FROM database_mark WHERE name = 'demo'", -1, &prepared, nil) == SQLITE_OK,
              let statement = prepared
        else { return nil }
        defer { sqlite3_finalize(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: return nil
        }
    }
}
