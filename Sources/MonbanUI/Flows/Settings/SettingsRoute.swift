import MonbanCore
import MonbanTUI

/// The screens of 認証・契約情報変更ログイン and メニュー (MC-1, CT-3) and of its items.
/// Each carries the menu it came from: who is signed in, in which contract.
public enum SettingsRoute: Equatable, Sendable {
    /// §2-1 (2) 認証・契約情報変更ログイン.
    case login
    /// §3 (5) 認証・契約情報変更メニュー.
    case menu(SettingsMenu)
    /// §2-1 ① ログイン方法の設定 (MC-2).
    case loginMethod(SettingsMenu)
    /// §2-1 ① メールアドレス・パスワード認証の設定.
    case methodPassword(SettingsMenu)
    /// §2-1 ② メールアドレス変更 (EM-1).
    case emailChange(SettingsMenu)
    /// EM-1: the メールアドレス変更登録 mail went to `address`.
    case emailChangeSent(SettingsMenu, address: String)
    /// §2-2 ② メールアドレス変更確認 of a password user: the new password twice (EM-4).
    case emailConfirm(Link, LinkInfo)
    /// §2-2 ② メールアドレス変更確認: the change is complete (EM-3), 閉じる → login.
    case emailConfirmed(address: String)
    /// An administrator's change of the address, approved from the current address: the
    /// change link went to `address` (issue 19 finding 7).
    case emailApproved(address: String)
    /// §3 パスワード変更 (PC-1).
    case passwordChange(SettingsMenu)
    /// §3 (5) パスワード変更完了.
    case passwordChanged(SettingsMenu)
    /// §5-1 (4) 2段階認証設定 (TF-7).
    case twoStep(SettingsMenu)
    /// §5-1 (5) 2段階認証設定確認, for the chosen setting.
    case twoStepConfirm(SettingsMenu, enabled: Bool)
    /// §4-1 (4) アクセス経路設定 (LA-1).
    case accessRoute(SettingsMenu)
    /// §4-1 (5) アクセス経路変更確認.
    case accessRouteConfirm(SettingsMenu, Contract.AccessRoute)
    /// §4-1 (6) アクセス経路完了.
    case accessRouteDone(SettingsMenu)
    /// Active Directory設定 (LG-5).
    case directory(SettingsMenu, DirectorySettings?)
    /// Active Directory設定: done, the connection ID mailed.
    case directoryDone(SettingsMenu, DirectorySettings)
    /// CT-2: a free trial moves to the basic plan.
    case planChange(SettingsMenu)
}

/// What the settings screens ask the engine to do.
public enum SettingsEffect: Equatable, Sendable {
    /// Opens the menu for the person (fresh from the engine); `replacing` the
    /// screens above the closest menu or main screen.
    case openMenu(personID: Int64)
    case changePassword(personID: Int64, current: String, new: String, again: String)
    case requestEmailChange(personID: Int64, new: String, again: String)
    case confirmEmailChange(Link, password: String, again: String)
    case methodPassword(personID: Int64, current: String?, password: String, again: String)
    case setTwoStep(personID: Int64, enabled: Bool)
    case setAccessRoute(personID: Int64, Contract.AccessRoute)
    case openDirectory(personID: Int64)
    case configureDirectory(personID: Int64, url: String, domain: String, caFile: String)
    case convertTrial(personID: Int64)
}
