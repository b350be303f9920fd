import ArgumentParser
import Foundation
import MonbanCore

struct Monban: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monban",
        abstract: "門番 — the sign-in and account settings of a cloud-storage service, in a terminal.",
        subcommands: [
            ClientCommand.self, ContractCommand.self, OutboxCommand.self, OpenCommand.self, AuditCommand.self, DemoCommand.self,
            SignInCommand.self, ForgotCommand.self, DirectoryCommand.self, PersonCommand.self, DeliverCommand.self,
        ],
        defaultSubcommand: ClientCommand.self)

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
            FileHandle.standardError.write(Data("monban: \(Messages.describe(error))\n".utf8))
            throw ExitCode.failure
        }
    }
}
