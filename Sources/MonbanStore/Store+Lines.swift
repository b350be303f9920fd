import Foundation

// line, line_notice (LA-2, LG-6, LG-7)

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
