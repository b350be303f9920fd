import Foundation

// MARK: contract

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

// MARK: ticket (TK-1, TK-2)

public struct TicketRecord: Sendable, Equatable {
    public var id: Int64
    public var hash: [UInt8]
    public var purpose: String
    public var personID: Int64
    public var payload: String
    public var createdAt: Date?
    public var expiresAt: Date?
    public var usedAt: Date?
}

public protocol TicketReads {
    /// The ticket whose token hashes to `hash`.
    func ticket(hash: [UInt8]) throws -> TicketRecord?
}

public protocol TicketWrites {
    func insertTicket(hash: [UInt8], purpose: String, personID: Int64, payload: String, createdAt: Date,
                      expiresAt: Date) throws
    /// Uses the ticket unless it is used already; whether this call used it (single use).
    func useTicket(id: Int64, at: Date) throws -> Bool
    /// Marks the person's unused tickets of these purposes as used.
    func voidTickets(personID: Int64, purposes: [String], at: Date) throws
}

// MARK: sign_in_challenge (LG-3): a pending sign-in waiting for its second step

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

// MARK: two_step (TF-1..TF-8)

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

// MARK: remembered_terminal (TF-4)

public struct RememberedTerminalRecord: Sendable, Equatable {
    public var tokenHash: [UInt8]
    public var personID: Int64
    public var generation: Int
    public var lastSeen: Date

    public init(tokenHash: [UInt8], personID: Int64, generation: Int, lastSeen: Date) {
        self.tokenHash = tokenHash
        self.personID = personID
        self.generation = generation
        self.lastSeen = lastSeen
    }
}

public protocol DeviceReads {
    func rememberedTerminal(tokenHash: [UInt8], personID: Int64) throws -> RememberedTerminalRecord?
}

public protocol DeviceWrites {
    func rememberTerminal(_ record: RememberedTerminalRecord) throws
    func touchRememberedTerminal(tokenHash: [UInt8], personID: Int64, at: Date) throws
}

// MARK: line, line_notice (LA-2, LG-6, LG-7)

public struct LineRecord: Sendable, Equatable {
    public var number: String
    public var area: String

    public init(number: String, area: String) {
        self.number = number
        self.area = area
    }
}

public protocol LineReads {
    /// The contract's lines in the order typed.
    func lines(contractID: Int64) throws -> [LineRecord]
    /// The area of the contract's line `number`; nil when it is not registered.
    func lineArea(contractID: Int64, number: String) throws -> String?
    /// Whether the 回線情報通知設定 of this line was decided.
    func lineNoticeDecided(contractID: Int64, number: String) throws -> Bool
}

public protocol LineWrites {
    /// Replaces the contract's lines.
    func replaceLines(contractID: Int64, _ lines: [LineRecord]) throws
    /// Records the decision unless one is recorded already.
    func recordLineNotice(contractID: Int64, number: String, notify: Bool, personID: Int64, at: Date) throws
}

// MARK: identity (LG-4, LG-5)

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

// MARK: directory (LG-5)

public struct DirectoryRecord: Sendable, Equatable {
    public var contractID: Int64
    public var connectionID: String
    public var url: String
    public var domain: String
    public var caPEM: String?
    public var configuredAt: Date?

    public init(contractID: Int64, connectionID: String, url: String, domain: String, caPEM: String?,
                configuredAt: Date?) {
        self.contractID = contractID
        self.connectionID = connectionID
        self.url = url
        self.domain = domain
        self.caPEM = caPEM
        self.configuredAt = configuredAt
    }
}

public protocol DirectoryReads {
    func directory(contractID: Int64) throws -> DirectoryRecord?
    func directory(connectionID: String) throws -> DirectoryRecord?
}

public protocol DirectoryWrites {
    /// Stores the contract's settings, replacing earlier ones.
    func saveDirectory(_ record: DirectoryRecord) throws
}
