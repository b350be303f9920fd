import MonbanConfig
import ArgumentParser
import Foundation
import MonbanCore
import MonbanStore

struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $XDG_DATA_HOME/monban/monban.sqlite3).")
    var db: String?

    @Option(name: .long, help: "The configuration file (default: $XDG_CONFIG_HOME/monban/config.toml, if present).")
    var config: String?

    /// `--db`, else the configuration's `[store] url`, else the default file.
    var path: String { db ?? (try? configuration().store.url) ?? Paths.defaultDatabase }

    func configuration() throws -> Configuration { try Setup.configuration(config) }

    /// Opens the engine over an existing database, or a new one when `create` is set.
    func engine(create: Bool = false) throws -> Engine {
        let configuration = try configuration()
        do {
            return try Setup.engine(databasePath: db ?? configuration.store.url ?? Paths.defaultDatabase, create: create,
                                    configuration: configuration)
        } catch {
            throw CLIFailure(Messages.describe(error))
        }
    }
}

/// A one-line refusal: printed as "monban: …" on standard error, exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension AccessContext {
    /// This terminal, as the audit log names it: host and tty.
    static var thisTerminal: AccessContext {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = String(decoding: host.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let tty = ttyname(0).map { String(cString: $0) } ?? "cli"
        return AccessContext(terminal: "\(hostName):\(tty)")
    }
}

enum StandardInput {
    /// The first line of standard input, without its line ending: a password
    /// piped in by an operator. Nothing else of it is kept.
    static func firstLine() throws -> String {
        guard let line = readLine(strippingNewline: true) else {
            throw CLIFailure("no password on standard input")
        }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
