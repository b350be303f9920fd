import ArgumentParser
import Foundation
import MonbanCore

struct SignInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Sign in with an e-mail address and the password read from standard input, for scripts and checks.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The e-mail address.") var email: String

    func run() throws {
        try Monban.guarded {
            let password = try StandardInput.firstLine()
            let engine = try database.engine()
            switch try engine.signIn(email: email, password: password, context: .thisTerminal) {
            case .signedIn(let s):
                print("signed in: \(s.person.email) (contract \(s.contract.id), \(s.contract.plan.rawValue))")
            case .secondStep(let step):
                let what = switch step.stage {
                case .enroll: "not enrolled yet; enroll in the client"
                case .sms(let phone): "SMS code to \(phone); use the client"
                case .authenticator: "authenticator code; use the client"
                }
                print("password accepted: two-step verification required (\(what))")
            }
        }
    }
}

struct ForgotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forgot", abstract: "パスワードを忘れた方: mail a password-reset link.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The e-mail address.") var email: String

    func run() throws {
        try Monban.guarded {
            try database.engine().requestPasswordReset(email: email, context: .thisTerminal)
            print("パスワードリセットのメールを送信しました (if the address is registered, a reset link was mailed)")
        }
    }
}
