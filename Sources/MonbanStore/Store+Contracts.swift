import Foundation

// contract

public struct ContractRecord: Sendable, Equatable {
    public var id: Int64
    public var plan: String
    public var createdAt: Date?
    public var trialStartedAt: Date?
    public var convertedAt: Date?
    public var twoFactorEnabled: Bool
    public var accessRoute: String
}

public protocol ContractReads {
    func contract(id: Int64) throws -> ContractRecord?
}

public protocol ContractWrites {
    /// Inserts a contract; returns the id.
    func insertContract(plan: String, createdAt: Date, trialStartedAt: Date?) throws -> Int64
    /// The trial becomes the basic plan (CT-2).
    func convertToBasic(contractID: Int64, at: Date) throws
    func setTwoFactorEnabled(contractID: Int64, _ enabled: Bool) throws
    func setAccessRoute(contractID: Int64, _ route: String) throws
}
