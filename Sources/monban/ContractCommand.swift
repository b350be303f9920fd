import ArgumentParser
import Foundation
import MonbanCore

struct ContractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: "Manage contracts (CT-4).", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a contract and its contractor.",
            discussion: """
                With --password-stdin the contractor's password is read from the first line of standard
                input and must meet the policy; without it, the contractor is mailed a registration link.
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The contractor's e-mail address.") var email: String
        @Option(help: "basic or trial.") var plan: String
        @Option(help: "The contractor's name, for the e-mails.") var name: String = ""
        @Flag(help: "Read the contractor's password from standard input.") var passwordStdin = false
        @Option(help: "2段階認証設定 (TF-7): on (the default) or off, for every e-mail + password user.")
        var twoStep: String = "on"

        func run() throws {
            try Monban.guarded {
                let plan = try Plan(parsing: plan)
                guard twoStep == "on" || twoStep == "off" else {
                    throw ValidationError("--two-step is on or off, not '\(twoStep.prefix(20))'")
                }
                let password = passwordStdin ? try StandardInput.firstLine() : nil
                let engine = try database.engine(create: true)
                let created = try engine.createContract(
                    email: email, plan: plan, password: password, name: name, context: .thisTerminal)
                if twoStep == "off" {
                    _ = try engine.setTwoStep(enabled: false, by: created.contractor.id, context: .thisTerminal)
                }
                var line = "created contract \(created.contract.id) (\(plan.rawValue)) for \(created.contractor.email)"
                line += twoStep == "off" ? ", two-step verification off" : ""
                if case .trial(let end) = created.contract.status(at: engine.clock.now()) {
                    line += ", trial ends \(ISO8601DateFormatter().string(from: end))"
                }
                if created.registrationLinkSent { line += "; registration link mailed (see 'monban outbox')" }
                print(line)
            }
        }
    }
}
