import Foundation

/// A JSON value as a provider sent it.
enum JSONValue: Decodable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

/// A small read-only view of a JSON object from a provider, lenient where
/// providers differ (numbers sent as strings).
struct JSONObject {
    private let values: [String: JSONValue]

    init?(bytes: [UInt8]) {
        guard !bytes.isEmpty,
            let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
        else { return nil }
        values = object
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// A non-empty string.
    func string(_ key: String) -> String? {
        guard case .string(let value) = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// A number, or a string holding one (some providers send `"expires_in": "900"`).
    func number(_ key: String) -> Double? {
        switch values[key] {
        case .number(let value): return value
        case .string(let value): return Double(value)
        default: return nil
        }
    }

    /// The strings of an array (non-strings skipped).
    func strings(_ key: String) -> [String]? {
        guard case .array(let items) = values[key] else { return nil }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }
}
