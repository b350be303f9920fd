import MonbanCore
import MonbanTUI

/// 利用者ログイン登録's screens, from the registration link (manual §1-5; US-2).
public enum RegistrationScreen: Equatable, Sendable {
    /// 利用者ログイン登録: the password twice, or a federated service or the AD (`directory`).
    case entry(Link, LinkInfo, directory: Bool)
    /// 申込確認 (e-mail + password).
    case confirm(Link, LinkInfo)
    /// 申込完了.
    case done
}
