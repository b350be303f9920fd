import Foundation

// identity (LG-4, LG-5)

public struct IdentityRecord: Sendable, Equatable {
    public var personID: Int64
    public var method: String
    public var issuer: String
    public var subject: String
    public var email: String?
    public var boundAt: Date?

    public init(personID: Int64, method: String, issuer: String, subject: String, email: String?, boundAt: Date?) {
        self.personID = personID
        self.method = method
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.boundAt = boundAt
    }
}

public protocol IdentityReads {
    func identity(personID: Int64) throws -> IdentityRecord?
    /// The person an account is bound to.
    func boundPersonID(issuer: String, subject: String) throws -> Int64?
}

public protocol IdentityWrites {
    /// Binds the account, replacing the person's previous one.
    func saveIdentity(_ record: IdentityRecord) throws
    func deleteIdentity(personID: Int64) throws
}
