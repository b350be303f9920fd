import GRDB

/// A whole database copied into memory: the demo's first state, which a kiosk puts back
/// after every visitor (issue 20 item 4, UI-6). It holds what the file holds (hashes,
/// sealed secrets, the audit chain), nothing in clear that the file does not.
public final class DatabaseSnapshot: Sendable {
    let copy: DatabaseQueue

    init(copy: DatabaseQueue) { self.copy = copy }
}

extension MonbanDatabase {
    /// Copies the database, every table and the schema, into memory (SQLite's backup).
    public func snapshot() throws(StoreError) -> DatabaseSnapshot {
        do {
            let memory = try DatabaseQueue()
            try queue.backup(to: memory)
            return DatabaseSnapshot(copy: memory)
        } catch {
            throw Self.map(error, path: path)
        }
    }

    /// Puts the snapshot back in place of everything in the database, in one step that
    /// other connections (the delivery thread, another client) wait for: afterwards they
    /// read the snapshot's rows and nothing written since.
    public func restore(_ snapshot: DatabaseSnapshot) throws(StoreError) {
        do {
            try snapshot.copy.backup(to: queue)
        } catch {
            throw Self.map(error, path: path)
        }
    }
}
