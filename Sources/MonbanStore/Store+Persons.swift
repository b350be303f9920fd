import Foundation

/// One row of `person`, as stored: enum-like columns as their raw text, which the
/// engine decodes (an unknown value is a damaged row, never a trap).
public struct PersonRecord: Sendable, Equatable {
    public var id: Int64
    public var contractID: Int64
    public var email: String
    public var name: String
    public var role: String
    public var loginMethod: String
    public var passwordHash: String?
    public var failedAttempts: Int
    public var lockedAt: Date?
    public var registered: Bool
    public var twoFactorGeneration: Int
    public var twoStepFailures: Int
    public var createdAt: Date?
    public var lastSignInAt: Date?
}

/// A person to insert; the store gives the id.
public struct NewPerson: Sendable, Equatable {
    public var contractID: Int64
    public var email: String
    public var name: String
    public var role: String
    public var loginMethod: String
    public var passwordHash: String?
    public var registered: Bool
    public var createdAt: Date

    public init(contractID: Int64, email: String, name: String, role: String, loginMethod: String,
                passwordHash: String?, registered: Bool, createdAt: Date) {
        self.contractID = contractID
        self.email = email
        self.name = name
        self.role = role
        self.loginMethod = loginMethod
        self.passwordHash = passwordHash
        self.registered = registered
        self.createdAt = createdAt
    }
}

/// A person's address and name, as the people search (US-1) returns them.
public struct PersonName: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var name: String
}

public protocol PersonReads {
    func person(id: Int64) throws -> PersonRecord?
    /// By address, whatever its case.
    func person(email: String) throws -> PersonRecord?
    /// Consecutive wrong second-step codes (LK-1 through TF-2/TF-3).
    func twoStepFailures(personID: Int64) throws -> Int
    /// The people of a contract among `ids`, in no particular order.
    func persons(contractID: Int64, ids: [Int64]) throws -> [PersonRecord]
    /// The people of a contract in id order (or reverse) beyond `edge`, `limit` at most.
    func persons(contractID: Int64, beyond edge: Int64?, descending: Bool, limit: Int) throws -> [PersonRecord]
    func personCount(contractID: Int64) throws -> Int
    /// The current addresses of these people.
    func emails(personIDs: [Int64]) throws -> [Int64: String]

    // The people search (US-1): `text` as typed, not empty once normalised (`SearchGrams`).
    /// The ids whose words may contain `text` (a superset: check with `SearchGrams.matches`),
    /// in id order (or reverse) beyond `edge`, `limit` at most, over every contract.
    func searchPersonIDs(text: String, beyond edge: Int64?, descending: Bool, limit: Int) throws -> [Int64]
    /// How many people of the contract the index finds for `text`, counted up to `limit`.
    func searchCount(text: String, contractID: Int64, upTo limit: Int) throws -> Int
    /// The people of the contract the index finds for `text`, in id order, `limit` at most.
    func searchPeople(text: String, contractID: Int64, limit: Int) throws -> [PersonName]
}

public protocol PersonWrites {
    /// Inserts a person and their search words, counted in their contract; returns the id.
    @discardableResult
    func insertPerson(_ person: NewPerson) throws -> Int64
    /// Inserts many people at once (an import), as `insertPerson` does each; their ids in
    /// order. Each contract's count changes once: on PostgreSQL every update of one row within
    /// a transaction leaves a version the next update walks past, so a count updated per person
    /// made an import of n people take n² steps.
    @discardableResult
    func insertPeople(_ people: [NewPerson]) throws -> [Int64]
    /// A wrong password counted: `count` so far, locked at `lockedAt` when it locks (LK-1).
    func setFailedAttempts(personID: Int64, count: Int, lockedAt: Date?) throws
    /// Locks the account unless it is locked already; whether this call locked it.
    func lock(personID: Int64, at: Date) throws -> Bool
    /// The lock and both failure counts go (LK-2, US-1).
    func unlock(personID: Int64) throws
    /// A right password: the failure count goes and the hash (maybe rehashed) is stored.
    func recordRightPassword(personID: Int64, passwordHash: String) throws
    func setLastSignIn(personID: Int64, at: Date) throws
    func countTwoStepFailure(personID: Int64) throws
    /// A second step passed: the count of wrong codes goes; signed in now.
    func recordSecondStep(personID: Int64, at: Date) throws
    /// Voids the two-step registration's generation (TF-8).
    func bumpTwoFactorGeneration(personID: Int64) throws
    /// A new password that also releases the lock and both failure counts (PW-2).
    func setPasswordReleasingLock(personID: Int64, passwordHash: String) throws
    /// A new password; the failure count goes (PC-1).
    func changePassword(personID: Int64, passwordHash: String) throws
    /// E-mail + password becomes the login method with this password (MC-2); with `register`,
    /// the person is registered too (US-2), otherwise the failure count goes.
    func setPasswordLogin(personID: Int64, passwordHash: String, register: Bool) throws
    func clearFailedAttempts(personID: Int64) throws
    func markRegistered(personID: Int64) throws
    /// A bound account becomes the login method; no password any more (LG-1).
    func setFederatedLogin(personID: Int64, method: String) throws
    /// The new address; `old` is what the search index holds.
    func setEmail(personID: Int64, to email: String, old: (email: String, name: String)) throws
}

/// `insertPerson` and `insertPeople` over each store's own two steps: a person with their
/// search words, and the contract's kept number of people (v13-people-count).
protocol PeopleInsertion {
    /// Inserts the person and their search words, not yet counted; returns the id.
    func add(_ person: NewPerson) throws -> Int64
    /// Adds `added` to the contract's kept number of people.
    func countPeople(contractID: Int64, added: Int) throws
    /// After an import of `count` people: what the store does so that the search stays fast.
    func afterImport(of count: Int) throws
}

extension PeopleInsertion {
    func insertPerson(_ p: NewPerson) throws -> Int64 {
        let id = try add(p)
        try countPeople(contractID: p.contractID, added: 1)
        return id
    }

    func insertPeople(_ people: [NewPerson]) throws -> [Int64] {
        let ids = try people.map(add)
        for (contractID, added) in Dictionary(grouping: people, by: \.contractID).mapValues(\.count) {
            try countPeople(contractID: contractID, added: added)
        }
        try afterImport(of: people.count)
        return ids
    }
}
