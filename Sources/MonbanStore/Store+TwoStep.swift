import Foundation

// two_step (TF-1..TF-8)

public struct TwoStepRecord: Sendable, Equatable {
    public var personID: Int64
    public var generation: Int
    public var method: String
    public var phone: String?
    public var totpSecret: [UInt8]?
    public var totpLastStep: Int64?
    public var recoveryHash: [UInt8]?
    public var enrolledAt: Date?

    public init(personID: Int64, generation: Int, method: String, phone: String?, totpSecret: [UInt8]?,
                totpLastStep: Int64?, recoveryHash: [UInt8]?, enrolledAt: Date?) {
        self.personID = personID
        self.generation = generation
        self.method = method
        self.phone = phone
        self.totpSecret = totpSecret
        self.totpLastStep = totpLastStep
        self.recoveryHash = recoveryHash
        self.enrolledAt = enrolledAt
    }
}

public protocol TwoStepReads {
    /// The person's registration of this generation.
    func twoStep(personID: Int64, generation: Int) throws -> TwoStepRecord?
}

public protocol TwoStepWrites {
    /// Stores the registration, replacing any other of the person.
    func saveTwoStep(_ record: TwoStepRecord) throws
    func setTOTPLastStep(personID: Int64, step: Int64) throws
    func setRecoveryHash(personID: Int64, hash: [UInt8]) throws
    /// Voids the registration, remembered terminals and pending sign-ins; the
    /// generation moves on (TF-8).
    func resetTwoStep(personID: Int64) throws
}
