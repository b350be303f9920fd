import FoundationEssentials

/// The free trial's calendar (CT-2): it ends 30 days after it starts and is then
/// cancelled automatically; it can move to the basic plan until 15 days after the end.
public enum TrialPolicy {
    public static let trialLength: TimeInterval = 30 * 86_400
    public static let conversionWindow: TimeInterval = 15 * 86_400

    public static func endDate(startedAt: Date) -> Date { startedAt + trialLength }

    /// Cancelled from the end of day 30 on.
    public static func isCancelled(startedAt: Date, now: Date) -> Bool { now >= endDate(startedAt: startedAt) }

    /// Conversion is possible from the start up to and including 15 days after the end.
    public static func canConvert(startedAt: Date, now: Date) -> Bool {
        now <= endDate(startedAt: startedAt) + conversionWindow
    }
}

extension TrialPolicy {
    /// The last moment a trial that started at `startedAt` can move to the basic plan.
    public static func conversionDeadline(startedAt: Date) -> Date { endDate(startedAt: startedAt) + conversionWindow }
}
