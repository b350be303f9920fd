// Runs before the first paint, when the release binary has not set CoreFoundation up yet
// (bench/README.md, "Before the first paint"): no `import Foundation` here.
#if canImport(Glibc)
import Glibc
#endif
import CDeferredInit
import MonbanConfig
import MonbanCore
import MonbanTerminal
import MonbanUI

/// The client's fast start: `monban [--db PATH] [--lang ja|en] [--config PATH] [--kiosk]` and nothing else.
enum QuickStart {
    struct Options {
        var db: String?
        var lang: Language?
        var config: String?
        var kiosk = false
    }

    /// The options when the arguments are only the client's own, well formed; nil otherwise
    /// (the argument parser then handles them, help and errors included).
    static func clientOptions(_ args: ArraySlice<String>) -> Options? {
        var options = Options()
        var rest = args
        while let arg = rest.popFirst() {
            var name = arg
            var value: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                value = String(arg[arg.index(after: eq)...])
            }
            if name == "--kiosk" && value == nil {
                options.kiosk = true
                continue
            }
            guard name == "--db" || name == "--lang" || name == "--config" else { return nil }
            if value == nil { value = rest.popFirst() }
            guard let v = value, !v.isEmpty, !v.hasPrefix("-") else { return nil }
            if name == "--db" {
                options.db = v
            } else if name == "--config" {
                options.config = v
            } else {
                guard let l = Language(rawValue: v.lowercased()) else { return nil }
                options.lang = l
            }
        }
        return options
    }

    static func run(_ options: Options) -> Never {
        let path = options.db ?? Paths.defaultDatabase
        // The default configuration file, only when there is one (no Foundation work otherwise).
        var configuration = Configuration()
        if options.config != nil || access(Paths.configFile, F_OK) == 0 {
            // Reading it uses Foundation (TOMLKit): CoreFoundation first.
            monban_run_deferred_initialisers()
            do {
                configuration = try Setup.configuration(options.config)
            } catch {
                let message = Array("monban: \(error)\n".utf8)
                _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                exit(1)
            }
        }
        let language = options.lang ?? configuration.language.flatMap(Language.init(rawValue:))
            ?? (TerminalRuntime.isLinuxConsole ? .en : .ja)
        var app = Setup.app(language: language, databasePath: path, configuration: configuration,
                            kiosk: options.kiosk || configuration.kiosk.enabled)
        if options.lang == nil && TerminalRuntime.isLinuxConsole { app.banner = Texts.consoleHint(.en) }
        do {
            try ClientRun.run(&app, databasePath: path, configuration: configuration)
            exit(0)
        } catch {
            let message = Array("monban: \(error)\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            exit(1)
        }
    }
}
