import MonbanCore
import MonbanTUI

/// 認証・契約情報変更ログイン and メニュー, and the screens of its items (manual §0,
/// §2-1, §3, §4-1, §5-1).
extension Texts {
    // §2-1 (2) 認証・契約情報変更ログイン
    public static let settingsLoginTitle = Text("認証・契約情報変更ログイン", "Sign in to change settings")
    public static let settingsLoginIntro = Text(
        "設定しているログイン方法でログインしてください。", "Sign in with the login method you have set up.")

    // §3 (5) 認証・契約情報変更メニュー
    public static let menuTitle = Text("認証・契約情報変更メニュー", "Authentication and contract settings")
    public static let menuIntro = Text(
        "あなたに許可されたメニューのみ表示しております。\nご不明点がございましたら、サポートセンタまでお問い合わせください。",
        "Only the items you are allowed to use are shown.\nFor questions, please contact the support center.")
    public static let menuCredentials = Text("<認証情報の変更>", "<Change your credentials>")
    public static let menuCredentialsIntro = Text(
        "あなたの認証情報を変更できます。\n※メールアドレス変更では本サービスで登録しているメールアドレスを変更できます。",
        "You can change your credentials.\n* \"Change e-mail address\" changes the e-mail address registered with the service.")
    public static let menuSettings = Text("<認証情報の設定>", "<Authentication settings>")
    public static let menuSettingsIntro = Text(
        "ご契約している本サービスにおける設定の確認・変更が行えます。\n※認証方法は登録されている全てのユーザーに適用されます。",
        "Check and change the settings of your contract.\n* Authentication settings apply to every registered user.")
    public static let menuNothing = Text(
        "ご利用いただける項目はありません。", "There is nothing you can change here.")
    public static let toTop = Text("トップ画面へ", "To the top screen")
    public static let toMenu = Text("認証・契約情報メニューへ", "Back to the settings menu")

    static func item(_ item: SettingsItem) -> Text {
        switch item {
        case .loginMethod: Text("ログイン方法の設定", "Login method")
        case .emailChange: Text("メールアドレス変更", "Change e-mail address")
        case .passwordChange: Text("パスワード変更", "Change password")
        case .accessRoute: Text("アクセス経路設定", "Access route")
        case .twoStepSetting: Text("2段階認証設定", "Two-step verification")
        case .activeDirectory: Text("Active Directory設定", "Active Directory")
        }
    }

    // CT-2: the plan on the menu
    public static let menuPlan = Text("<ご契約プラン>", "<Your plan>")
    public static let trialUntil = Text("無料トライアル（トライアル終了日: {d}）", "Free trial (ends {d})")
    public static let trialCancelled = Text(
        "無料トライアル期間の終了により、ご契約は解約されました（{d}）。",
        "The free trial ended and the contract was cancelled ({d}).")
    public static let trialConvertUntil = Text(
        "{d}まで、基本プランへのプラン変更が可能です。", "You can move to the basic plan until {d}.")
    public static let trialNotes = Text(
        "※無料トライアルの場合、トライアル期間終了後15日以内であれば、基本プランへのプラン変更が可能です。\n※無料トライアルの解約は不可となります。30日経過後自動的に解約となります。",
        "* A free trial can move to the basic plan until 15 days after it ends.\n* A free trial cannot be cancelled by hand: it is cancelled automatically after 30 days.")
    public static let toBasic = Text("基本プランへ変更", "Move to the basic plan")
    public static let planChangeTitle = Text("プラン変更", "Change plan")
    public static let planChangeIntro = Text(
        "無料トライアルから基本プランへ変更します。変更後は、基本プランのすべてのメニューをご利用いただけます。",
        "The free trial moves to the basic plan. Afterwards, every menu item of the basic plan is available.")
    public static let planChanged = Text("基本プランへ変更しました。", "The contract is now on the basic plan.")
    public static let cancelledHint = Text(
        "契約者の方は、トライアル終了後15日以内であれば「パスワード変更、その他契約情報の変更はこちら」から基本プランへ変更できます。",
        "Contractors can move to the basic plan within 15 days after the trial's end, through the settings link on the sign-in screen.")

    // §2-1 ① ログイン方法の設定 (MC-2)
    public static let methodTitle = Text("ログイン方法の設定", "Login method")
    public static let methodHeading = Text("<ログイン方法の変更>", "<Change the login method>")
    public static let methodIntro = Text(
        "新しく利用するログイン方法を選択してください。", "Choose the login method to use from now on.")
    public static let methodCurrent = Text("ご利用中のログイン方法", "Current login method")
    static func methodName(_ m: LoginMethod) -> Text {
        switch m {
        case .emailPassword: Text("メールアドレス・パスワード", "E-mail address and password")
        case .google: Text("Googleアカウント", "Google account")
        case .facebook: Text("Facebookアカウント", "Facebook account")
        case .microsoft: Text("Microsoftアカウント", "Microsoft account")
        case .dAccount: Text("dアカウント", "d account")
        case .activeDirectory: Text("Active Directoryアカウント", "Active Directory account")
        }
    }
    public static let methodEmailNote = Text(
        "※「メールアドレスとパスワードによる認証」を利用中で、メールアドレス（ID）を変更したい場合は、「メールアドレス変更」をご利用ください。",
        "* To change the e-mail address (ID) you sign in with, use メールアドレス変更 (change e-mail address).")
    public static let methodFacebookNote = Text(
        "※登録済みの「Facebookアカウント」から異なるFacebookアカウントへは切り替えできません。異なるFacebookアカウントに変更したい場合は、一度別のログイン方法に変更してください。",
        "* A registered Facebook account cannot be switched to a different Facebook account. To use another Facebook account, change to another login method first.")
    public static let methodNoAD = Text(
        "■契約者は、Active Directoryアカウントは選択できません。", "■ The contractor cannot choose an Active Directory account.")
    public static let methodSignOutFirst = Text(
        "■お客様が意図しないアカウントで本サービスのログイン設定をすることを防ぐため、登録したい認証連携するサービスから一度ログアウトした後に、本手順のログイン方法を選択することを推奨します。",
        "■ To avoid binding an account you did not intend, sign out of the service you want to use first, then choose it here.")
    public static let methodChanged = Text(
        "ログイン方法を変更しました。変更したログイン方法でログインしてください。",
        "The login method was changed. Sign in with the new login method.")

    // §2-1 ① メールアドレス・パスワード認証の設定
    public static let methodPasswordTitle = Text("メールアドレス・パスワード認証の設定", "E-mail and password sign-in")
    public static let passwordHeading = Text("<ログインに使用しているパスワードの変更>", "<Change the password you sign in with>")
    public static let passwordIntro = Text(
        "新しくログインに使用するパスワードを入力してください。", "Enter the new password to sign in with.")
    public static let registrationEmail = Text("新規登録用メールアドレス", "E-mail address to register")
    public static let passwordConfirmLabel = Text("パスワード(確認用)", "Password (again)")
    public static let afterChangeLogin = Text(
        "変更後、ログイン画面が表示されます。変更したログイン方法でログインを実施してください。",
        "Afterwards the sign-in screen appears: sign in with the new login method.")

    // §2-1 ② メールアドレス変更 (EM-1)
    public static let emailChangeTitle = Text("メールアドレス変更", "Change e-mail address")
    public static let emailChangeIntro = Text(
        "変更するメールアドレスと確認用のメールアドレスを入力し、「メール送信」を押してください。新しいメールアドレス宛に、メールアドレス変更登録メールを送信します。",
        "Enter the new address twice and choose Send mail. A confirmation e-mail is sent to the new address.")
    public static let currentEmail = Text("現在のメールアドレス", "Current address")
    public static let newEmail = Text("変更するメールアドレス", "New e-mail address")
    public static let newEmailAgain = Text("変更するメールアドレス（確認用）", "New e-mail address (again)")
    public static let sendMail = Text("メール送信", "Send mail")
    public static let emailChangeNote = Text(
        "※メール受領後、14日間以内にメール内のURLへアクセスしてください。変更が完了するまでは、現在のメールアドレスでログインできます。",
        "* Open the link in the e-mail within 14 days. Until then you sign in with your current address.")
    public static let emailChangeSentTitle = Text("メールアドレス変更登録メール送信", "Confirmation e-mail sent")
    public static let emailChangeSent = Text(
        "{a} 宛に、メールアドレス変更登録メールを送信しました。メール内のURLへアクセスし、メールアドレスの変更を完了してください（有効期限: 14日間）。",
        "A confirmation e-mail was sent to {a}. Open the link in it to complete the change (valid for 14 days).")
    public static let emailsDiffer = Text(
        "変更するメールアドレスと確認用のメールアドレスが一致しません。", "The two addresses do not match.")
    public static let emailUnchanged = Text(
        "現在のメールアドレスと同じです。", "This is your current address.")
    public static let emailInUse = Text(
        "このメールアドレスはすでに登録されています。", "This address is already registered.")

    // §2-2 ② メールアドレス変更確認 (EM-3, EM-4)
    public static let emailConfirmTitle = Text("メールアドレス変更確認", "Confirm e-mail change")
    public static let emailChangedTo = Text("変更後のメールアドレス", "New address")
    public static let emailConfirmAfter = Text(
        "「登録」を押すと、ログイン画面が表示されます。新しいメールアドレス（ID）とパスワードでログインしてください。\n※この手順を実施後、2段階認証の登録がリセットされます。次回ログイン時に、2段階認証を再登録してください。",
        "After 登録 (register), the sign-in screen appears: sign in with the new address (ID) and password.\n* Your two-step verification registration is reset: register it again at your next sign-in.")
    public static let emailApprovedTitle = Text("メールアドレス変更の承認", "E-mail change approved")
    public static let emailApproved = Text(
        "メールアドレスの変更を承認しました。変更後のメールアドレス宛にメールアドレス変更登録メールを送信しました。メール内のURLへアクセスすると、変更が完了します。",
        "You approved the change. The e-mail change confirmation was sent to the new address; the change is complete once its link is opened.")
    public static let emailChangeDone = Text("メールアドレス変更が完了しました。", "The e-mail address has been changed.")
    public static let close = Text("閉じる", "Close")
    /// §2-1 (3) 「「閉じる」をクリックすると、ログイン画面が表示されます。」 (issue 20 item 26).
    public static let closeToLogin = Text(
        "「閉じる」を押すと、ログイン画面が表示されます。", "Close takes you to the sign-in screen.")
    public static let emailChangedSignIn = Text(
        "メールアドレスを変更しました。新しいメールアドレス（ID）とパスワードでログインしてください。",
        "The e-mail address was changed. Sign in with the new address (ID) and password.")

    // §3 パスワード変更 (PC-1)
    public static let passwordChangeTitle = Text("パスワード変更", "Change password")
    public static let currentPassword = Text("現在のパスワード", "Current password")
    public static let changePasswordButton = Text("パスワード変更", "Change password")
    public static let passwordChangedTitle = Text("パスワード変更完了", "Password changed")
    public static let passwordChanged = Text(
        "パスワードの変更が完了しました。", "Your password has been changed.")
    public static let wrongCurrentPassword = Text(
        "現在のパスワードが正しくありません。", "The current password is wrong.")
    public static let passwordUnchanged = Text(
        "新しいパスワードが現在のパスワードと同じです。", "The new password is the same as the current one.")

    // §5-1 2段階認証設定 (TF-7)
    public static let twoStepSettingTitle = Text("2段階認証設定", "Two-step verification")
    /// §5-1 (4), the manual's words (issue 20 item 26): to whom it applies is the first note.
    public static let twoStepSettingIntro = Text(
        "2段階認証を有効／無効を選択し、「設定」を押してください。",
        "Choose on or off and choose Set.")
    public static let currentSetting = Text("現在の設定", "Current setting")
    public static let enabled = Text("有効", "On")
    public static let disabled = Text("無効", "Off")
    public static let enableTwoStep = Text("2段階認証を有効にする", "Turn two-step verification on")
    public static let disableTwoStep = Text("2段階認証を無効にする", "Turn two-step verification off")
    public static let set = Text("設定", "Set")
    public static let twoStepNotes = [
        Text("・本設定は、ログイン方法に「メールアドレス・パスワード」を設定している契約内のすべてのユーザに適用されます。",
             "• This setting applies to every user of the contract who signs in with an e-mail address and password."),
        Text("・2段階認証を無効にする場合、第三者による不正ログインのリスクが高まります。2段階認証を無効にする設定の前に、社内の情報セキュリティ責任者等にご相談のうえ、設定してください。",
             "• Turning two-step verification off raises the risk of someone else signing in. Consult your information-security officer before turning it off."),
    ]
    public static let twoStepConfirmTitle = Text("2段階認証設定確認", "Confirm two-step verification setting")
    public static let twoStepConfirmDisable = Text(
        "2段階認証を無効にします。ログイン方法に「メールアドレス・パスワード」を設定している契約内のすべてのユーザは、次回のログインからパスワードのみでログインできるようになります。\n2段階認証を無効にする場合、第三者による不正ログインのリスクが高まります。2段階認証を無効にする設定の前に、情報セキュリティ責任者、ネットワーク責任者、セキュリティ責任者等にご相談のうえ、設定してください。",
        "Two-step verification will be turned off. From their next sign-in, every user of the contract who signs in with an e-mail address and password signs in with the password alone.\nThis raises the risk of someone else signing in. Consult your information-security, network or security officer before turning it off.")
    public static let twoStepConfirmEnable = Text(
        "2段階認証を有効にします。ログイン方法に「メールアドレス・パスワード」を設定している契約内のすべてのユーザは、次回のログインから2段階認証（SMSまたはAuthenticator）が要求されます。",
        "Two-step verification will be turned on. From their next sign-in, every user of the contract who signs in with an e-mail address and password is asked for a second step (SMS or an authenticator app).")
    /// §5-1 (5), the manual's words (issue 20 item 26).
    public static let twoStepConfirmIntro = Text(
        "画面内の説明文をご確認のうえ、「上記の説明を確認しました。」にチェックをし、「設定」を押してください。",
        "Read the explanation, tick \"I have read the explanation above.\" and choose Set.")
    public static let understood = Text("上記の説明を確認しました。", "I have read the explanation above.")
    public static let tickUnderstoodFirst = Text(
        "「上記の説明を確認しました。」にチェックしてください。", "Tick \"I have read the explanation above.\" first.")
    public static let twoStepSetDone = Text(
        "2段階認証設定を変更しました（{s}）。", "Two-step verification is now {s}.")

    // §4-1 アクセス経路設定 (LA-1)
    public static let accessRouteTitle = Text("アクセス経路設定", "Access route")
    public static let accessRouteIntro = Text(
        "変更する通信経路を選択し、「設定」を押してください。\n※ご契約内のユーザすべての設定が変更されます。",
        "Choose the access route and choose Set.\n* The setting changes for every user of the contract.")
    static func route(_ r: Contract.AccessRoute) -> Text {
        switch r {
        case .lineAndInternet: Text("回線認証+インターネット", "Line authentication + internet")
        case .lineOnly: Text("回線認証のみ", "Line authentication only")
        }
    }
    public static let routeDescriptions = Text(
        "・回線認証+インターネット：回線認証及びインターネット接続の両方でサービスを利用する場合 ※初期設定\n・回線認証のみ：指定した回線環境のみから本サービスをご利用する場合 ※指定したい回線以外からの本サービスへのアクセスはすべて拒否されます。",
        "• Line authentication + internet: use the service both from registered lines and over the internet (default).\n• Line authentication only: use the service only from the registered lines; every other access is refused.")
    public static let accessRouteConfirmTitle = Text("アクセス経路変更確認", "Confirm access route")
    public static let accessRouteConfirmIntro = Text(
        "変更内容を確認し、「変更」を押してください。", "Check the change and choose Change.")
    public static let routeNow = Text("変更前", "Now")
    public static let routeNext = Text("変更後", "After")
    public static let lineOnlyWarning = Text(
        "回線認証のみに変更すると、登録した回線以外からの本サービスへのアクセスはすべて拒否されます。",
        "With line authentication only, every access from anything but the registered lines is refused.")
    public static let change = Text("変更", "Change")
    public static let accessRouteDoneTitle = Text("アクセス経路完了", "Access route changed")
    public static let accessRouteDone = Text(
        "アクセス経路の設定変更が完了しました。", "The access route has been changed.")
    public static let lineRecovery = Text(
        "※アクセス経路を「回線認証のみ」に設定し、誤った回線番号を登録してしまったことでログインできなくなった場合は、下記の通り対応してください。\n①契約者様が「認証・契約情報変更メニュー」にログイン\n②「アクセス経路設定」から「回線認証+インターネット」に変更\n③インターネットでアクセスできるようになるため、管理コンソールの「回線認証」で正しい回線番号を登録",
        "* If a wrong line number under \"line authentication only\" locks you out:\n(1) the contractor signs in to the settings menu,\n(2) sets Access route to \"line authentication + internet\",\n(3) and, reachable over the internet again, registers the right line numbers in the admin console's Line authentication.")
    public static let lineNotes = [
        Text("・回線認証でログインする場合は、「回線認証用ログイン」と表示される回線認証用のログイン画面から、設定しているログイン方法でログインしてください",
             "• To sign in through line authentication, sign in with your login method on the line authentication login screen (it says \"Line authentication entrance\")."),
        Text("・Microsoft Office連携機能はインターネットを介した通信が発生します。回線認証をご利用で、Microsoft Office連携機能による編集やプレビューを不可にしたい場合は、利用マニュアル 操作編（管理者ユーザ詳細）「ロールとポリシー」の「3.9. Microsoft Office 連携ポリシー」をご参照ください。",
             "• The Microsoft Office integration communicates over the internet. To forbid editing and previews through it under line authentication, see the administrator manual, \"Roles and policies\", 3.9 Microsoft Office integration policy."),
    ]
    public static let lineOnlyRefused = Text(
        "ご契約のアクセス経路は「回線認証のみ」に設定されています。登録された回線以外からはログインできません。",
        "Your contract's access route is line authentication only: you cannot sign in from anything but a registered line.")

    // Active Directory設定 (LG-5, from the 管理者 manual)
    public static let directorySettingTitle = Text("Active Directory設定", "Active Directory")
    public static let directorySettingIntro = Text(
        "Active Directoryアカウントでログインする利用者のために、ご利用のActive Directoryを設定します。設定すると接続IDが発行され、ログイン用URLと接続IDを契約者のメールアドレス宛にお知らせします。",
        "Set up your Active Directory for the users who sign in with it. A connection ID is issued, and the login URLs and the ID are mailed to the contractor.")
    public static let directoryURL = Text("ADサーバのURL（ldaps://ホスト名）", "AD server URL (ldaps://host)")
    public static let directoryDomain = Text("ADのドメイン", "AD domain")
    public static let directoryCAFile = Text("CA証明書ファイル（任意・PEM形式）", "CA certificate file (optional, PEM)")
    public static let directoryNotes = [
        Text("※契約者の方は、Active Directoryアカウントでログインをする利用者に対して、事前に接続IDを通知してください。",
             "* Contractors: tell the users who sign in with Active Directory the connection ID beforehand."),
        Text("※ldap:// ではパスワードが暗号化されずに送られます。ldaps:// をご利用ください。",
             "* Over ldap:// the password crosses the network unencrypted: use ldaps://."),
    ]
    public static let directoryDoneTitle = Text("Active Directory設定完了", "Active Directory set up")
    public static let directoryDone = Text(
        "Active Directory設定が完了しました。ログイン用URLと接続IDを、契約者のメールアドレス宛に送信しました。",
        "Active Directory is set up. The login URLs and the connection ID were mailed to the contractor.")
    public static let caFileUnreadable = Text(
        "CA証明書ファイルを読み込めません（PEM形式、64KB以下）。", "The CA certificate file cannot be read (PEM, at most 64 KB).")
    public static let invalidDirectorySetting = Text("入力内容が正しくありません", "Not valid")
    public static let enterBoth = Text(
        "URLとドメインを入力してください。", "Enter the URL and the domain.")
    public static let emptyPasswords = Text(
        "パスワードを入力してください。", "Enter the passwords.")
    public static let conversionClosed = Text(
        "トライアル終了後15日を過ぎたため、基本プランへ変更できません。",
        "More than 15 days have passed since the trial ended: it can no longer move to the basic plan.")
    public static let notPermitted = Text(
        "この操作は許可されていません。", "You are not allowed to do this.")
}
