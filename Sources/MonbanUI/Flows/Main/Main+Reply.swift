import MonbanCore
import MonbanTUI

/// 回線情報通知設定: what the client does with the engine's answer (LG-7).
extension App {
    mutating func performSetLineNotice(_ s: SignedIn, _ line: LineNumber, notify: Bool, engine: Engine) throws -> [Effect] {
        try engine.setLineNotice(by: s.person.id, line: line, notify: notify, context: context)
        var signedIn = s
        signedIn.lineNotice = nil
        return [.restart([Screen(route: .main(.top(signedIn)))])]
    }
}
