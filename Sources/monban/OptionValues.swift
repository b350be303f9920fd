import ArgumentParser
import MonbanCore
import MonbanUI

/// An option with a fixed set of values, given in any case: the help lists them, and the
/// argument parser refuses any other value with that list (exit status 64, like any usage
/// error).
protocol KeywordArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension KeywordArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    // The words themselves, said directly: the argument parser's general versions of these
    // make the runtime search every protocol conformance in the binary for each option type,
    // at every start of the client (issue 18). The help reads the same.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
    public var defaultValueDescription: String { rawValue }
}

/// `contract create --plan` (CT-1, CT-4).
extension Plan: KeywordArgument {}

/// The client's `--lang` (UI-4).
extension Language: KeywordArgument {}

/// `contract create --two-step`: the contract's 2段階認証設定 (TF-7).
enum TwoStepSetting: String, KeywordArgument {
    case on, off
}

/// `person invite --role` (US-1): a contract's one contractor comes with the contract.
enum InvitedRole: String, KeywordArgument {
    case administrator, user

    var role: Role {
        switch self {
        case .administrator: .administrator
        case .user: .user
        }
    }
}

/// `audit --verify --anchor COUNT:HASH`: a head of the audit chain the system log recorded
/// (issue 19 finding 9).
extension AuditAnchor: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
