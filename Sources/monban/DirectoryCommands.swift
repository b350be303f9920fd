import ArgumentParser
import Foundation
import MonbanCore
import MonbanHTTP

/// Active Directory設定 (LG-5) from the command line, for the contractor.
struct DirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory", abstract: "Active Directory設定: sign-in through the contract's Active Directory.",
        subcommands: [Set.self])

    /// `monban directory` alone does nothing: a usage error rather than a silent success.
    func run() throws {
        throw ValidationError("Missing subcommand: monban directory set sets a contract's directory.")
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set the contract's directory; mails the login URLs and the connection ID to the contractor.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The contractor's e-mail address.") var email: String
        @Option(help: "The directory's address: ldap://host[:port] or ldaps://host[:port].") var url: String
        @Option(help: "The Active Directory domain, as in user@domain.") var domain: String
        @Option(help: "A PEM file of the CA that signs the directory's certificate (ldaps).") var caFile: String?

        func run() throws {
            try Monban.guarded {
                let engine = try database.engine()
                guard let contractor = try engine.person(email: email), contractor.role == .contractor else {
                    throw CLIFailure("\(email.prefix(80)) is not a contractor")
                }
                var pem: String?
                if let caFile {
                    // One answer for every unusable path (issue 19, finding 12).
                    guard let text = PEMFile.certificates(at: caFile) else {
                        throw CLIFailure("--ca-file must name a readable PEM certificate file of at most 64 KiB")
                    }
                    pem = text
                }
                let s = try engine.configureDirectory(by: contractor.id, url: url, domain: domain, caCertificatePEM: pem,
                                                      context: .thisTerminal)
                print("connection ID: \(s.connectionID.value) (\(s.url), @\(s.domain)); notice mailed to \(contractor.email)")
            }
        }
    }
}

/// 利用者登録 (US-1) from the command line.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "The people of a contract.", subcommands: [Invite.self])

    /// `monban person` alone does nothing: a usage error rather than a silent success.
    func run() throws {
        throw ValidationError("Missing subcommand: monban person invite adds a person to a contract.")
    }

    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite", abstract: "Add a person to the contract of --by, who is mailed a registration link valid for 14 days.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The contractor or administrator who adds the person.") var by: String
        @Option(help: "The new person's e-mail address.") var email: String
        @Option(help: "The new person's role.") var role: InvitedRole = .user
        @Option(help: "The new person's name.") var name: String = ""

        func run() throws {
            try Monban.guarded {
                let engine = try database.engine()
                guard let actor = try engine.person(email: by) else { throw CLIFailure("no person \(by.prefix(80))") }
                let p = try engine.invitePerson(by: actor.id, email: email, name: name, role: role.role, context: .thisTerminal)
                print("invited \(p.email) (\(p.role.rawValue)); registration link mailed (see 'monban outbox')")
            }
        }
    }
}
