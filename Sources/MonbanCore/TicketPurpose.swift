/// What an e-mailed link is for (TK-1). The raw value is stored with the ticket;
/// `path` is the link's path.
public enum TicketPurpose: String, Sendable, CaseIterable, Codable {
    /// ロック解除 (LK-2).
    case unlock
    /// リセットパスワード (PW-1).
    case passwordReset = "reset"
    /// メールアドレス変更登録 (EM-1, EM-2).
    case emailChange = "email_change"
    /// ログイン方法の設定変更 (EM-2, EM-5).
    case loginMethodChange = "login_method_change"
    /// 利用者ログイン登録 (US-1, CT-4).
    case registration
    /// メールアドレス変更の確認 (EM-2, issue 19 finding 7): an administrator's change of a
    /// registered person's address, approved from the person's current address.
    case emailChangeApproval = "email_change_approval"

    public var path: String {
        switch self {
        case .unlock: "/lo/unblock"
        case .passwordReset: "/lo/reset"
        case .emailChange: "/lo/email"
        case .loginMethodChange: "/lo/method"
        case .registration: "/lo/register"
        case .emailChangeApproval: "/lo/email-approve"
        }
    }

    public init?(path: String) {
        guard let p = Self.allCases.first(where: { $0.path == path }) else { return nil }
        self = p
    }
}
