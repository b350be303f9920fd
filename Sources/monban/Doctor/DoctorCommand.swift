import ArgumentParser
import Foundation

/// `monban doctor` (PK-1, issue 22): what an operator runs first. Each line is one check
/// with OK, WARN or FAIL (SKIP when it does not apply) and what to do; the exit status is
/// the worst line's: 0 OK, 1 WARN, 2 FAIL. `--json` gives the same for monitoring.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check this installation: database, keys, configuration, libraries, mail, providers, terminal.",
        discussion: """
            Each line is a check: OK, WARN (works, but look at it), FAIL (something will not work) or SKIP (not configured here), with what to do. The exit status is 0 when nothing is worse than OK, 1 for a WARN, 2 for a FAIL.

            Nothing is changed, and no secret is printed. Run it as the account that runs monban, in the terminal monban will run in: the terminal checks ask the terminal itself how it draws.

            --connection-id with --test-account signs in to that contract's Active Directory as the test account, whose password is read from the first line of standard input.
            """)

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print the checks as JSON, for monitoring.") var json = false
    @Option(name: .customLong("send-test"), help: "Send one test e-mail to this address through the configured SMTP server.")
    var sendTest: String?
    @Option(help: "With --test-account: the Active Directory connection ID whose directory to try.")
    var connectionID: String?
    @Option(help: "With --connection-id: the test account (user@domain) to bind as; its password on standard input.")
    var testAccount: String?

    func validate() throws {
        guard (connectionID == nil) == (testAccount == nil) else {
            throw ValidationError("--connection-id and --test-account go together.")
        }
    }

    func run() throws {
        var report = DoctorReport()
        let emit: ([DoctorCheck]) -> Void = { checks in
            report.add(checks)
            guard !json else { return }
            for check in checks {
                FileHandle.standardOutput.write(Data((DoctorReport.text(check) + "\n").utf8))
            }
        }
        let config = DoctorConfiguration.checks(given: database.config)
        emit(DoctorDatabase.checks(path: database.path, configuration: config.configuration))
        emit(config.lines)
        emit([DoctorConfiguration.line()])
        emit(DoctorConfiguration.libraries(config.configuration))
        emit([DoctorNetwork.smtp(config.configuration)])
        if let sendTest {
            emit([DoctorNetwork.sendTest(to: sendTest, config.configuration, secretsSafe: config.secretsSafe)])
        }
        emit(DoctorNetwork.providers(config.configuration))
        emit([DoctorDirectory.check(connectionID: connectionID, account: testAccount, databasePath: database.path,
                                    configuration: config.configuration)])
        emit(DoctorTerminal.checks())
        if json {
            print(report.json())
        } else {
            let fails = report.checks.filter { $0.status == .fail }.count
            let warns = report.checks.filter { $0.status == .warn }.count
            print(fails + warns == 0 ? "all checks passed" : "\(fails) FAIL, \(warns) WARN")
        }
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
