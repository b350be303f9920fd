import MonbanCore
import MonbanTUI

/// 申込確認: what the client does with the engine's answer (US-2).
extension App {
    mutating func performRegister(_ link: Link, password: String, confirmation: String, engine: Engine) throws -> [Effect] {
        let person = try engine.completeRegistration(link, password: password, confirmation: confirmation, context: context)
        // The login screen under 申込完了 carries the address (issue 20 item 15).
        return [.restart([Screen.login(email: person.email), Screen(route: .registration(.done))])]
    }
}
