/// A person's place in a contract (CT-1).
public enum Role: String, Sendable, CaseIterable, Codable {
    /// 契約者: exactly one per contract.
    case contractor
    /// 管理者権限を持つユーザ.
    case administrator
    /// 契約者以外の利用者 without the administrator role.
    case user
}
