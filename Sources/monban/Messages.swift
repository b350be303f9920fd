import MonbanCore
import MonbanStore
import MonbanTerminal
import MonbanUI

/// The operator commands' one-line messages for typed engine and store errors: the
/// client's table (`ErrorText`) says each. Never includes a secret.
enum Messages {
    static func describe(_ error: any Error) -> String {
        if let e = error as? CLIFailure { return e.message }
        if let e = error as? EngineError { return ErrorText.of(e).command }
        if let e = error as? StoreError { return ErrorText.of(e).command }
        // The terminal cannot hold a screen: said to whoever started the client, never on a screen.
        if let e = error as? TerminalError { return e.description }
        return "unexpected error: \(error)"
    }
}
