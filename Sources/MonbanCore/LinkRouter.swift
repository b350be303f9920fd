import FoundationEssentials

/// Where an e-mailed link leads (TK-2, LG-5): the one answer the client and
/// `monban open` both act on.
public enum LinkDestination: Sendable, Equatable {
    /// ロック解除 (LK-2).
    case unlock(Link)
    /// リセットパスワード (PW-2).
    case passwordReset(Link)
    /// 利用者ログイン登録 (US-2, CT-4).
    case registration(Link)
    /// ログイン方法の設定変更 (EM-5).
    case loginMethodChange(Link)
    /// メールアドレス変更登録 (EM-3, EM-4).
    case emailChange(Link)
    /// メールアドレス変更の確認 (EM-2, issue 19 finding 7): the person approves, from their
    /// current address, an administrator's change of it.
    case emailChangeApproval(Link)
    /// The Active Directory login URL of the 接続ID通知 mail (LG-5), with the
    /// connection ID as written in it: checked by the directory sign-in, which
    /// answers an unknown one on 接続ID入力.
    case directoryLogin(connectionID: String)
    /// Not a link monban issued (TK-2: shown as an invalid link).
    case invalid
}

/// Decides what an e-mailed link opens, from its text alone: no database, no
/// clock. A ticket link is only taken apart here; whether its ticket is still
/// usable is the engine's answer when it is opened (TK-2).
public enum LinkRouter {
    public static func destination(of text: String) -> LinkDestination {
        // The Active Directory login URL (LG-5): any host, its path and a `cid` item.
        if let c = URLComponents(string: text.trimmingWhitespace()),
           c.path == ServiceSettings.directoryLoginPath,
           let cid = c.queryItems?.first(where: { $0.name == "cid" })?.value
        {
            return .directoryLogin(connectionID: cid)
        }
        guard let link = try? Link(parsing: text) else { return .invalid }
        switch link.purpose {
        case .unlock: return .unlock(link)
        case .passwordReset: return .passwordReset(link)
        case .registration: return .registration(link)
        case .loginMethodChange: return .loginMethodChange(link)
        case .emailChange: return .emailChange(link)
        case .emailChangeApproval: return .emailChangeApproval(link)
        }
    }
}
