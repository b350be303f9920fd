import MonbanCore
import MonbanTUI

/// 申込確認: what the client does with the engine's answer (US-2).
extension App {
    mutating func performRegister(_ link: Link, password: String, confirmation: String, engine: Engine) throws -> [Effect] {
        _ = try engine.completeRegistration(link, password: password, confirmation: confirmation, context: context)
        return [.restart([Screen(route: .login(.entry)), Screen(route: .registration(.done))])]
    }
}
