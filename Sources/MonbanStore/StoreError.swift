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
    case unavailable(path: String, reason: StoreError.Reason)
    /// Another process has held the database locked for longer than the busy timeout.
    case busy(path: String)
    /// The PostgreSQL server cannot be reached, or the connection to it was lost (ST-1): the
    /// action was not applied; the next one connects again. `message` is libpq's.
    case serverUnavailable(location: String, message: String)
    /// A PostgreSQL connection string with a password in it (ST-1): refused, since the command
    /// line and the configuration are visible to others; the password belongs in ~/.pgpass,
    /// PGPASSFILE or a service file.
    case passwordInConnectionString(location: String)
    /// The connection to the server was lost while an action was being committed: the
    /// server may or may not have applied it (ST-1). Look before doing it again.
    case outcomeUnknown(location: String)
    /// Other terminals kept the transaction from completing, even after it was tried again
    /// a few times (a serialization failure or deadlock): nothing was applied.
    case conflict(location: String)

    /// What kept the file from being used. Text is chosen from the case by whoever shows it;
    /// `other` carries the SQLite or system message, shown but never matched.
    public enum Reason: Equatable, Sendable {
        /// The file or its folder is read-only.
        case readOnly
        /// No space left on the disk.
        case diskFull
        /// SQLite cannot open the file (permissions).
        case cannotOpen
        /// The file cannot be read.
        case cannotRead
        /// The folder for a new database could not be created.
        case cannotCreateFolder
        /// Writing failed (disk full, a file-size limit, or a failing disk).
        case ioError
        /// Any other SQLite or system failure, with its message.
        case other(String)
    }
}

extension StoreError.Reason {
    /// The reason in English for the file at `path`, as the operator commands and the
    /// English client show it.
    public func english(path: String) -> String {
        switch self {
        case .readOnly: "read-only"
        case .diskFull: "disk full"
        case .cannotOpen: "cannot open"
        case .cannotRead: "cannot read"
        case .cannotCreateFolder: "cannot create folder \(FilePath.directory(of: path))"
        case .ioError: "I/O error (disk full, a file-size limit, or a failing disk)"
        case .other(let message): message
        }
    }
}
