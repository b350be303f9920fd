import Foundation

// sign_in_challenge (LG-3): a pending sign-in waiting for its second step

public struct ChallengeRecord: Sendable, Equatable {
    public var id: Int64
    public var hash: [UInt8]
    public var personID: Int64
    public var generation: Int
    public var createdAt: Date?
    public var expiresAt: Date?
    public var failures: Int
    public var doneAt: Date?
    public var smsPhone: String?
    public var smsCodeHash: [UInt8]?
    public var smsSentAt: Date?
    public var smsExpiresAt: Date?
    public var smsFailures: Int
    public var pendingSecret: [UInt8]?
}

public protocol ChallengeReads {
    func challenge(hash: [UInt8]) throws -> ChallengeRecord?
}

public protocol ChallengeWrites {
    func insertChallenge(hash: [UInt8], personID: Int64, generation: Int, createdAt: Date, expiresAt: Date) throws
    /// Deletes the person's pending sign-ins that expired before `before`.
    func pruneChallenges(personID: Int64, expiredBefore before: Date) throws
    /// A new SMS code (TF-2): only its hash.
    func recordSMSCode(challengeID: Int64, phone: String, codeHash: [UInt8], sentAt: Date, expiresAt: Date) throws
    /// The sealed secret of the authenticator being enrolled (TF-3).
    func setPendingSecret(challengeID: Int64, sealed: [UInt8]) throws
    func countSMSFailure(challengeID: Int64) throws
    func countChallengeFailure(challengeID: Int64) throws
    /// Ends the pending sign-in.
    func finishChallenge(id: Int64, at: Date) throws
    /// Ends every pending sign-in of the person.
    func finishChallenges(personID: Int64, at: Date) throws
    /// Ends the pending sign-in as completed: the pending secret goes.
    func completeChallenge(id: Int64, at: Date) throws
}
