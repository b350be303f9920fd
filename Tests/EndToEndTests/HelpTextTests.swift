import Foundation
import XCTest

/// The command line as a person meets it, through the real binary (issue 18, point 6): help
/// written for a user, options with a fixed set of values that list them and refuse any
/// other, and an incomplete command refused as a usage error (exit status 64) instead of a
/// silent success.
final class HelpTextTests: EndToEndTestCase {
    /// The usage error status of the argument parser (EX_USAGE).
    let usageError: Int32 = 64

    /// Every command, found from `monban --help` down through each SUBCOMMANDS section.
    func everyCommand() throws -> [(command: [String], help: String)] {
        var found: [(command: [String], help: String)] = []
        var pending: [[String]] = [[]]
        while let command = pending.popLast() {
            let r = try MonbanProcess.run(command + ["--help"], environment: ["COLUMNS": "100"])
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            found.append((command, r.stdout))
            pending += Self.subcommands(in: r.stdout).map { command + [$0] }
        }
        return found
    }

    /// The names listed under SUBCOMMANDS: in a help text.
    static func subcommands(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            // "  name (default)   abstract"; a line that starts further right continues an abstract.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    func testEveryCommandIsFound() throws {
        let commands = Set(try everyCommand().map { $0.command.joined(separator: " ") })
        for expected in ["", "client", "contract", "contract create", "outbox", "open", "audit", "demo", "signin",
                         "forgot", "directory", "directory set", "person", "person invite", "deliver"] {
            XCTAssertTrue(commands.contains(expected), "monban \(expected) --help was not reached: \(commands.sorted())")
        }
    }

    /// Requirement IDs (LG-6, CT-4, ...) and issue numbers belong to code and commits, not to what a user reads.
    func testNoHelpTextCitesARequirementOrAnIssue() throws {
        let requirementID = try NSRegularExpression(pattern: "[A-Z]{2}-[0-9]")
        for (command, help) in try everyCommand() {
            let name = (["monban"] + command).joined(separator: " ")
            let range = NSRange(help.startIndex..., in: help)
            if let match = requirementID.firstMatch(in: help, range: range), let r = Range(match.range, in: help) {
                XCTFail("\(name) --help cites \(help[r]):\n\(help)")
            }
            XCTAssertFalse(help.lowercased().contains("issue"), "\(name) --help mentions an issue:\n\(help)")
        }
    }

    /// The overview is whole sentences: on a wide terminal no line of it stops mid-sentence.
    func testOverviewsAreNotBrokenByHand() throws {
        for command in try everyCommand().map(\.command) {
            let r = try MonbanProcess.run(command + ["--help"], environment: ["COLUMNS": "400"])
            let overview = r.stdout.components(separatedBy: "\nUSAGE:")[0]
            for line in overview.split(separator: "\n") {
                let last = line.trimmingCharacters(in: .whitespaces).last
                XCTAssertTrue(last.map { ".:)".contains($0) } ?? true,
                              "monban \(command.joined(separator: " ")): a line broken mid-sentence: \(line)")
            }
        }
    }

    /// The client is the default command: its options are in the top-level help, every one of them.
    func testTopLevelHelpListsTheClientsOptions() throws {
        let top = try monban("--help")
        XCTAssertEqual(top.status, 0, top.stderr)
        for option in ["--db", "--lang", "--kiosk", "--config", "--wide-qr"] {
            XCTAssertTrue(top.stdout.contains(option), "\(option) is missing from monban --help:\n\(top.stdout)")
        }
        let client = try monban("client", "--help")
        let options = client.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," })
            .filter { $0.hasPrefix("--") && $0 != "--help" }
        XCTAssertFalse(options.isEmpty, client.stdout)
        for option in Set(options) {
            XCTAssertTrue(top.stdout.contains(option), "monban client's \(option) is missing from monban --help")
        }
    }

    /// An option with a fixed set of values shows them in its help and refuses any other with the list.
    func testAWrongValueIsRefusedWithTheValues() throws {
        let help = try monban("contract", "create", "--help")
        XCTAssertTrue(help.stdout.contains("(values: basic, trial)"), help.stdout)
        XCTAssertTrue(help.stdout.contains("(values: on, off; default: on)"), help.stdout)
        XCTAssertTrue(try monban("person", "invite", "--help").stdout.contains("(values: administrator, user;"))
        XCTAssertTrue(try monban("client", "--help").stdout.contains("(values: ja, en)"))

        let cases: [([String], [String])] = [
            (["contract", "create", "--db", db, "--email", "a@example.com", "--plan", "gold"], ["'gold'", "'basic'", "'trial'"]),
            (["contract", "create", "--db", db, "--email", "a@example.com", "--plan", "basic", "--two-step", "maybe"],
             ["'maybe'", "'on'", "'off'"]),
            (["person", "invite", "--db", db, "--by", "a@example.com", "--email", "b@example.com", "--role", "contractor"],
             ["'contractor'", "'administrator'", "'user'"]),
            (["--db", db, "--lang", "fr"], ["'fr'", "'ja'", "'en'"]),
            // Issue 19 finding 5: --route is gone; the line is the operator's, in the system file.
            (["--db", db, "--route", "satellite"], ["Unknown option '--route'"]),
        ]
        for (args, expected) in cases {
            let r = try MonbanProcess.run(args)
            XCTAssertEqual(r.status, usageError, "\(args): \(r.stderr)")
            for text in expected {
                XCTAssertTrue(r.stderr.contains(text), "\(args): \(text) missing from \(r.stderr)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "a refused command creates no database")
        // Values are taken in any case, as before.
        let upper = try monban("contract", "create", "--db", db, "--email", "a@example.com", "--plan", "Trial")
        XCTAssertEqual(upper.status, 0, upper.stderr)
        XCTAssertTrue(upper.stdout.contains("(trial)"), upper.stdout)
    }

    /// A password-setting link without --password-stdin does nothing, so it is a usage error, and the link still works.
    func testOpenWithoutUIAndWithoutAPasswordIsAUsageError() throws {
        let email = "keiyaku@example.com"
        XCTAssertEqual(try monban("contract", "create", "--db", db, "--email", email, "--plan", "basic").status, 0)
        let link = try link(to: email, containing: "/lo/register?ticket=")
        for args in [["open", "--db", db, link, "--no-ui"], ["open", "--db", db, link]] {
            let r = try MonbanProcess.run(args)
            XCTAssertEqual(r.status, usageError, "\(args): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("--password-stdin"), r.stderr)
        }
        let set = try monban("open", "--db", db, link, "--no-ui", "--password-stdin", stdin: "Himitsu-2026!\n")
        XCTAssertEqual(set.status, 0, set.stderr)
    }

    /// A command that would do nothing, or ignore part of what it was given, is a usage error.
    func testIncompleteCommandsAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["contract"], "monban contract create"),
            (["directory"], "monban directory set"),
            (["person"], "monban person invite"),
            (["deliver", "--db", db, "--interval", "5"], "--interval applies only with --watch"),
            (["open", "--db", db, "--no-ui", "--lang", "en", "https://login.monban.example/lo/unblock?ticket=x"],
             "--no-ui applies the link without the client"),
            (["open", "--db", db, "--password-stdin", "--kiosk", "https://login.monban.example/lo/reset?ticket=x"],
             "--password-stdin applies the link without the client"),
        ]
        for (args, expected) in cases {
            let r = try MonbanProcess.run(args)
            XCTAssertEqual(r.status, usageError, "\(args): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
        }
    }
}
