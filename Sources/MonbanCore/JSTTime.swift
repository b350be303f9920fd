import FoundationEssentials

/// A moment's calendar fields in Japan Standard Time (UTC+9, no daylight saving), the
/// service's time, by arithmetic on the proleptic Gregorian calendar.
public struct JSTTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int

    public init(_ date: Date) {
        // To the millisecond first, as DateFormatter does, then down to the second.
        let milliseconds = ((date.timeIntervalSince1970 + 9 * 3600) * 1000).rounded()
        let seconds = Int((milliseconds / 1000).rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = secondOfDay < 0 ? days - 1 : days
        let s = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        hour = s / 3600
        minute = s % 3600 / 60
        second = s % 60
        // Days since 1970-01-01 to a civil date (H. Hinnant, "chrono-compatible low-level date algorithms").
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }
}
