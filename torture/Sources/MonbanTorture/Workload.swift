import Foundation
import GRDB
import MonbanCore
import MonbanStore

/// The crash-safety workload of issue 9 part 1: what `monban-torture` sets up and
/// what its workers do, and the values the invariant checker expects.
///
/// Two basic contracts of four people each (contractor, administrator, two
/// users), every one with a password from `passwords`. Contract 1 has two-step
/// verification off, contract 2 on (a right password then opens a second step).
/// Each contract's lines are always one of two complete lists of 100 numbers,
/// `lines(contract:list:)` 0 or 1, so a list of a mix of old and new is visible.
public enum TortureWorkload {
    /// The passwords workers sign in with and set: a random one of them is
    /// sometimes the right one, so locks and successful sign-ins both happen.
    public static let passwords = ["Torture-Pass-1a!", "Torture-Pass-2b!", "Torture-Pass-3c!"]
    public static let wrongPassword = "Wrong-Guess-9z!"
    public static let contracts: [Int64] = [1, 2]
    public static let roles: [Role] = [.contractor, .administrator, .user, .user]
    /// People per contract; person ids are 1…8 in setup order.
    public static var peopleCount: Int { contracts.count * roles.count }
    /// How many addresses each person moves between.
    public static let addressVariants = 4

    /// The `variant`th address of person `id` (variant 0 is the first).
    public static func address(person id: Int64, variant: Int) -> String {
        "p\(id).v\(variant)@torture.example"
    }

    /// Whether `email` is one of person `id`'s addresses.
    public static func isAddress(_ email: String, of id: Int64) -> Bool {
        (0..<addressVariants).contains { address(person: id, variant: $0) == email }
    }

    /// List 0 or 1 of contract `contract`: 100 numbers, every seventh in West Japan.
    /// The two lists share no number, and no contract shares one with another.
    public static func lines(contract: Int64, list: Int) -> [LineEntry] {
        (0..<LineList.maximum).map { i in
            let number = LineNumber(String(format: "CAF%d%d%08d", contract, list, i))!
            return LineEntry(number: number, area: i % 7 == 0 ? .west : .east)
        }
    }

    /// A LIKE pattern for the subject of the lock e-mail (LK-2), whose link is sealed.
    public static let lockMailSubjectPattern = "%アカウントロック"

    /// The password cost of the workers: cheap, so a run is about the database.
    public static let cost = PasswordHasher.Cost.testing

    public static func engine(path: String, create: Bool = false) throws -> Engine {
        let db = try MonbanDatabase.open(path: path, create: create)
        return Engine(database: db, passwordCost: cost)
    }

    /// Creates the contracts, the people and list 0 of each contract in a new database.
    public static func setup(path: String) throws {
        let engine = try engine(path: path, create: true)
        let context = AccessContext(terminal: "torture-setup")
        for contract in contracts {
            let first = (contract - 1) * Int64(roles.count) + 1
            let created = try engine.createContract(
                email: address(person: first, variant: 0), plan: .basic, password: passwords[0],
                name: "契約者 \(contract)", context: context)
            guard created.contract.id == contract, created.contractor.id == first else {
                throw TortureError("setup needs an empty database (contract \(created.contract.id), person \(created.contractor.id))")
            }
            for (i, role) in roles.enumerated().dropFirst() {
                let id = first + Int64(i)
                let person = try engine.addPerson(
                    to: contract, email: address(person: id, variant: 0), name: "利用者 \(id)", role: role,
                    password: passwords[0], context: context)
                guard person.id == id else { throw TortureError("unexpected person id \(person.id)") }
            }
            if contract == 1 { _ = try engine.setTwoStep(enabled: false, by: first, context: context) }
            try engine.saveLineSettings(by: first, route: .lineAndInternet, lines: lines(contract: contract, list: 0).map(\.text),
                                        context: context)
        }
    }
}

public struct TortureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// SplitMix64: a small seeded generator, so a worker's choices replay from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
