import MonbanTUI
import ArgumentParser
import Foundation
import MonbanCore

struct Monban: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monban",
        abstract: "門番 — the sign-in and account settings of a cloud-storage service, in a terminal.",
        usage: """
            monban [--db <db>] [--config <config>] [--lang <lang>] [--kiosk] [--wide-qr]
            monban <subcommand>
            """,
        discussion: clientOptions,
        subcommands: [
            ClientCommand.self, ContractCommand.self, OutboxCommand.self, OpenCommand.self, AuditCommand.self, DemoCommand.self,
            SignInCommand.self, ForgotCommand.self, DirectoryCommand.self, PersonCommand.self, DeliverCommand.self,
            DoctorCommand.self, StoreCommand.self,
        ],
        defaultSubcommand: ClientCommand.self)

    /// The client's options, for the top-level help: the client is the default subcommand, whose
    /// options the argument parser lists only in `monban client --help`. HelpTextTests checks
    /// that every option of the client is here.
    static let clientOptions = """
        Without a subcommand, monban starts the full-screen client, which takes these options:
          --db <db>              The database file.
          --config <config>      The configuration file.
          --lang <lang>          The language of the screens: ja or en.
          --kiosk                Kiosk mode: cannot be quit, and starts over when idle.
          --wide-qr              Draw the QR code two cells wide per module.
        See 'monban help client' for the defaults and the details.
        """

    /// Whether a command line starts with an option, or is empty: the client's, unless it asks
    /// for help (which is the whole tree's). Each command's `commandName` is spelt out, so that
    /// listing them never makes the runtime describe a type.
    static func namesNoSubcommand(_ arguments: ArraySlice<String>) -> Bool {
        guard arguments.first.map({ $0.hasPrefix("-") }) ?? true else { return false }
        return !arguments.contains { ["-h", "--help", "-help", "--version"].contains($0) || $0.hasPrefix("--generate-completion") || $0.hasPrefix("--experimental") }
    }

    /// Runs a command, printing a refusal as one line and exiting 1.
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as CleanExit {
            throw e
        } catch let e as ExitCode {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch {
            // An error can carry a server's or the database's text: inert (issue 19, finding 10).
            FileHandle.standardError.write(Data("monban: \(TerminalText.line(Messages.describe(error)))\n".utf8))
            throw ExitCode.failure
        }
    }
}
