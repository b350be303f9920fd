import MonbanCore
import MonbanTUI

/// A mailed link that lets its person choose how they sign in: 利用者登録のご案内's
/// registration link (US-2) or ログイン方法の設定変更's (EM-5).
public struct RegistrationLink: Equatable, Sendable {
    public var link: Link
    public var info: LinkInfo
    /// The contract's Active Directory connection ID, when its person may sign in with
    /// Active Directory (the contract set it up, and the person is not the contractor).
    public var directory: ConnectionID?

    public init(_ link: Link, _ info: LinkInfo, directory: ConnectionID?) {
        self.link = link
        self.info = info
        self.directory = directory
    }
}

/// The screens of the registration link (manual §1-5; US-2) and of the login-method
/// change link (manual §2-2 ①; EM-5).
public enum RegistrationScreen: Equatable, Sendable {
    /// 利用者ログイン登録: the password twice, or a federated service or the AD.
    case entry(RegistrationLink)
    /// 申込確認, for the chosen way: the password, a service or Active Directory (§1-5 (3),
    /// before (4); issue 20 item 19).
    case confirm(RegistrationLink, LoginMethod)
    /// 申込完了.
    case done
    /// §2-2 ① ログイン方法の設定 from the ログイン方法の設定変更 link: the current method and
    /// the methods to choose from (issue 20 item 18).
    case methodChoice(RegistrationLink)
    /// §2-2 ① メールアドレス・パスワード認証の設定 from the same link: the new password twice.
    case methodPassword(RegistrationLink)
}
