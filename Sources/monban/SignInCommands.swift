import ArgumentParser
import Foundation
import MonbanCore

struct SignInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Sign in with e-mail and password read from standard input (LG-2); for scripts and checks.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The e-mail address.") var email: String

    func run() throws {
        try Monban.guarded {
            let password = try StandardInput.firstLine()
            let engine = try database.engine()
            let signedIn = try engine.signIn(email: email, password: password, context: .thisTerminal)
            print("signed in: \(signedIn.person.email) (contract \(signedIn.contract.id), \(signedIn.contract.plan.rawValue))")
        }
    }
}

struct ForgotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forgot", abstract: "パスワードを忘れた方: mail a password-reset link (PW-1).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The e-mail address.") var email: String

    func run() throws {
        try Monban.guarded {
            try database.engine().requestPasswordReset(email: email, context: .thisTerminal)
            print("パスワードリセットのメールを送信しました (if the address is registered, a reset link was mailed)")
        }
    }
}
