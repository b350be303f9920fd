import MonbanCore
import MonbanTUI

/// The 受信箱 (F2): the outbox as the engine reads it (TK-2).
extension App {
    mutating func performOpenInbox(engine: Engine) throws -> [Effect] {
        [.push(.inbox(.messages(try engine.outbox())))]
    }
}
