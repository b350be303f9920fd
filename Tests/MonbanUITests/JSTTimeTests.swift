import Foundation
import MonbanCore
@testable import MonbanTUI
@testable import MonbanUI
import XCTest

/// Dates on screens are JST (the service's time) without DateFormatter, which needs
/// CoreFoundation: the same text as DateFormatter gives, across leap years and centuries.
final class JSTTimeTests: XCTestCase {
    func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
        f.dateFormat = format
        return f
    }

    func testMatchesDateFormatter() {
        let formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "MM-dd HH:mm", "HH:mm:ss", "HH:mm"]
        let formatters = formats.map(formatter)
        var generator = SystemRandomNumberGenerator()
        var instants: [Double] = [0, -1, 86_400 * 365.25 * 30, 951_782_400, 951_868_799, 4_107_542_399, 1_790_000_000.999]
        for _ in 0..<2_000 { instants.append(Double.random(in: -2_000_000_000...6_000_000_000, using: &generator)) }
        for t in instants {
            let date = Date(timeIntervalSince1970: t)
            for (format, f) in zip(formats, formatters) {
                XCTAssertEqual(Screen.jst(date, format), f.string(from: date), "\(t) \(format)")
            }
        }
    }

    func testTheFieldsOfAKnownMoment() {
        // 2000-02-29 23:59:59 JST, a leap day of a century divisible by 400.
        let t = JSTTime(Date(timeIntervalSince1970: 951_836_399))
        XCTAssertEqual(t, JSTTime(year: 2000, month: 2, day: 29, hour: 23, minute: 59, second: 59))
    }
}
