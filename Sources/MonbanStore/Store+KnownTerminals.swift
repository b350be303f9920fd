import Foundation

// known_terminal (NT-1): the terminals each person has signed in from, to mail them
// when a sign-in comes from a new one. Only a hash of the terminal's identity is kept.

public protocol KnownTerminalReads {
    /// Whether the person has signed in from the terminal whose identity hashes to `hash`.
    func isKnownTerminal(personID: Int64, hash: [UInt8]) throws -> Bool
    /// Whether the person has signed in from any terminal recorded so far.
    func hasKnownTerminals(personID: Int64) throws -> Bool
}

public protocol KnownTerminalWrites {
    /// Records the terminal for the person (nothing when it is recorded already).
    func addKnownTerminal(personID: Int64, hash: [UInt8], at: Date) throws
}
