import MonbanCore
import MonbanTUI

/// The 管理コンソール's screens (US-1, EM-2, LA-2), each with who is signed in.
public enum ConsoleRoute: Equatable, Sendable {
    /// 管理コンソール: its sections.
    case home(SignedIn)
    /// ユーザ一覧: the search field and a page of people (US-1).
    case users(SignedIn, UserListView)
    /// ユーザ詳細 (US-1).
    case user(SignedIn, UserDetail)
    /// §2-2 (4) メールアドレス変更 (送信) (EM-2).
    case emailChange(SignedIn, UserDetail)
    /// EM-2: what was mailed.
    case emailChangeSent(SignedIn, UserDetail, ConsoleMail)
    /// The password again before `then`, an action on another account, when the last
    /// one is older than `ConsolePolicy.stepUpWindow` (ASVS 7.5.3, issue 19 finding 7).
    case stepUp(SignedIn, then: ConsoleEffect)
    /// 利用者登録 (US-1).
    case invite(SignedIn)
    /// US-1: the invitation was mailed.
    case invited(SignedIn, email: String)
    /// §4-2 回線認証: the route and the line-number editor, as saved (LA-2).
    case lines(SignedIn, LineSettings)
    /// LA-2: leaving the editor with unsaved changes asks first.
    case leaveLines(SignedIn)
    /// An action on another account (ロック解除, 2段階認証をリセット) asks first, naming the
    /// account (issue 20 item 9).
    case confirmAction(SignedIn, UserDetail, ConsoleEffect)
    /// 操作ログ (AU-1): the contractor's audit log, filtered, newest first.
    case auditLog(SignedIn, AuditLogView)
    /// 操作ログ: one entry whole.
    case auditEntry(SignedIn, AuditLogRow)
}

/// The 操作ログ as shown: the filters it answers, the page, the chain's state.
public struct AuditLogView: Equatable, Sendable {
    public var filter: AuditLogFilter
    public var page: AuditLogPage
    public var request: AuditLogPageRequest
    /// The hash chain's check (AU-1), done a slice per tick while keys still work.
    public var chain = AuditChainProgress()
    /// A date field that is not a date yet.
    public var badDate: Bool = false
}

/// The user list as shown: the query it answers and the page.
public struct UserListView: Equatable, Sendable {
    public var query: String
    public var page: UserPage
    /// The request that gave the page, to read it again after a change.
    public var request: UserPageRequest
}

/// The 管理コンソール's engine work.
public indirect enum ConsoleEffect: Equatable, Sendable {
    case openUser(SignedIn, personID: Int64)
    case unlock(SignedIn, personID: Int64)
    case resetTwoStep(SignedIn, personID: Int64)
    case sendEmailChange(SignedIn, personID: Int64, address: String)
    case invite(SignedIn, name: String, email: String, role: Role)
    case openLines(SignedIn)
    case saveLines(SignedIn, Contract.AccessRoute, [String])
    /// The password given again at the prompt, then the action it was asked for.
    case confirmPassword(SignedIn, password: String, then: ConsoleEffect)

    /// Who is acting.
    var session: SignedIn {
        switch self {
        case .openUser(let s, _), .unlock(let s, _), .resetTwoStep(let s, _), .sendEmailChange(let s, _, _),
             .invite(let s, _, _, _), .openLines(let s), .saveLines(let s, _, _), .confirmPassword(let s, _, _):
            s
        }
    }
}
