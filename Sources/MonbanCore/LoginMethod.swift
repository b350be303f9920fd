/// The one way a person signs in (LG-1).
public enum LoginMethod: String, Sendable, CaseIterable, Codable {
    case emailPassword = "email_password"
    case google
    case facebook
    case microsoft
    case dAccount = "d_account"
    case activeDirectory = "active_directory"

    /// Whether a person of `role` may use this method: the contractor cannot use AD (LG-1).
    public func isAllowed(for role: Role) -> Bool {
        !(self == .activeDirectory && role == .contractor)
    }
}
