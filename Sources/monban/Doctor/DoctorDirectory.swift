import Foundation
import Glibc
import MonbanConfig
import MonbanCore

/// The doctor's Active Directory line (PK-1): a real bind of a test account, never an
/// anonymous one, against the directory of the connection ID given. The password comes on
/// standard input, never from the command line; the line says only whether it worked.
enum DoctorDirectory {
    static func check(connectionID: String?, account: String?, databasePath: String, configuration: Configuration?) -> DoctorCheck {
        guard let connectionID, let account else {
            return DoctorCheck("directory.bind", .skip, "not tried: give --connection-id and --test-account (password on standard input)")
        }
        guard let id = ConnectionID(connectionID) else {
            return DoctorCheck("directory.bind", .fail, "--connection-id is not a connection ID")
        }
        guard let password = readPassword(), !password.isEmpty else {
            return DoctorCheck("directory.bind", .fail, "no password for the test account on standard input")
        }
        let settings: DirectorySettings
        do {
            let engine = try Setup.engine(databasePath: databasePath, create: false, configuration: configuration ?? Configuration())
            guard let found = try engine.directory(connectionID: id) else {
                return DoctorCheck("directory.bind", .fail, "no contract has the connection ID \(id.value)")
            }
            settings = found
        } catch {
            return DoctorCheck("directory.bind", .fail, "cannot be checked: \(Messages.describe(error))")
        }
        let place = settings.url
        switch LDAPVerifier().verify(settings, userPrincipalName: account, password: password) {
        case .ok:
            return DoctorCheck("directory.bind", .ok, "\(place) accepts the test account")
        case .wrongPassword, .unknownUser, .wrongCredentials:
            return DoctorCheck("directory.bind", .fail, "\(place) answers, but refuses the test account's name or password",
                               action: "check the test account (user@\(settings.domain)) and its password")
        case .accountDisabled, .accountLocked, .passwordExpired, .accountExpired:
            return DoctorCheck("directory.bind", .warn, "\(place) answers, but the test account cannot sign in (disabled, locked or expired)")
        case .unreachable(let why):
            return DoctorCheck("directory.bind", .fail, "\(place) does not answer: \(why)",
                               action: "check the directory's address (monban directory set) and the network")
        case .tlsFailure(let why):
            return DoctorCheck("directory.bind", .fail, "\(place): TLS failed: \(why)",
                               action: "give the CA certificate that signs the directory's certificate (monban directory set --ca-file)")
        case .failed(let why):
            return DoctorCheck("directory.bind", .fail, "\(place): \(why)")
        }
    }

    /// The first line of standard input; typed at a terminal, asked for on standard error
    /// and not echoed.
    static func readPassword() -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return try? StandardInput.firstLine() }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        FileHandle.standardError.write(Data("password of the test account: ".utf8))
        return try? StandardInput.firstLine()
    }
}
