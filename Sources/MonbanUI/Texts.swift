import MonbanCore
import MonbanTUI

/// Every text of the client, from the manual, with its English counterpart (UI-1, UI-4).
public enum Texts {
    public static let appName = Text("門番 monban", "monban")
    public static let service = Text("おまかせクラウドストレージ", "Omakase Cloud Storage")

    // §1-1 ログイン
    public static let loginTitle = Text("ログイン", "Sign in")
    public static let email = Text("メールアドレス", "E-mail address")
    public static let password = Text("パスワード", "Password")
    public static let loginButton = Text("ログイン", "Sign in")
    public static let forgotBefore = Text("パスワードを忘れた方は", "Forgot your password? Click ")
    public static let here = Text("こちら", "here")
    public static let changeBefore = Text("パスワード変更、その他契約情報の変更は", "To change your password or other contract details, click ")
    public static let orFederated = Text("---または---", "--- or ---")
    public static let google = Text("Googleアカウントでログイン", "Sign in with Google")
    public static let facebook = Text("Facebookアカウントでログイン", "Sign in with Facebook")
    public static let microsoft = Text("Microsoftアカウントでログイン", "Sign in with Microsoft")
    public static let dAccount = Text("dアカウントでログイン", "Sign in with d account")
    public static let notConfigured = Text(
        "この連携サービスは、この端末では設定されていません。メールアドレスとパスワードでログインしてください。",
        "This service is not set up on this terminal. Sign in with your e-mail address and password.")
    public static let wrongCredentials = Text(
        "メールアドレスまたはパスワードが正しくありません。", "The e-mail address or password is incorrect.")
    public static let emptyCredentials = Text(
        "メールアドレスとパスワードを入力してください。", "Enter your e-mail address and password.")
    public static let cancelled = Text(
        "ご契約は無料トライアル期間の終了により解約されています。ログインできません。",
        "The free trial has ended and the contract was cancelled. You cannot sign in.")
    public static let checking = Text("確認しています…", "Checking…")

    // §6-1 アカウントロック
    /// RL-1 (issue 19 finding 13): the reset and unlock mails of the hour to this address.
    public static let mailLimitReached = Text(
        "このメールアドレス宛のメールの送信回数が上限に達しました。1時間ほど時間をおいてから、再度お試しください。",
        "Too many e-mails have been sent to this address. Please wait about an hour and try again.")
    public static let lockedTitle = Text("アカウントロック", "Account locked")
    public static let lockedBody = Text(
        "パスワードを10回間違えたため、アカウントがロックされました。登録されているメールアドレス宛にアカウントロック通知メールを送信しました。メール内のURLにアクセスすると、アカウントロックが解除されます。",
        "The password was wrong 10 times, so the account is locked. An account-lock e-mail was sent to the registered address; open the link in it to unlock the account.")
    /// Ten wrong second-step codes after a right password (LK-1, TF-2, TF-3, issue 20 item 20).
    public static let lockedBodyCodes = Text(
        "2段階認証のコードを10回間違えたため、アカウントがロックされました。登録されているメールアドレス宛にアカウントロック通知メールを送信しました。メール内のURLにアクセスすると、アカウントロックが解除されます。",
        "A two-step verification code was wrong 10 times, so the account is locked. An account-lock e-mail was sent to the registered address; open the link in it to unlock the account.")
    public static let lockedReset = Text(
        "URLの有効期限が切れている場合は、パスワードを再設定することでロックを解除できます。",
        "If the link has expired, resetting the password also unlocks the account.")
    public static let toLogin = Text("ログイン画面へ", "Back to sign-in")

    // §6-2 パスワードを忘れた方
    public static let forgotTitle = Text("パスワードを忘れた方", "Forgot your password")
    public static let forgotBody = Text(
        "ご登録のメールアドレスを入力し、「送信」を押してください。パスワードリセット通知メールを送信します。",
        "Enter your registered e-mail address and choose Send. We will send you a password-reset e-mail.")
    public static let send = Text("送信", "Send")
    public static let back = Text("戻る", "Back")
    public static let forgotSentTitle = Text("パスワードリセット通知メール送信", "Password-reset e-mail sent")
    public static let forgotSent = Text(
        "入力されたメールアドレスが登録されている場合、パスワードリセット通知メールを送信しました。メール本文に書かれているURLを開き、新しいパスワードを設定してください。URLの有効期限は14日間です。",
        "If the address is registered, a password-reset e-mail has been sent. Open the link in it to set a new password. The link is valid for 14 days.")
    public static let invalidEmail = Text("メールアドレスの形式が正しくありません。", "This is not a valid e-mail address.")

    // §6-2 リセットパスワード
    public static let resetTitle = Text("リセットパスワード", "Reset password")
    public static let newPassword = Text("新しいパスワード", "New password")
    public static let newPasswordAgain = Text("新しいパスワード（確認用）", "New password (again)")
    public static let policy = Text(PasswordPolicy.ruleTextJapanese, PasswordPolicy.ruleTextEnglish)
    public static let resetNote = Text(
        "※この手順を実施後は、2段階認証の登録がリセットされます。次回ログイン時に、2段階認証を再登録してください。",
        "After this, your two-step verification registration is reset: register it again at your next sign-in.")
    public static let resetDoneTitle = Text("パスワード変更完了", "Password changed")
    public static let resetDone = Text(
        "パスワードの変更が完了しました。アカウントロックは解除されています。新しいパスワードでログインしてください。",
        "Your password has been changed and the account is unlocked. Sign in with the new password.")
    public static let policyRefused = Text("入力されたパスワードは条件を満たしていません", "The password does not meet the rule")
    public static let mismatch = Text("パスワードと確認用のパスワードが一致しません。", "The two passwords do not match.")

    // §6-1 ロック解除
    public static let unlockTitle = Text("アカウントロック解除", "Account unlocked")
    public static let unlocked = Text(
        "アカウントロックを解除しました。ログイン画面からログインしてください。",
        "The account is unlocked. Sign in from the sign-in screen.")
    public static let expiredTitle = Text("URLの有効期限切れ", "Link expired")
    public static let unlockExpired = Text(
        "このURLは有効期限（14日間）が切れています。パスワードを再設定することでロックを解除できます。",
        "This link has expired (links are valid for 14 days). Reset your password to unlock the account.")
    public static let linkExpired = Text("このURLは有効期限（14日間）が切れています。", "This link has expired (links are valid for 14 days).")
    public static let linkUsed = Text("このURLはすでに使用されています。", "This link has already been used.")
    public static let linkInvalid = Text("このURLは無効です。", "This link is not valid.")
    public static let linkTitle = Text("URLを開く", "Open a link")

    // LG-8 メイン画面
    public static let mainTitle = Text("メイン画面", "Main screen")
    public static let signedInAs = Text("ログイン中", "Signed in as")
    public static let contract = Text("契約", "Contract")
    public static let plan = Text("プラン", "Plan")
    public static let basicPlan = Text("基本プラン", "Basic plan")
    public static let trialPlan = Text("無料トライアル", "Free trial")
    public static let trialEnds = Text("トライアル終了日", "Trial ends")
    public static let role = Text("権限", "Role")
    public static let contractor = Text("契約者", "Contractor")
    public static let administrator = Text("管理者", "Administrator")
    public static let user = Text("利用者", "User")
    public static let settingsMenu = Text("認証・契約情報変更メニュー", "Authentication and contract settings")
    public static let adminConsole = Text("管理コンソール", "Admin console")
    public static let logout = Text("ログアウト", "Sign out")

    // 受信箱
    public static let inboxTitle = Text("受信箱（送信されたメール・SMS）", "Inbox (messages the service sent)")
    public static let inboxEmpty = Text("メッセージはありません。", "No messages.")
    public static let inboxHint = Text("Enterで開きます。", "Enter opens a message.")
    public static let messageTitle = Text("メッセージ", "Message")
    public static let openLinkHint = Text("URLを選んでEnterで開きます。", "Choose a link and press Enter to open it.")
    public static let subject = Text("件名", "Subject")
    public static let to = Text("宛先", "To")

    // UI-3
    public static let tooSmall = Text("画面が小さすぎます。ウィンドウを広げてください。", "The window is too small. Please make it larger.")

    // Footer (UI-2)
    public static let confirmSignOut = Text("ログアウトしますか？", "Sign out?")
    public static let signedOutLifetime = Text(
        "ログインから一定時間が経過したため、ログアウトしました。もう一度ログインしてください。",
        "Your sign-in has lasted its longest: you were signed out. Please sign in again.")
    public static let signedOutIdle = Text(
        "一定時間操作がなかったため、ログアウトしました。", "You were signed out after a while without a key.")
    public static let consoleHint = Text(
        "", "Linux console: English. For Japanese run monban --lang ja in kmscon or fbterm.")

    /// After a focused password field: how to show or hide what was typed (the manual's eye icon).
    public static let revealHint = Text(" F3:表示", " F3:show")
    public static let hideHint = Text(" F3:隠す", " F3:hide")
    static func secretHints(_ l: Language) -> FormLayout.SecretHints {
        FormLayout.SecretHints(show: revealHint(l), hide: hideHint(l))
    }

    // Bad input
    public static let inputTooLong = Text(
        "{n}文字を超える分は入力できません。", "At most {n} characters: the rest was not taken.")
    public static let inputDigitsOnly = Text("数字のみ入力できます。", "Only digits can be typed here.")
    public static let inputNotPrintable = Text(
        "制御文字や改行は入力できません（取り除きました）。", "Control characters and line breaks cannot be typed here (removed).")

    // Store and engine failures
    public static let storeProblem = Text("データベースを利用できません", "The database cannot be used")
    public static let cryptoUnavailable = Text("この端末の暗号処理が利用できません。", "This terminal's cryptography is not available.")
    public static let unknownPlan = Text("「{p}」というプランはありません（basic または trial）。", "There is no plan '{p}' (basic or trial).")
    public static let notATrial = Text("ご契約は無料トライアルではありません。", "The contract is not a free trial.")
}
