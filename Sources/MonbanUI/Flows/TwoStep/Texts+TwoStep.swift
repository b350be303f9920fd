import MonbanCore
import MonbanTUI

/// The two-step verification screens' texts (manual §1-1 (1)(2), §5), with English.
extension Texts {
    public static let twoStepTitle = Text("2段階認証", "Two-step verification")
    public static let twoStepFirstTime = Text(
        "はじめてログインする端末か、30日間アクセスしていなかったため、2段階認証が必要です。",
        "This terminal is new to you, or you have not signed in from it for 30 days: two-step verification is needed.")
    /// The registration was reset (TF-8; §6-2 「2段階認証の登録がリセットされます。次回ログイン時に、
    /// 2段階認証を再登録してください。」), issue 20 item 20.
    public static let twoStepAfterReset = Text(
        "2段階認証の登録がリセットされたため、2段階認証の再登録が必要です。",
        "Your two-step verification registration was reset: register it again.")

    // (1) SMS
    public static let smsIntro = Text(
        "SMSが受信できる携帯電話、スマートフォンの電話番号を入力し「>」ボタンを押してください。入力された電話番号宛に、ショートメッセージが送信されます。",
        "Enter the number of a mobile phone that can receive SMS and press \">\". A text message is sent to that number.")
    public static let phone = Text("電話番号", "Phone number")
    public static let next = Text(">", ">")
    public static let qrRoute = Text("QRコードでの認証はこちら", "Use an authenticator app (QR code)")
    public static let smsRouteLink = Text("SMS（ショートメッセージ）での認証はこちら", "Use SMS instead")
    /// §1-1 (2) (issue 20 item 24): which of the two to choose, in the manual's words; where the
    /// manual says 「…を参照ください」 the screen names its own link.
    public static let recommendSMS = Text(
        "Authenticatorをご利用ではない方は「SMS（ショートメッセージ）」のご利用を推奨します。",
        "If you do not use an authenticator app, SMS (text message) is recommended.")
    public static let recommendAuthenticator = Text(
        "すでにGoogle Authenticatorまたは、Microsoft Authenticatorをご利用の方は「Authenticator」をご利用いただくことを推奨します。「QRコードでの認証はこちら」を押してください。",
        "If you already use Google Authenticator or Microsoft Authenticator, the authenticator is recommended: choose \"Use an authenticator app (QR code)\".")
    /// §1-1 (2)'s pointer to 「5. 2段階認証の登録のリセット」, naming this program's ways (§5-2's table).
    public static let twoStepResetPointer = Text(
        "・2段階認証の登録をリセットしたい場合は、ログイン画面の「パスワードを忘れた方はこちら」からパスワードを再設定してください。契約者は、認証・契約情報変更メニューの「ログイン方法の設定」でもリセットできます。",
        "• To reset your two-step registration, reset your password through \"Forgot your password? Click here\" on the login screen. The contractor can also reset it through \"Login method\" on the settings menu.")
    /// §1-1 (2) ！ここに注意.
    public static let twoStepDisabledNote = [
        Text("・契約者が「2段階認証を無効にする」と設定していると、2段階認証が要求されません。",
             "• If the contractor has turned two-step verification off, it is not asked for."),
        Text("「2段階認証設定」については、認証・契約情報変更メニューの「2段階認証設定」を参照ください。",
             "The contractor sets it under \"Two-step verification\" on the settings menu."),
    ]
    public static let smsNoteHeading = Text("! ここに注意", "! Note")
    public static let smsNote = [
        Text("SMSを受信できなかった場合、入力した電話番号のSMSの受信設定が影響している可能性がございます。下記の設定がされている場合は解除していただき、再度ログイン画面からログインをお試しください。",
             "If no SMS arrives, the phone's SMS settings may block it. Turn off the settings below and sign in again from the login screen."),
        Text("・国際SMSや海外事業者からのSMSの受信拒否する設定", "- Refusing international SMS or SMS from foreign carriers"),
        Text("・特定の番号のみ許可する設定", "- Allowing only certain numbers"),
    ]
    public static let smsCodeIntro = Text(
        "ショートメッセージに送られてきた6文字を入力してください。",
        "Enter the 6 characters sent to you by text message.")
    public static let smsSentTo = Text("送信先", "Sent to")
    public static let smsValidUntil = Text("有効期限", "Valid until")
    public static let smsResendFrom = Text("再送信", "Resend from")
    public static let code = Text("認証コード", "Code")
    public static let remember = Text("このブラウザを一定期間、記憶する", "Remember this terminal for 30 days")
    public static let resend = Text("認証コードを再送信する", "Send a new code")
    public static let lostBefore = Text("デバイスを紛失した場合は", "Lost your device? Click ")

    // (2) Authenticator
    public static let authenticatorTitle = Text("2段階認証（Authenticator）", "Two-step verification (authenticator)")
    public static let authenticatorIntro = Text(
        "Google Authenticator、またはMicrosoft Authenticatorを起動し、QRコードを読み込みます。表示された、6桁のパスコードを入力し、「>」を押してください。",
        "Open Google Authenticator or Microsoft Authenticator and scan the QR code. Enter the 6-digit code it shows and press \">\".")
    public static let authenticatorCodeIntro = Text(
        "Authenticatorアプリに表示された、6桁のパスコードを入力してください。",
        "Enter the 6-digit code your authenticator app shows.")
    public static let passcode = Text("6桁のパスコード", "6-digit code")
    public static let secretKey = Text("QRコードを読み込めない場合のキー", "Key, if the QR code cannot be scanned")
    public static let showQR = Text("QRコードを全画面で表示する", "Show the QR code full screen")
    public static let qrOverlayHint = Text("Enter：パスコードの入力へ", "Enter: type the code")
    public static let qrScanHint = Text("アプリでQRコードを読み込んでください", "Scan the QR code with the app")
    public static let qrTooSmall = Text(
        "QRコードを表示するには端末が小さすぎます。端末を広げるか、下のキーをアプリに入力してください。",
        "The terminal is too small for the QR code. Enlarge it, or type the key below into the app.")

    // Recovery (TF-5, TF-6)
    public static let recoveryEntryTitle = Text("リカバリーコードの入力", "Recovery code")
    public static let recoveryEntryIntro = Text(
        "リカバリーコードを入力し、「>」を押してください。", "Enter your recovery code and press \">\".")
    public static let recoveryEntryNote = Text(
        "※コピーした状態（半角スペースや「-」が含まれている値）のまま入力してください。",
        "You may type it as copied, with spaces or \"-\".")
    /// §5 参考 ① and §5-2's table (issue 20 item 24): both ways, named as this program's screens.
    public static let recoveryLost = [
        Text("※リカバリーコードを紛失した場合は、下記のいずれかの方法で2段階認証のリセットを実施してください。",
             "If you lost the recovery code too, reset your two-step registration in one of these ways:"),
        Text("・リセットパスワード（どなたでも）：ログイン画面の「パスワードを忘れた方はこちら」からパスワードを再設定する",
             "• Anyone: reset your password through \"Forgot your password? Click here\" on the login screen."),
        Text("・ログイン方法の設定（契約者のみ）：認証・契約情報変更メニューの「ログイン方法の設定」でログイン方法を設定し直す",
             "• The contractor only: set the login method again under \"Login method\" on the settings menu."),
    ]
    public static let recoveryCodeLabel = Text("リカバリーコード", "Recovery code")
    public static let recoveryShowTitle = Text("リカバリーコード", "Your recovery code")
    public static let recoveryShowIntro = Text(
        "リカバリーコードが表示されます。携帯電話を紛失した場合など登録する電話番号を変更する際に必要となりますので、忘れないようにテキストファイル等に保存します。",
        "This is your recovery code. You need it if you lose your phone; save it, for example in a text file.")
    public static let recoveryOnce = Text(
        "このコードは一度だけ表示されます。使用すると新しいコードが発行され、古いコードは使えなくなります。",
        "It is shown only once. Using it issues a new code and the old one stops working.")
    public static let recoverySaved = Text("リカバリコードを保存しました", "I have saved the recovery code")
    public static let recoveryTickFirst = Text(
        "「リカバリコードを保存しました」にチェックしてください。", "Tick \"I have saved the recovery code\" first.")

    // 完了
    public static let twoStepDoneTitle = Text("2段階認証完了", "Two-step verification complete")
    public static let twoStepDone = Text(
        "2段階認証が完了しました。「ログインする」を押すと本サービスのメイン画面が表示されます。",
        "Two-step verification is complete. Press \"Sign in\" to go to the main screen.")
    public static let twoStepLogin = Text("ログインする", "Sign in")

    // Refusals
    public static let invalidPhone = Text(
        "SMSが受信できる携帯電話の番号を入力してください（例: 090-1234-5678）。",
        "Enter a mobile number that can receive SMS (e.g. 090-1234-5678 or +81 90 1234 5678).")
    public static let wrongCodePrefix = Text("認証コードが正しくありません。", "The code is not correct.")
    public static let triesLeft = Text("あと{n}回入力できます。", "{n} tries left.")
    public static let codeExpired = Text(
        "認証コードの有効期限が切れたか、入力回数の上限に達しました。「認証コードを再送信する」を押してください。",
        "The code has expired or was mistyped too often. Choose \"Send a new code\".")
    public static let resendTooSoon = Text("認証コードの再送信は{n}秒後からできます。", "You can ask for a new code in {n} seconds.")
    /// RL-1 (issue 19 finding 13): a send cap of the hour reached.
    public static let smsLimitReached = Text(
        "認証コードの送信回数が上限に達しました。1時間ほど時間をおいてから、再度お試しください。",
        "The code has been sent too many times. Please wait about an hour and try again.")
    public static let smsAbroad = Text(
        "海外の電話番号にはSMSを送信できません。日本国内の携帯電話番号を入力してください。",
        "SMS cannot be sent to numbers outside Japan. Enter a Japanese mobile number.")
    public static let smsResent = Text("新しい認証コードを送信しました。", "A new code was sent.")
    public static let signInAgain = Text(
        "2段階認証の有効期限が切れたか、入力回数の上限に達しました。もう一度ログインしてください。",
        "The two-step verification expired or was mistyped too often. Sign in again.")
    /// A code that is not six digits (a key pressed too early, a letter): no try is used.
    public static let malformedCode = Text("6桁のパスコードを入力してください。", "Enter the 6-digit code.")
    public static let malformedRecovery = Text(
        "リカバリーコードは24文字です。表示されたとおりに入力してください。",
        "A recovery code has 24 characters; type it as it was shown.")
    public static let emptyCode = Text("認証コードを入力してください。", "Enter the code.")
    public static let secretKeyProblem = Text("暗号鍵ファイルを使用できません", "The key file cannot be used")
}
