import Foundation

/// The text an outbox row keeps in clear in place of its secrets (issue 19 finding 4,
/// TM-2): every link (it carries a ticket) and an SMS's code. The secrets themselves are
/// sealed by the engine, or gone once the message is delivered or expired.
public enum OutboxRedaction {
    /// In place of a link in a stored body.
    public static let linkPlaceholder = "［リンクは非表示］"
    /// In place of an SMS code in a stored body.
    public static let codePlaceholder = "［コードは非表示］"

    /// `body` with each of `links` and, for an SMS, every code replaced by its placeholder.
    /// A code is a run of exactly six ASCII digits (SMSPolicy's codes), used for rows queued
    /// before the engine passed its secrets (the migration); the engine names them itself.
    public static func redact(body: String, links: [String], isSMS: Bool, codes: [String] = []) -> String {
        var text = body
        for link in links.sorted(by: { $0.count > $1.count }) where !link.isEmpty {
            text = text.replacingOccurrences(of: link, with: linkPlaceholder)
        }
        for code in codes where !code.isEmpty {
            text = text.replacingOccurrences(of: code, with: codePlaceholder)
        }
        if isSMS { text = replacingSixDigitRuns(text) }
        return text
    }

    /// The links column's JSON array; empty when it is not one.
    public static func links(fromJSON json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    private static func replacingSixDigitRuns(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.count == 6 ? codePlaceholder : run
            run = ""
        }
        for ch in text {
            if ch.isASCII, ch.isNumber { run.append(ch) } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }
}
