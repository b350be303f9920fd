import Foundation
import MonbanConfig
import MonbanCore
import MonbanDelivery
import MonbanHTTP
import XCTest

/// The example config.toml that `make install` and the Debian package ship
/// (packaging/config.toml; PK-1, issue 22): it parses with monban's own loader, and it names
/// every key the loader knows, each in its section. The list of keys is not written here: it
/// is read from the loader's refusal of an unknown key ("(known: …)"), so a key added to the
/// loader and not to the example fails this test.
final class ConfigExampleTests: XCTestCase {
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("packaging/config.toml")

    /// The sections the loader reads, and a text that opens each (a provider's keys are the
    /// same for every service: google asks for them, and the example's provider sections together
    /// must name them all).
    static let sections: [(name: String, header: String)] = [
        ("top level", ""), ("service", "[service]\n"), ("providers.NAME", "[providers.google]\n"),
        ("smtp", "[smtp]\n"), ("sms", "[sms]\n"), ("delivery", "[delivery]\n"), ("kiosk", "[kiosk]\n"),
        ("client", "[client]\n"),
    ]

    func text() throws -> String { try String(contentsOf: Self.example, encoding: .utf8) }

    /// The keys the loader accepts in `section`, from its own message about an unknown key.
    func knownKeys(_ header: String) throws -> [String] {
        do {
            _ = try Configuration.parse(header + "zz_not_a_key = 1\n", file: "probe.toml")
            XCTFail("an unknown key was accepted after \(header)")
            return []
        } catch {
            let reason = error.reason
            guard let open = reason.range(of: "(known: "), let close = reason.range(of: ")", range: open.upperBound..<reason.endIndex)
            else { XCTFail("no list of known keys in: \(reason)"); return [] }
            return reason[open.upperBound..<close.lowerBound].components(separatedBy: ", ")
        }
    }

    /// As shipped, every line is a comment: the file is an empty configuration, every default kept.
    func testPK1_theExampleAsShippedIsAnEmptyConfiguration() throws {
        let configuration = try Configuration.parse(try text(), file: Self.example.path)
        XCTAssertEqual(configuration, Configuration())
    }

    /// Each key the loader knows appears as `# key = value` under its section's `# [section]`.
    func testPK1_theExampleNamesEveryKeyInItsSection() throws {
        var keysBySection: [String: Set<String>] = [:]
        var current = "top level"
        for line in try text().split(separator: "\n") {
            guard line.hasPrefix("# ") else { continue }
            let body = line.dropFirst(2)
            // A section header alone on its line: "# [smtp]", "# [providers.google]".
            if body.hasPrefix("["), body.hasSuffix("]"),
               body.dropFirst().dropLast().allSatisfy({ $0.isLetter || $0 == "_" || $0 == "." }) {
                let name = String(body.dropFirst().dropLast())
                current = name.hasPrefix("providers.") ? "providers.NAME" : name
                continue
            }
            let parts = body.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let key = parts.first?.trimmingCharacters(in: .whitespaces),
                  key.allSatisfy({ $0.isLetter || $0 == "_" }) else { continue }
            keysBySection[current, default: []].insert(key)
        }
        var checked = 0
        for (name, header) in Self.sections {
            let known = try knownKeys(header)
            // The top level's tables are sections of their own, checked below.
            let keys = name == "top level" ? known.filter { ["language"].contains($0) } : known
            XCTAssertFalse(keys.isEmpty, name)
            for key in keys {
                XCTAssertTrue(keysBySection[name]?.contains(key) == true, "packaging/config.toml lacks [\(name)] \(key)")
                checked += 1
            }
        }
        // The top level's own tables, each a section of the example.
        for table in try knownKeys("") where table != "language" {
            XCTAssertTrue(keysBySection.keys.contains { $0 == table || $0.hasPrefix(table + ".") },
                          "packaging/config.toml has no [\(table)] section")
        }
        XCTAssertGreaterThan(checked, 40)
    }

    /// The values shown are valid: with every section and key uncommented (one form of each
    /// secret: the environment variable), monban's loader accepts the file.
    func testPK1_theExampleValuesParseWhenUncommented() throws {
        let alternatives: Set<String> = ["password", "password_file", "token", "token_file"]
        var lines: [String] = []
        for line in try text().split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("# ") else { lines.append(String(line)); continue }
            let body = String(line.dropFirst(2))
            let key = body.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
            let isKey = body.contains(" = ") && key.allSatisfy { $0.isLetter || $0 == "_" } && !key.isEmpty
            let isSection = body.hasPrefix("[") && body.hasSuffix("]") && !body.contains(" ")
            lines.append((isSection || (isKey && !alternatives.contains(key))) ? body : String(line))
        }
        setenv("MONBAN_SMTP_PASSWORD", "example", 1)
        setenv("MONBAN_SMS_TOKEN", "example", 1)
        defer { unsetenv("MONBAN_SMTP_PASSWORD"); unsetenv("MONBAN_SMS_TOKEN") }
        let configuration = try Configuration.parse(lines.joined(separator: "\n"), file: "uncommented.toml")
        XCTAssertEqual(configuration.language, "ja")
        XCTAssertEqual(configuration.providers.count, 2)
        XCTAssertEqual(configuration.providers[.microsoft], .demo)
        XCTAssertEqual(configuration.smtp?.server.password, "example")
        XCTAssertEqual(configuration.sms?.token, "example")
        XCTAssertEqual(configuration.inlineSecrets, ["[providers.google] client_secret"])
    }
}
