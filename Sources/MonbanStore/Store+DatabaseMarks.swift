import Foundation

/// Facts about the database itself (issue 19 finding 1). The only one: the database
/// was created by `monban demo`, which opens the 受信箱 to every screen.
public protocol DatabaseMarkReads {
    /// Whether `monban demo` created this database.
    func isDemoDatabase() throws -> Bool
}

public protocol DatabaseMarkWrites {
    /// Records that `monban demo` created this database: called by its creation path only.
    func markDemoDatabase(at: Date) throws
}
