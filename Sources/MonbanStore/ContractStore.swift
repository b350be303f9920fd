/// The store behind the engine: every read and write the engine makes, as named
/// operations grouped by table, so that the engine holds no SQL and a second
/// implementation (a shared PostgreSQL server) can stand beside the SQLite file
/// without the engine changing.
///
/// Transactions. `write` runs its body in one transaction that takes the write
/// lock at its start (SQLite: BEGIN IMMEDIATE), so that a read-then-write inside
/// it (count a wrong password, use a ticket, claim a message, append to the audit
/// chain) cannot interleave with another process's: two processes signing in at
/// once lock an account after exactly ten failures in total (LK-1), a ticket is
/// used once (TK-2), the audit chain never forks (AU-1). The body's return value
/// is committed; a thrown error rolls everything back. A refusal that must still
/// record something (a failure count, an audit entry) returns normally (the engine
/// wraps it in a `Result`) so that it commits.
public protocol ContractStore: Sendable {
    /// Where the data lives (the SQLite file's path, the PostgreSQL connection string), as errors name it.
    var location: String { get }
    /// The path the store's key files are named after (`<base>.key`, `<base>.audit-key`): the
    /// SQLite file's own path; for a PostgreSQL store, a path the operator chose, the same
    /// files copied to every machine that opens it (ST-1).
    var keyFileBase: String { get }
    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    /// Runs `body` in one write transaction, committed when it returns.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// What an error thrown by `read`/`write` means for the person using monban.
    func storeError(_ error: any Error) -> StoreError
    /// Makes data that was overwritten or deleted unrecoverable from the store's files as far
    /// as the store can (SQLite: freed space is zeroed as it is freed, and the write-ahead log,
    /// which still holds the old pages, is checkpointed and truncated). Best effort: another
    /// process reading at that moment keeps the log until it finishes (issue 19 finding 4).
    func discardOverwrittenData() throws
}

/// Everything the engine reads, table by table.
public protocol StoreReader:
    PersonReads, ContractReads, TicketReads, ChallengeReads, TwoStepReads, DeviceReads, OutboxReads, AuditReads,
    LineReads, IdentityReads, DirectoryReads, DatabaseMarkReads, RateEventReads, KnownTerminalReads
{}

/// Everything the engine reads and writes inside one write transaction.
public protocol StoreTransaction:
    StoreReader, PersonWrites, ContractWrites, TicketWrites, ChallengeWrites, TwoStepWrites, DeviceWrites,
    OutboxWrites, AuditWrites, LineWrites, IdentityWrites, DirectoryWrites, DatabaseMarkWrites, RateEventWrites, KnownTerminalWrites
{}
