import FoundationEssentials

/// 契約 (CT-1).
public struct Contract: Sendable, Equatable {
    public enum AccessRoute: String, Sendable, Codable {
        /// 回線認証+インターネット (default).
        case lineAndInternet = "line_and_internet"
        /// 回線認証のみ.
        case lineOnly = "line_only"
    }

    public enum Status: Sendable, Equatable {
        case active
        /// A free trial within its 30 days, ending at the date.
        case trial(endsAt: Date)
        /// A free trial past its 30 days (CT-2).
        case cancelled(endedAt: Date)
    }

    public var id: Int64
    public var plan: Plan
    public var createdAt: Date
    public var trialStartedAt: Date?
    public var twoFactorEnabled: Bool
    public var accessRoute: AccessRoute

    public func status(at now: Date) -> Status {
        guard plan == .trial, let start = trialStartedAt else { return .active }
        let end = TrialPolicy.endDate(startedAt: start)
        return TrialPolicy.isCancelled(startedAt: start, now: now) ? .cancelled(endedAt: end) : .trial(endsAt: end)
    }
}
