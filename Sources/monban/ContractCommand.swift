import ArgumentParser
import Foundation
import MonbanCore

struct ContractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: "Manage contracts.", subcommands: [Create.self])

    /// `monban contract` alone does nothing: a usage error rather than a silent success.
    func run() throws {
        throw ValidationError("Missing subcommand: monban contract create creates a contract.")
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a contract and its contractor.",
            discussion: """
                With --password-stdin the contractor's password is read from the first line of standard input and must meet the password policy. Without it, the contractor is mailed a registration link.
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The contractor's e-mail address.") var email: String
        @Option(help: "The contract's plan: the basic plan or a free trial.") var plan: Plan
        @Option(help: "The contractor's name, for the e-mails.") var name: String = ""
        @Flag(help: "Read the contractor's password from standard input.") var passwordStdin = false
        @Option(help: "2段階認証設定: whether two-step verification is required of every user who signs in with e-mail and password.")
        var twoStep: TwoStepSetting = .on

        func run() throws {
            try Monban.guarded {
                let password = passwordStdin ? try StandardInput.firstLine() : nil
                let engine = try database.engine(create: true)
                let created = try engine.createContract(
                    email: email, plan: plan, password: password, name: name, context: .thisTerminal)
                if twoStep == .off {
                    _ = try engine.setTwoStep(enabled: false, by: created.contractor.id, context: .thisTerminal)
                }
                var line = "created contract \(created.contract.id) (\(plan.rawValue)) for \(created.contractor.email)"
                line += twoStep == .off ? ", two-step verification off" : ""
                if case .trial(let end) = created.contract.status(at: engine.clock.now()) {
                    line += ", trial ends \(ISO8601DateFormatter().string(from: end))"
                }
                if created.registrationLinkSent { line += "; registration link mailed (see 'monban outbox')" }
                print(line)
            }
        }
    }
}
