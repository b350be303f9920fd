/// Why a database could not be used. Each case names the file; none of them
/// has modified it.
public enum StoreError: Error, Equatable, Sendable {
    /// No database at this path (and creating one was not asked for).
    case missing(path: String)
    /// The file exists but is not a monban database (another SQLite database, or not SQLite at all).
    case notMonban(path: String)
    /// The file was written by a newer monban: its schema has migrations this build does not know.
    case newerVersion(path: String)
    /// SQLite reports the file damaged.
    case corrupt(path: String)
    /// The file or its folder cannot be read or written (permissions, read-only or full disk).
    case unavailable(path: String, reason: String)
    /// Another process has held the database locked for longer than the busy timeout.
    case busy(path: String)
}
