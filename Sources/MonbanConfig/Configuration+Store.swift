import TOMLKit

/// The `[store]` section: where the data lives (ST-1).
public struct StoreSettings: Sendable, Equatable {
    /// A SQLite file's path, or a PostgreSQL connection string (`postgresql://…` or
    /// `service=monban`) for a store many terminals share; `--db` wins over it.
    public var url: String?
    /// For a PostgreSQL store: the path its key files are named after (`<keys>.key`,
    /// `<keys>.audit-key`), the same files on every machine. Default: the data folder's `postgres`.
    public var keys: String?
    public init() {}
}

extension Reader {
    mutating func store(_ root: TOMLTable, into config: inout Configuration) throws(Configuration.Failure) {
        guard let t = try section(root, "store") else { return }
        try only(t, ["url", "keys"], in: "store")
        if let url = try string(t, "url", in: "store") {
            guard !url.isEmpty else { throw fail("[store] url must not be empty", section: "store", key: "url") }
            config.store.url = url
        }
        if let keys = try string(t, "keys", in: "store") {
            guard keys.hasPrefix("/") else {
                throw fail("[store] keys must be an absolute path", section: "store", key: "keys")
            }
            config.store.keys = keys
        }
    }
}
