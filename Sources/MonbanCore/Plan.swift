/// 基本プラン or 無料トライアル (CT-1).
public enum Plan: String, Sendable, CaseIterable, Codable {
    case basic
    case trial

    public init(parsing text: String) throws(EngineError) {
        guard let plan = Plan(rawValue: text.lowercased()) else { throw .unknownPlan(text) }
        self = plan
    }
}
