import MonbanCore
import MonbanTUI

/// The メイン画面 and 回線情報通知設定: what their controls do (LG-7, LG-8, MC-1).
extension App {
    mutating func activateMain(_ screen: MainScreen, _ id: ControlID) -> [Effect] {
        switch screen {
        case .top(let s): return activateTop(s, id)
        case .lineAuthError: return common(id)
        case .lineNotice(let s, let line): return activateLineNotice(s, line, id)
        case .confirmSignOut: return id == .logout ? [.signOut] : common(id)
        }
    }

    mutating func activateTop(_ s: SignedIn, _ id: ControlID) -> [Effect] {
        switch id {
        case .settings:
            // Changing credentials and settings asks for the sign-in again (MC-1; ASVS 7.5.1).
            var next = Screen(route: .settings(.login))
            next.form.fields[.email]?.set(s.person.email)
            next.form.focus = .password
            return [.open(next)]
        case .console:
            guard s.person.role != .user else { return [] }
            return [.push(.console(.home(s)))]
        case .logout:
            return [.signOut]
        default: return common(id)
        }
    }

    mutating func activateLineNotice(_ s: SignedIn, _ line: LineNumber, _ id: ControlID) -> [Effect] {
        guard id == .decide else { return common(id) }
        return [.setLineNotice(s, line, notify: (screen.form.radios[.notify] ?? 0) == 0)]
    }
}
