import ArgumentParser
import Foundation
import MonbanCore

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open an e-mailed link in the client, or apply it directly without a terminal or with --no-ui.",
        discussion: """
            In a terminal, the client starts on the link's screen. Without one (in a script), or with --no-ui, an unlock link unlocks the account at once, and a password reset, registration or e-mail change link sets the password read with --password-stdin, which such a link then needs.

            Without <url>, the link is read from standard input: in a terminal after a prompt, otherwise as the first line (with --password-stdin the password is the second). This keeps the link's ticket out of the process list and the shell's history. A link given on the command line is overwritten in monban's own command line as it starts.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The link, as it appears in the e-mail; without it, read from standard input.") var url: String?
    @Flag(help: "For a reset, registration or e-mail change link: read the new password from standard input.") var passwordStdin = false
    @Flag(help: "Do not start the client, even in a terminal.") var noUi = false
    @OptionGroup var client: ClientOptions

    /// The client's options would be ignored where the client does not start.
    func validate() throws {
        guard (noUi || passwordStdin) && client.isGiven else { return }
        throw ValidationError("\(noUi ? "--no-ui" : "--password-stdin") applies the link without the client, which --lang, --kiosk and --wide-qr are for.")
    }

    func run() throws {
        // Not on the command line (issue 19 finding 8): the link from standard input.
        let url = try self.url ?? Self.linkFromStandardInput()
        if !noUi && !passwordStdin && isatty(0) == 1 && isatty(1) == 1 {
            try client.start(database, openLink: url)
            return
        }
        try Monban.guarded {
            let destination = LinkRouter.destination(of: url)
            switch destination {
            case .invalid: throw EngineError.linkInvalid
            case .directoryLogin: throw CLIFailure("this link (Active Directory sign-in) opens in the client's screens")
            default: break
            }
            let engine = try database.engine()
            switch destination {
            case .invalid, .directoryLogin:
                return
            case .unlock(let link):
                let person = try engine.unlock(link, context: .thisTerminal)
                print("ロックを解除しました: \(person.email) (the account is unlocked)")
            case .passwordReset(let link), .registration(let link):
                let info = try engine.inspect(link)
                guard passwordStdin else {
                    throw ValidationError("This link sets a password for \(info.email): give it with --password-stdin.")
                }
                let password = try StandardInput.firstLine()
                if link.purpose == .passwordReset {
                    let person = try engine.resetPassword(
                        link, newPassword: password, confirmation: password, context: .thisTerminal)
                    print("パスワードを変更しました: \(person.email) (password reset; the account is unlocked)")
                } else {
                    let person = try engine.completeRegistration(
                        link, password: password, confirmation: password, context: .thisTerminal)
                    print("登録が完了しました: \(person.email) (registration complete)")
                }
            case .emailChange(let link):
                // EM-3 / EM-4: a password user gives the new password; for others the link completes it.
                let info = try engine.inspect(link)
                var password: String?
                if info.loginMethod == .emailPassword {
                    guard passwordStdin else {
                        throw ValidationError(
                            "This link changes \(info.email) to \(info.payload) and sets a new password: give it with --password-stdin.")
                    }
                    password = try StandardInput.firstLine()
                }
                let person = try engine.confirmEmailChange(link, password: password, confirmation: password,
                                                           context: .thisTerminal)
                print("メールアドレスを変更しました: \(person.email) (the e-mail address is changed)")
            case .emailChangeApproval(let link):
                // An administrator's change of the address, approved from the current one (issue 19 finding 7).
                let address = try engine.approveEmailChange(link, context: .thisTerminal)
                print("メールアドレスの変更を承認しました: the e-mail change link was sent to \(address)")
            case .loginMethodChange(let link):
                let info = try engine.inspect(link)
                throw CLIFailure("this link (\(link.purpose.rawValue) for \(info.email)) opens in the client's screens")
            }
        }
    }

    /// The link typed or pasted after a prompt in a terminal, or the first line of standard
    /// input in a script (issue 19 finding 8).
    static func linkFromStandardInput() throws -> String {
        if isatty(0) == 1 {
            FileHandle.standardError.write(Data("メールのリンク (the link from the e-mail): ".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw CLIFailure("no link on standard input") }
        let link = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !link.isEmpty else { throw CLIFailure("no link on standard input") }
        return link
    }
}
