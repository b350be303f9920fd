import MonbanCore
import MonbanTUI

/// 操作ログ (AU-1): the contractor's view of the audit log.
extension Texts {
    public static let auditTitle = Text("操作ログ", "Audit log")
    public static let consoleAudit = Text("操作ログ", "Audit log")
    public static let auditWho = Text("利用者", "Who")
    public static let auditEvent = Text("操作", "Event")
    public static let auditFrom = Text("開始日", "From")
    public static let auditTo = Text("終了日", "To")
    public static let auditDateHint = Text(
        "日付は YYYY-MM-DD（日本時間）で入力してください。", "Dates as YYYY-MM-DD (Japan time).")
    public static let auditHint = Text(
        "入力するたびに絞り込みます。新しい順。↑↓:選択 Enter:詳細 PageUp/PageDown:前後のページ",
        "Narrows as you type. Newest first. Up/Down: choose, Enter: details, PageUp/PageDown: pages")
    public static let auditNone = Text("該当する操作はありません。", "No entry matches.")
    public static let auditTooManyPeople = Text(
        "該当する利用者が多すぎます（最初の50人のみ）。さらに入力してください。",
        "Too many people match (the first 50 only): type more.")
    public static let auditIntact = Text("改ざん検証: 正常（全{n}件のハッシュチェーンを確認）", "Tamper check: intact ({n} entries in the hash chain)")
    public static let auditBroken = Text(
        "改ざん検証: 異常を検出しました（{i}件目: {r}）。操作ログが変更または削除されています。",
        "Tamper check: the hash chain is broken at entry {i} ({r}): the log was changed or entries removed.")
    public static let auditChecking = Text("改ざん検証: 確認中…（{n}件確認済み）", "Tamper check: checking… ({n} so far)")
    public static let auditEntryTitle = Text("操作ログ詳細", "Audit entry")
    public static let auditAt = Text("日時", "Time")
    public static let auditTerminal = Text("端末", "Terminal")
    public static let auditLine = Text("回線", "Line")
    public static let auditDetail = Text("内容", "Detail")
    public static let auditNumber = Text("番号", "Entry")

    /// Each event in the log's words.
    static func event(_ raw: String) -> Text {
        guard let e = AuditEvent(rawValue: raw) else { return Text(raw, raw) }
        return switch e {
        case .contractCreated: Text("契約作成", "contract created")
        case .contractConverted: Text("プラン変更", "plan changed")
        case .personCreated: Text("利用者登録", "user added")
        case .signInSucceeded: Text("ログイン", "signed in")
        case .signedOut: Text("ログアウト", "signed out")
        case .signInFailed: Text("ログイン失敗", "sign-in failed")
        case .accountLocked: Text("アカウントロック", "account locked")
        case .accountUnlocked: Text("ロック解除", "account unlocked")
        case .passwordResetRequested: Text("パスワードリセット申請", "reset requested")
        case .rateLimited: Text("送信回数の上限", "send limit reached")
        case .passwordChanged: Text("パスワード変更", "password changed")
        case .twoFactorReset: Text("2段階認証リセット", "2FA reset")
        case .linkIssued: Text("URL発行", "link issued")
        case .linkUsed: Text("URL使用", "link used")
        case .linkRefused: Text("URL拒否", "link refused")
        case .registrationCompleted: Text("利用者ログイン登録", "registration completed")
        case .messageQueued: Text("メール・SMS作成", "message queued")
        case .messageSent: Text("メール・SMS送信", "message sent")
        case .messageDeferred: Text("送信再試行", "delivery deferred")
        case .messageFailed: Text("送信失敗", "delivery failed")
        case .outboxRevealed: Text("送信内容の表示", "outbox revealed")
        case .twoFactorAsked: Text("2段階認証要求", "2FA asked")
        case .twoFactorEnrolled: Text("2段階認証登録", "2FA enrolled")
        case .twoFactorSucceeded: Text("2段階認証成功", "2FA passed")
        case .twoFactorFailed: Text("2段階認証失敗", "2FA failed")
        case .recoveryCodeUsed: Text("リカバリーコード使用", "recovery code used")
        case .terminalRemembered: Text("端末記憶", "terminal remembered")
        case .twoFactorSettingChanged: Text("2段階認証設定", "2FA setting")
        case .directoryConfigured: Text("Active Directory設定", "AD set up")
        case .identityBound: Text("連携アカウント登録", "account bound")
        case .loginMethodChanged: Text("ログイン方法変更", "login method changed")
        case .emailChangeRequested: Text("メールアドレス変更申請", "e-mail change requested")
        case .emailChanged: Text("メールアドレス変更", "e-mail changed")
        case .emailChangeApproved: Text("メールアドレス変更承認", "e-mail change approved")
        case .passwordConfirmed: Text("パスワード再入力", "password confirmed")
        case .accessRouteChanged: Text("アクセス経路設定", "access route")
        case .linesSaved: Text("回線番号保存", "lines saved")
        case .lineNoticeSet: Text("回線情報通知設定", "line notice")
        }
    }

    /// The events whose words (either language) or raw name contain `text`; nil for all.
    static func events(matching text: String) -> Set<String>? {
        let q = text.trimmingWhitespace().lowercased()
        guard !q.isEmpty else { return nil }
        return Set(AuditEvent.allCases.map(\.rawValue).filter { raw in
            let words = event(raw)
            return raw.contains(q) || words.ja.contains(q) || words.en.lowercased().contains(q)
        })
    }
}
