import ArgumentParser
import Foundation

// The same, after swift-argument-parser has parsed eight options of the kinds the client has.
enum Language: String, ExpressibleByArgument, CaseIterable { case ja, en }
enum Plan: String, ExpressibleByArgument, CaseIterable { case basic, trial }

struct Client: ParsableCommand {
    @Option var db: String?
    @Option var config: String?
    @Option var lang: Language = .ja
    @Option var plan: Plan?
    @Option var line: String?
    @Flag var kiosk = false
    @Flag var noColor = false
    @Option var width: Int?

    mutating func run() throws {
        let text = "\u{1b}[2J\u{1b}[Hパスワードを忘れた方 \(lang.rawValue) \(db ?? "")\n"
        FileHandle.standardOutput.write(Data(text.utf8))
        var key: UInt8 = 0
        _ = read(0, &key, 1)
    }
}

Client.main()
