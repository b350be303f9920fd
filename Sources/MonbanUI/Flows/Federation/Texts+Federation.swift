import MonbanCore
import MonbanTUI

/// Federated and Active Directory sign-in, 利用者ログイン登録 (manual §1-2, §1-3, §1-5).
extension Texts {
    static func serviceName(_ m: LoginMethod) -> Text {
        switch m {
        case .google: Text("Google", "Google")
        case .facebook: Text("Facebook", "Facebook")
        case .microsoft: Text("Microsoft", "Microsoft")
        case .dAccount: Text("dアカウント", "d account")
        case .activeDirectory: Text("Active Directory", "Active Directory")
        case .emailPassword: Text("メールアドレス・パスワード", "e-mail and password")
        }
    }

    /// The title of a service's sign-in: the login screen's button text.
    static func withService(_ m: LoginMethod) -> Text {
        switch m {
        case .google: google
        case .facebook: facebook
        case .microsoft: microsoft
        case .dAccount: dAccount
        case .activeDirectory: directoryLogin
        case .emailPassword: loginTitle
        }
    }

    // Device flow (LG-4)
    public static let deviceIntro = Text(
        "スマートフォンなどで下のQRコードを読み取るか、URLを開いてコードを入力し、ログインを許可してください。",
        "On your phone, scan the QR code or open the URL and enter the code, then allow the sign-in.")
    public static let deviceURL = Text("URL", "URL")
    public static let deviceCode = Text("コード", "Code")
    public static let deviceWaiting = Text("許可されるのを待っています…", "Waiting for you to allow the sign-in…")
    public static let deviceValidUntil = Text("有効期限", "Valid until")
    public static let qrBackHint = Text("任意のキーで戻る", "Any key: back")
    /// Under 「---または---」 where the services are the embedded demo provider (issue 19 finding 6).
    public static let demoProvidersNotice = Text("※デモ用の認証サービスです。実際のアカウントではログインできません。",
                                                 "Note: these are demo services; no real account signs in here.")
    public static let demoOpen = Text("デモ認証ページを開く（この端末で許可する）", "Open the demo provider's page (allow on this terminal)")
    public static let demoTitle = Text("デモ認証サービス", "Demo sign-in service")
    public static let demoIntro = Text(
        "これはキオスク用のデモ認証サービスです。ログインする利用者を選び、「許可する」を押してください。",
        "This is the kiosk's demo sign-in service. Choose who signs in and press \"Allow\".")
    public static let demoAllow = Text("許可する", "Allow")
    public static let demoDeny = Text("拒否する", "Deny")
    public static let demoApproved = Text("許可しました。", "Allowed.")
    public static let signOutFirst = Text(
        "お客様が意図しないアカウントで本サービスのログイン設定をすることを防ぐため、登録したい認証連携するサービスから一度ログアウトした後に、本手順のログイン方法を選択することを推奨します。",
        "So that no account other than the one you intend gets registered, sign out of the service first, then choose it here.")

    // Refusals (LG-4)
    public static let notRegistered = Text(
        "このアカウントは本サービスに登録されていません。登録したアカウントでログインしてください。",
        "This account is not registered with the service. Sign in with the account you registered.")
    public static let federationDenied = Text("ログインが許可されませんでした。", "The sign-in was not allowed.")
    public static let federationExpired = Text(
        "コードの有効期限が切れました。もう一度お試しください。", "The code has expired. Please try again.")
    public static let federationFailed = Text("認証サービスでエラーが発生しました", "The sign-in service failed")
    public static let identityInUse = Text(
        "このアカウントは既に別の利用者に登録されています。", "This account is already registered to someone else.")
    public static let facebookToFacebook = Text(
        "Facebookアカウントから別のFacebookアカウントへは直接変更できません。一度別のログイン方法に変更してから設定してください。",
        "A Facebook login cannot move straight to another Facebook account: change to another method first.")

    // Active Directory (§1-3)
    public static let directoryLogin = Text("Active Directoryアカウントでログイン", "Sign in with Active Directory")
    public static let connectionIDTitle = Text("接続ID入力", "Connection ID")
    public static let connectionIDIntro = Text(
        "契約者から周知された接続ID（adfs-で始まる19文字）を入力してください。",
        "Enter the connection ID your contractor gave you (19 characters starting with adfs-).")
    public static let connectionID = Text("接続ID", "Connection ID")
    public static let connectionIDConfirmTitle = Text("接続ID確認", "Confirm the connection ID")
    public static let connectionIDConfirmIntro = Text(
        "契約者から周知された接続IDとなっているかご確認のうえ、「確認」を押してください。",
        "Check that this is the connection ID your contractor gave you, then press \"Confirm\".")
    public static let connectionIDKeep = Text(
        "※接続IDは、ログインの際に必要となりますので、メモを取り安全な場所に保管してください。",
        "You need the connection ID to sign in: note it and keep it somewhere safe.")
    public static let confirm = Text("確認", "Confirm")
    public static let unknownConnectionID = Text(
        "接続IDが正しくありません。契約者にご確認ください。", "This connection ID is not known. Ask your contractor.")
    public static let directoryTitle = Text("Active Directory サインイン", "Active Directory sign-in")
    public static let directoryIntro = Text(
        "ADのアカウント（[ADのユーザ名]@[ADのドメイン]）とパスワードを入力し、「サインイン」を押してください。",
        "Enter your AD account ([user name]@[AD domain]) and password, then press \"Sign in\".")
    public static let directoryDomainHint = Text("※ADのドメインが不明の場合は、契約者にご確認ください。", "If you do not know the AD domain, ask your contractor.")
    public static let directoryUser = Text("ADのアカウント", "AD account")
    public static let signInButton = Text("サインイン", "Sign in")
    public static let changeConnectionID = Text("接続IDを変更する", "Use another connection ID")
    public static let directoryWrongDomain = Text(
        "ADのアカウントは[ADのユーザ名]@[ADのドメイン]の形で入力してください（ドメイン: {d}）。",
        "Enter the AD account as [user name]@[AD domain] (domain: {d}).")
    public static let directoryWrongCredentials = Text(
        "ADのユーザ名またはパスワードが正しくありません。", "The AD user name or password is not correct.")
    public static let directoryDisabled = Text(
        "このADのアカウントは無効になっています。ADの管理者にご確認ください。",
        "This AD account is disabled. Ask your AD administrator.")
    public static let directoryLocked = Text(
        "このADのアカウントはロックされています。ADの管理者にご確認ください。",
        "This AD account is locked. Ask your AD administrator.")
    public static let directoryExpired = Text(
        "ADのパスワードの有効期限が切れています。Windowsなどでパスワードを変更してください。",
        "The AD password has expired. Change it (in Windows, for example) first.")
    public static let directoryAccountExpired = Text(
        "このADのアカウントは有効期限が切れています。ADの管理者にご確認ください。",
        "This AD account has expired. Ask your AD administrator.")
    public static let directoryEmpty = Text(
        "ADのアカウントとパスワードを入力してください。", "Enter your AD account and password.")
    public static let directoryUnreachable = Text(
        "Active Directoryに接続できません。しばらくしてからお試しいただくか、契約者にご確認ください。",
        "Active Directory cannot be reached. Try again later, or ask your contractor.")

    // 利用者ログイン登録 (§1-5)
    public static let registrationTitle = Text("利用者ログイン登録", "Register how you sign in")
    public static let passwordAgain = Text("パスワード（確認用）", "Password (again)")
    public static let register = Text("登録", "Register")
    public static func registerWith(_ m: LoginMethod) -> Text {
        let s = serviceName(m)
        return m == .dAccount ? Text("dアカウントで登録", "Register with d account")
            : Text("\(s.ja)アカウントで登録", "Register with \(s.en)")
    }
    public static let confirmTitle = Text("申込確認", "Check your application")
    public static let confirmIntro = Text("以下の内容でお間違えないで下さい？", "Is everything below correct?")
    public static let registrationMethod = Text("登録方法", "Method")
    public static let byPassword = Text("メールアドレス・パスワードで登録", "E-mail address and password")
    public static let adminEmail = Text("管理者メールアドレス", "E-mail address")
    public static let hidden = Text("(非表示)", "(hidden)")
    public static let cancel = Text("キャンセル", "Cancel")
    public static let doneTitle = Text("申込完了", "Application complete")
    public static let doneBody = Text(
        "ログイン方法の登録が完了しました。「OK」を押すとログイン画面が表示されます。",
        "Your sign-in method is registered. Press \"OK\" for the login screen.")
    public static let ok = Text("OK", "OK")
}
