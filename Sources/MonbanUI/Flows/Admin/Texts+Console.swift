import MonbanCore
import MonbanTUI

/// The 管理コンソール (manual §1-5, §2-2, §4-2) and line-authenticated sign-in (§1-4).
extension Texts {
    public static let consoleTitle = Text("管理コンソール", "Admin console")
    public static let consoleIntro = Text(
        "ご契約の利用者と回線認証を管理します。", "Manage the users of your contract and line authentication.")
    public static let consoleUsers = Text("ユーザ", "Users")
    public static let consoleInvite = Text("利用者登録", "Register a user")
    public static let consoleLines = Text("回線認証", "Line authentication")

    // ユーザ一覧 (US-1)
    public static let usersTitle = Text("ユーザ一覧", "Users")
    public static let search = Text("検索（名前またはメールアドレス）", "Search (name or e-mail address)")
    public static let usersHint = Text(
        "入力するたびに絞り込みます。↑↓:選択 Enter:詳細 PageUp/PageDown:前後のページ",
        "Narrows as you type. Up/Down: choose, Enter: details, PageUp/PageDown: pages")
    public static let usersNone = Text("該当するユーザはいません。", "No user matches.")
    public static let usersCount = Text("{n}件（登録順）", "{n} users (in order of registration)")
    public static let usersOne = Text("1件（登録順）", "1 user (in order of registration)")
    public static let usersAtLeast = Text("{n}件以上（登録順）", "{n} or more (in order of registration)")
    public static let usersMore = Text("さらにあります", "more")
    public static let locked = Text("ロック中", "locked")
    public static let invitedMark = Text("登録待ち", "invited")

    // ユーザ詳細 (US-1)
    public static let userTitle = Text("ユーザ詳細", "User details")
    public static let name = Text("名前", "Name")
    public static let loginID = Text("ログインID", "Login ID")
    public static let loginMethod = Text("ログイン方法", "Login method")
    public static let state = Text("状態", "State")
    public static let stateActive = Text("利用中", "active")
    public static let stateLocked = Text("アカウントロック中", "locked")
    public static let stateInvited = Text("利用者ログイン登録待ち", "waiting for registration")
    public static let twoStepState = Text("2段階認証", "Two-step verification")
    public static let twoStepContractOff = Text("無効（契約の2段階認証設定）", "off (the contract's setting)")
    public static let twoStepNotForMethod = Text("対象外（ログイン方法）", "not used (login method)")
    public static let twoStepNotEnrolled = Text("未登録（次回ログイン時に登録）", "not registered (at next sign-in)")
    public static let twoStepEnrolled = Text("登録済み", "registered")
    public static let lastSignIn = Text("最終ログイン", "Last sign-in")
    public static let never = Text("なし", "never")
    public static let unlockButton = Text("ロック解除", "Unlock")
    public static let ownAccountInMenu = Text(
        "ご自身のメールアドレス・パスワード・2段階認証は、認証・契約情報変更メニューから変更してください。",
        "Change your own address, password and two-step verification in the settings menu.")
    public static let resetTwoStepButton = Text("2段階認証をリセット", "Reset two-step verification")
    public static let confirmUnlock = Text(
        "このユーザのアカウントロックを解除します。よろしいですか？",
        "This unlocks the user's account. Go ahead?")
    public static let confirmResetTwoStep = Text(
        "このユーザの2段階認証の登録をリセットします。次回のログインで、2段階認証の登録からやり直しになります。よろしいですか？",
        "This resets the user's two-step verification. At the next sign-in they register it again. Go ahead?")
    public static let userUnlocked = Text("アカウントロックを解除しました。", "The account is unlocked.")
    public static let userTwoStepReset = Text(
        "2段階認証の登録をリセットしました。次回ログイン時に再登録となります。",
        "Two-step verification was reset: it is registered again at the next sign-in.")

    // §2-2 (4) メールアドレス変更 (EM-2)
    public static let consoleEmailTitle = Text("メールアドレス変更", "Change e-mail address")
    public static let consoleEmailIntro = Text(
        "・ログイン方法を変更したい場合：メールアドレスを変更せず、「送信」を押します。ログイン方法の変更用のURLが利用者へメールされます。\n・メールアドレスを変更したい場合：変更したいメールアドレスを入力し、「送信」を押します。メールアドレス変更用のURLが利用者へメールされます。",
        "• To change the login method: leave the address as it is and choose Send. A link to change the login method is mailed to the user.\n• To change the address: type the new one and choose Send. A link to confirm it is mailed to the new address.")
    public static let consoleEmailNote = Text(
        "ログイン方法の変更とメールアドレス変更は同時に実施できません。メールアドレス変更実施後、ログイン方法の変更を実施してください。",
        "The login method and the address cannot be changed at once: change the address first, then the login method.")
    public static let target = Text("対象", "User")
    public static let sentTitle = Text("送信完了", "Sent")
    public static let sentMethodChange = Text(
        "{a} 宛に、ログイン方法の設定変更メールを送信しました（有効期限: 14日間）。",
        "The login-method change e-mail was sent to {a} (valid for 14 days).")
    public static let sentEmailChange = Text(
        "{a} 宛に、メールアドレス変更登録メールを送信しました（有効期限: 14日間）。",
        "The e-mail change confirmation was sent to {a} (valid for 14 days).")
    public static let sentApproval = Text(
        "{a} 宛に、メールアドレス変更の確認メールを送信しました（有効期限: 14日間）。利用者が承認すると、{b} 宛にメールアドレス変更登録メールが送信されます。",
        "A request to approve the change was sent to {a} (valid for 14 days). Once the user approves it, the e-mail change confirmation is sent to {b}.")

    // The password again before acting on another account (ASVS 7.5.3)
    /// A text about the console's password window, with its minutes filled in.
    static func stepUp(_ text: Text) -> (Language) -> String {
        { l in text(l).replacingEvery("{n}", with: "\(Int(ConsolePolicy.stepUpWindow / 60))") }
    }

    public static let stepUpTitle = Text("パスワードの再入力", "Enter your password again")
    public static let stepUpIntro = Text(
        "ログインから{n}分以上経過しています。ほかの利用者のアカウントを変更する前に、パスワードを再入力してください。",
        "More than {n} minutes have passed since you signed in. Enter your password again before changing another user's account.")
    public static let stepUpSignInAgain = Text(
        "ログインから{n}分以上経過したため、もう一度ログインしてから操作してください。",
        "More than {n} minutes have passed since you signed in: sign in again to do this.")
    public static let sentRegistration = Text(
        "{a} 宛に、利用者登録のご案内メールを再送信しました（有効期限: 14日間）。",
        "The registration invitation was sent again to {a} (valid for 14 days).")

    // 利用者登録 (US-1)
    public static let inviteTitle = Text("利用者登録", "Register a user")
    public static let inviteIntro = Text(
        "登録すると、利用者登録のご案内メールが送信されます。利用者はメール内のURLからログイン方法を登録します（有効期限: 14日間）。",
        "The user is mailed a registration invitation and chooses how to sign in from its link (valid for 14 days).")
    public static let roleLabel = Text("権限", "Role")
    public static let roleUser = Text("利用者", "User")
    public static let roleAdministrator = Text("管理者権限を持つユーザ", "Administrator")
    public static let invited = Text(
        "{a} 宛に、利用者登録のご案内メールを送信しました。", "A registration invitation was sent to {a}.")
    public static let nameInvalid = Text(
        "名前は100文字以内で入力してください。", "A name has at most 100 characters.")

    // §4-2 回線認証 (LA-2, LA-3)
    public static let linesTitle = Text("回線認証", "Line authentication")
    public static let accessRouteLabel = Text("アクセス経路", "Access route")
    public static let routeAppliesToAll = Text(
        "※ご契約内のユーザすべての設定が変更されます。", "* The setting changes for every user of the contract.")
    /// §4-2 ② 回線番号登録, in the manual's words (issue 20 item 25); one per line, the limit and
    /// the " west" suffix are this program's (LA-2).
    public static let lineNumbersLabel = Text("回線番号登録", "Line numbers")
    public static let lineNumbersDescription = Text(
        "ご契約のNTT東日本・NTT西日本のフレッツ光回線※の回線番号（CAFで始まる英数13桁の番号またはCOPで始まる英数11桁の番号）",
        "The line numbers of your NTT East or NTT West FLET'S Hikari lines* (CAF + 10 letters or digits, or COP + 8 letters or digits)")
    public static let lineNumbersCollaboration = Text(
        "※光コラボレーション事業者様が提供する「光アクセスサービス」を含む",
        "* Including the \"Hikari access service\" of Hikari Collaboration providers")
    public static let lineNumbersFormat = Text(
        "1行に1つ、最大100件。西日本の回線は後ろに west",
        "One per line, at most 100; add \"west\" after a West-Japan line")
    public static let editorKeys = Text(
        "矢印・Home/End・PageUp/PageDown:移動 Enter:改行 Ctrl-K:行削除 Ctrl-O/Insert:行挿入 貼り付け可",
        "Arrows, Home/End, PageUp/PageDown: move  Enter: new line  Ctrl-K: delete line  Ctrl-O/Insert: insert line  paste")
    public static let save = Text("保存", "Save")
    public static let linesSummary = Text("{n}件（エラー {e}行）", "{n} lines ({e} with errors)")
    public static let linesSummaryOK = Text("{n}件", "{n} lines")
    public static let linesSaved = Text("保存しました（{n}件）。", "Saved ({n} lines).")
    public static let linesInvalid = Text(
        "エラーのある行が{n}行あります。修正してから保存してください。",
        "{n} line(s) have errors. Fix them before saving.")
    public static let markFormat = Text("形式が正しくありません", "not a line number")
    public static let markDuplicate = Text("{n}行目と重複しています", "same as line {n}")
    public static let markOverLimit = Text("101件目以降は登録できません", "over the limit of 100")
    public static let leaveTitle = Text("変更の破棄", "Discard changes")
    public static let leaveBody = Text(
        "保存されていない変更があります。変更を破棄して戻りますか？", "There are unsaved changes. Discard them and go back?")
    public static let discard = Text("破棄して戻る", "Discard and go back")
    public static let keepEditing = Text("編集に戻る", "Keep editing")
    /// §4-2 ！ここに注意 (LA-3), naming this program's screens instead of the manual's
    /// 「契約者情報変更メニュー」 and 「プラン変更および通信経路設定」 (issue 20 item 25).
    public static let linesNote1 = Text(
        "・アクセス経路を「回線認証のみ」に設定し、誤った回線番号を登録してしまったことでログインできなくなった場合は、下記の通り対応してください。\n①契約者様が「認証・契約情報変更メニュー」にログイン\n②「アクセス経路設定」から「回線認証+インターネット」に変更\n③インターネットでアクセスできるようになるため、管理コンソールの「回線認証」で正しい回線番号を登録",
        "• If a wrong line number under \"line authentication only\" locks you out:\n(1) the contractor signs in to the settings menu,\n(2) sets Access route to \"line authentication + internet\",\n(3) and, reachable over the internet again, registers the right line numbers in the admin console's Line authentication.")

    // §1-4 回線認証でログイン (LG-6, LG-7)
    public static let lineEntrance = Text("回線認証用ログイン（回線番号: {l}）", "Line authentication entrance (line {l})")
    public static let lineErrorTitle = Text("回線認証エラー", "Line authentication error")
    public static let lineErrorBody = Text(
        "回線認証ができませんでした。契約者様または管理者権限を持つ利用者様に、下記をご確認ください。",
        "Line authentication failed. Ask your contractor or an administrator to check:")
    public static let lineErrorCauses = [
        Text("・管理コンソールの「回線認証」で、回線認証設定が完了しているか",
             "• that line authentication is set up in the admin console's Line authentication"),
        Text("・ご利用の回線番号を正しく登録しているか", "• that the number of the line you use is registered correctly"),
    ]
    public static let thisLine = Text("この端末の回線番号", "This terminal's line")
    public static let lineNoticeTitle = Text("回線情報通知設定", "Line information notice")
    public static let lineNoticeBody = Text(
        "西日本エリアの回線から、はじめて回線認証でログインしました。「通知する」を選択し、「決定」ボタンを押してください。",
        "This is the first line-authenticated sign-in from this West-Japan line. Choose \"Notify\" and choose OK.")
    public static let notify = Text("通知する", "Notify")
    public static let doNotNotify = Text("通知しない", "Do not notify")
    public static let decide = Text("決定", "OK")
}
