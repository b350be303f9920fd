import FoundationEssentials

/// The items of the 認証・契約情報変更メニュー (CT-3, manual §0).
public enum SettingsItem: String, Sendable, CaseIterable, Codable {
    // <認証情報の変更>
    /// ログイン方法の設定 (MC-2).
    case loginMethod = "login_method"
    /// メールアドレス変更 (EM-1).
    case emailChange = "email_change"
    /// パスワード変更 (PC-1).
    case passwordChange = "password_change"
    // <認証情報の設定>
    /// アクセス経路設定 (LA-1).
    case accessRoute = "access_route"
    /// 2段階認証設定 (TF-7).
    case twoStepSetting = "two_step_setting"
    /// Active Directory設定 (LG-5).
    case activeDirectory = "active_directory"

    /// The items of <認証情報の変更>, in the manual's order.
    public static let credentials: [SettingsItem] = [.loginMethod, .emailChange, .passwordChange]
    /// The items of <認証情報の設定>, in the manual's order.
    public static let contractSettings: [SettingsItem] = [.accessRoute, .twoStepSetting, .activeDirectory]
}

/// The manual's table of who may use which menu item (CT-3, §0):
///
/// | item | basic: contractor | basic: others | trial: contractor | trial: others |
/// |---|---|---|---|---|
/// | ログイン方法の設定 | ○ | × | × | × |
/// | メールアドレス変更 | ○ | × | × | × |
/// | パスワード変更 (e-mail + password only) | ○ | ○ | ○ | ○ |
/// | アクセス経路設定 | ○ | × | ○ | × |
/// | 2段階認証設定 | ○ | × | ○ | × |
/// | Active Directory設定 | ○ | × | ○ | × |
///
/// The engine refuses the same actions: a hidden button is not the only guard.
public enum SettingsPolicy {
    public static func allows(_ item: SettingsItem, role: Role, plan: Plan, loginMethod: LoginMethod) -> Bool {
        switch item {
        case .loginMethod, .emailChange: plan == .basic && role == .contractor
        case .passwordChange: loginMethod == .emailPassword
        case .accessRoute, .twoStepSetting, .activeDirectory: role == .contractor
        }
    }

    /// The items `person` may use in `contract` now; none once the contract is cancelled (CT-2).
    public static func items(for person: Person, in contract: Contract, at now: Date) -> [SettingsItem] {
        if case .cancelled = contract.status(at: now) { return [] }
        return SettingsItem.allCases.filter {
            allows($0, role: person.role, plan: contract.plan, loginMethod: person.loginMethod)
        }
    }
}

/// What the 認証・契約情報変更メニュー shows the signed-in person (CT-2, CT-3).
public struct SettingsMenu: Sendable, Equatable {
    public var person: Person
    public var contract: Contract
    /// The items the person may use, in the manual's order.
    public var items: [SettingsItem]
    /// A free trial's end (shown on the menu), nil for the basic plan.
    public var trialEndsAt: Date?
    /// Whether the trial has ended and the contract is cancelled.
    public var cancelled: Bool
    /// For the contractor of a trial: the last moment it can move to the basic plan
    /// (15 days after its end); nil when it cannot (not a trial, not the contractor, too late).
    public var convertibleUntil: Date?
}

/// Where a sign-in leads: the service (メイン画面), or the 認証・契約情報変更メニュー
/// through 認証・契約情報変更ログイン (MC-1).
public enum SignInPurpose: String, Sendable, Equatable, Codable {
    case service
    case settings
}
