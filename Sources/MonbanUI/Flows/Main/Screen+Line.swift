import MonbanCore
import MonbanTUI

/// §1-4 回線認証でログイン: 回線認証エラー (LG-6) and 回線情報通知設定 (LG-7).
extension Screen {
    func lineItems(_ screen: MainScreen, _ l: Language) -> [ScreenItem] {
        switch screen {
        case .lineAuthError(let line):
            var items: [ScreenItem] = [.title(Texts.lineErrorTitle(l)), .text(Texts.lineErrorBody(l))]
            items += Texts.lineErrorCauses.map { .text($0(l)) }
            if let line { items += [.gap, .text("\(Texts.thisLine(l)): \(line)", .muted)] }
            items += [.gap, .button(id: .login, label: Texts.toLogin(l))]
            return items
        case .lineNotice(_, let line):
            return [
                .title(Texts.lineNoticeTitle(l)),
                .text(Texts.lineNoticeBody(l)),
                .text("\(Texts.thisLine(l)): \(line.value)", .muted),
                .gap,
                .radio(id: .notify, options: [Texts.notify(l), Texts.doNotNotify(l)]),
                .gap,
                .button(id: .decide, label: Texts.decide(l)),
            ]
        case .top, .confirmSignOut:
            return []
        }
    }
}
