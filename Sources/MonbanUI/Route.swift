import MonbanCore
import MonbanTUI

/// Which screen of the manual is showing, with the data it shows.
public enum Route: Equatable, Sendable {
    /// §1-1 ログイン.
    case login
    /// §6-1 アカウントロック (LK-1).
    case locked
    /// §6-2 パスワードを忘れた方 (PW-1).
    case forgot
    /// PW-1: the same answer whether or not the address exists.
    case forgotSent
    /// §6-2 リセットパスワード (PW-2), for the link's person.
    case reset(Link, email: String)
    /// PW-3 completed.
    case resetDone
    /// LK-2: the unlock link worked.
    case unlocked(email: String)
    /// A link that cannot be used: expired (LK-3 offers the reset), used, invalid, or not yet supported.
    case linkProblem(title: Text, message: Text, offerReset: Bool)
    /// The two-step verification's screens (TF-1..TF-6), in Flows/TwoStep.
    case twoStep(TwoStepScreen)
    /// A federated or Active Directory sign-in's screens (LG-4, LG-5), in Flows/Federation.
    case federation(FederationScreen)
    /// 利用者ログイン登録 from the registration link (US-2), in Flows/Registration.
    case registration(RegistrationScreen)
    /// LG-8 メイン画面.
    case main(SignedIn)
    /// 認証・契約情報変更ログイン, the menu and its items (MC-1, CT-3).
    case settings(SettingsRoute)
    /// The 管理コンソール (US-1, EM-2, LA-2).
    case console(ConsoleRoute)
    /// §1-4 回線認証エラー (LG-6), naming both causes; the terminal's line.
    case lineAuthError(line: String?)
    /// §1-4 回線情報通知設定 (LG-7): the first sign-in from a West-Japan line.
    case lineNotice(SignedIn, LineNumber)
    /// 受信箱: the messages the service sent (TK-2).
    case inbox([OutboxMessage])
    /// One message, its links selectable.
    case message(OutboxMessage)
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
    case push(Route)
    /// A screen prepared by the flow (its fields filled, its focus set), on top.
    case open(Screen)
    /// Replace the whole history with this screen.
    case home(Route)
    case back
    case quit
}
