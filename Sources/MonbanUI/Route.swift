import MonbanCore
import MonbanTUI

/// Which screen of the manual is showing, with the data it shows.
public enum Route: Equatable, Sendable {
    /// ログイン and アカウントロック (LG-1..LG-5, LK-1), in Flows/Login.
    case login(LoginScreen)
    /// パスワードを忘れた方, リセットパスワード and the links' results (PW-1..PW-3, LK-2, LK-3), in Flows/Recovery.
    case recovery(RecoveryScreen)
    /// The two-step verification's screens (TF-1..TF-6), in Flows/TwoStep.
    case twoStep(TwoStepScreen)
    /// A federated or Active Directory sign-in's screens (LG-4, LG-5), in Flows/Federation.
    case federation(FederationScreen)
    /// 利用者ログイン登録 from the registration link (US-2), in Flows/Registration.
    case registration(RegistrationScreen)
    /// The メイン画面 and the line's screens (LG-6..LG-8), in Flows/Main.
    case main(MainScreen)
    /// 認証・契約情報変更ログイン, the menu and its items (MC-1, CT-3).
    case settings(SettingsRoute)
    /// The 管理コンソール (US-1, EM-2, LA-2).
    case console(ConsoleRoute)
    /// 受信箱 and one message (TK-2), in Flows/Inbox.
    case inbox(InboxScreen)
}

/// The quick engine work the runner does silently, between keys (`Effect.quietly`).
public enum QuickRead: Equatable, Sendable {
    /// A page of the user list (US-1), as typed or paged.
    case users(SignedIn, query: String, page: UserPageRequest, focusFirst: Bool)
    /// A page of the 操作ログ under the filters typed (AU-1).
    case auditLog(SignedIn, AuditLogPageRequest)
    /// The next slice of the 操作ログ's chain check (AU-1).
    case auditChainSlice
    /// A device flow's poll, when its time has come (LG-4, RFC 8628 §3.4–3.5).
    case pollDeviceFlow
    /// The provider vouched for the identity: sign in, register it, or change to it (LG-4, US-2, MC-2).
    case finishFederation(FederatedIdentity, FederationPurpose)
    /// A device flow that ended without an identity, in the audit log (LG-4).
    case recordFederatedFailure(LoginMethod, reason: String)
    /// Whether `monban demo` made the database, read right after the first paint (issue 19 finding 1).
    case databaseMark
    /// A sign-in ended, in the audit log with why (issue 20 item 8).
    case recordSignOut(personID: Int64, SignOutReason)
}

/// What a screen asks the client to do.
public enum Effect: Equatable, Sendable {
    case signIn(email: String, password: String)
    case requestReset(email: String)
    case resetPassword(Link, password: String, confirmation: String)
    /// TF-2: send an SMS code (to `phone` when enrolling, else the registered number).
    case sendSMS(SecondStep, phone: String?)
    /// TF-3: fetch the secret and QR code of the authenticator being enrolled.
    case setUpAuthenticator(SecondStep)
    case verifyCode(SecondStep, TwoStepMethod, code: String, remember: Bool)
    case recover(SecondStep, code: String, remember: Bool)
    /// LG-4: start the device flow of a federated service.
    case startFederation(LoginMethod, FederationPurpose)
    /// LG-5: look up a typed connection ID.
    case checkConnectionID(String, FederationPurpose)
    case directorySignIn(ConnectionID, user: String, password: String, FederationPurpose)
    case register(Link, password: String, confirmation: String)
    /// After a completed sign-in: the メイン画面 or the settings menu (MC-1).
    case arrive(SignedIn)
    /// The settings screens' engine work (MC-1, CT-3).
    case settings(SettingsEffect)
    /// The 管理コンソール's engine work (US-1, EM-2, LA-2).
    case console(ConsoleEffect)
    /// 回線情報通知設定's 決定 (LG-7).
    case setLineNotice(SignedIn, LineNumber, notify: Bool)
    case openLink(String)
    case openInbox
    /// Engine work the runner does at once and silently: no 確認しています… message and
    /// no busy state, for quick reads that keep up with the keys and the clock.
    case quietly(QuickRead)

    // Navigation, returned by a flow and done at once by `App.navigate`, the one place
    // the history changes.
    case push(Route)
    /// A screen prepared by the flow (its fields filled, its focus set), on top.
    case open(Screen)
    /// The screen on top gives way to this one.
    case replace(Screen)
    /// The screen on top taken away, nothing read again (戻る is `.back`).
    case pop
    /// ログアウト: the sign-in ends, audited as chosen, and the login screen (issue 20 item 8).
    case signOut
    /// Replace the whole history with this screen (the login screen: nobody is signed in).
    case home(Route)
    /// Replace the whole history with these screens, the last on top.
    case restart([Screen])
    case back
    /// トップ画面へ: back to the メイン画面 below, else the login screen (MC-1).
    case toMain
    /// The settings menu in place of the closest menu below and every screen above it (CT-3).
    case showMenu(Screen)
    /// The menu after 認証・契約情報変更ログイン: above the same person's メイン画面 when
    /// it is below (トップ画面へ goes back to it), else above the login screen (MC-1).
    case menuAfterSignIn(personID: Int64, Screen)
    /// Out of a federated or Active Directory sign-in's screens, to where it started (LG-4, LG-5).
    case leaveFederation
    /// The screen on top shows this route, its form and message kept.
    case update(Route)
    /// The screen on top says this.
    case say(String, Style)
    case quit
}
