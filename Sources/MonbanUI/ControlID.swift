import MonbanCore
import MonbanTUI

/// The name of every control on the client's screens: fields, buttons, links, check
/// boxes, radio options, list rows. A row or a link carries what it stands for (a
/// person, a message, a link's index), so nothing is parsed back out of a name.
public enum ControlID: ControlIdentifier {
    // Fields
    case email, password, current, new, again, phone, code, recovery, connectionID, userPrincipalName
    case name, search, who, event, from, to, url, domain, caFile
    /// The line-number editor of 回線認証 (LA-2).
    case lineEditor

    // Check boxes and radio groups
    case remember, saved, understood, notify, twoStep, route, role

    // Buttons and links
    case login, logout, forgot, change, send, back, next, confirm, register, signIn, proceed, decide
    case ok, close, set, save, keep, discard, menu, top, toBasic
    case google, facebook, microsoft, dAccount, activeDirectory
    case showQR, resend, lost, authenticatorRoute, smsRoute
    case demo, allow, deny, changeConnectionID
    case settings, console, users, invite, lines, audit, unlock, resetTwoStep

    /// 利用者ログイン登録: register with this method (US-2).
    case registerWith(LoginMethod)
    /// ログイン方法の設定: this method (MC-2).
    case method(LoginMethod)
    /// A button of the 認証・契約情報変更メニュー (MC-1).
    case menuItem(SettingsItem)
    /// A person's row in the user list (US-1).
    case user(Int64)
    /// An entry's row in the 操作ログ (AU-1).
    case auditEntry(Int64)
    /// A message's row in the 受信箱.
    case message(Int64)
    /// The link at this index of the message shown.
    case link(Int)
    /// Option `index` of a radio group.
    indirect case option(ControlID, Int)

    public static func option(_ index: Int, of group: ControlID) -> ControlID { .option(group, index) }

    /// Cancelling, going back, signing out, refusing, discarding, and the console's actions on
    /// another account: never where a screen opens its focus (issue 20 item 9).
    public var isCancelOrDestructive: Bool {
        switch self {
        case .back, .logout, .deny, .discard, .unlock, .resetTwoStep: true
        default: false
        }
    }

    /// Whether this is a row of the user list.
    var isUserRow: Bool { if case .user = self { true } else { false } }

    /// Whether this is a row of the 操作ログ.
    var isAuditRow: Bool { if case .auditEntry = self { true } else { false } }
}

/// The client's forms and their items, named by `ControlID`.
public typealias ScreenForm = Form<ControlID>
public typealias ScreenItem = FormItem<ControlID>
