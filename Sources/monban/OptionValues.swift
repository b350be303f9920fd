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
}

/// `contract create --plan` (CT-1, CT-4).
extension Plan: KeywordArgument {}

/// The client's `--lang` (UI-4).
extension Language: KeywordArgument {}

/// The client's `--route`: which entrance this terminal is (LG-6).
enum Entrance: String, KeywordArgument {
    /// The ordinary entrance: e-mail and password, federated or directory sign-in.
    case internet
    /// The line-authentication entrance (回線認証) of a terminal on a registered line.
    case line
}

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
