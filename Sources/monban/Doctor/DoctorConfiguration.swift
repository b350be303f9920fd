import MonbanConfig
import MonbanDirectory
import MonbanHTTP
import MonbanQR

/// The configuration's lines of `monban doctor` (PK-1): the file valid, its inline secrets
/// owner-only, and every optional library the configuration needs loadable.
enum DoctorConfiguration {
    /// The lines, and the configuration when it could be read (even one whose secrets are
    /// exposed: the other checks still run, but nothing is sent with those secrets).
    static func checks(given: String?) -> (lines: [DoctorCheck], configuration: Configuration?, secretsSafe: Bool) {
        let path = given ?? Paths.configFile
        let text: String
        switch TextFile.read(path, limit: 1 << 20) {
        case .text(let read):
            text = read
        case .missing where given == nil:
            return ([DoctorCheck("config.file", .ok, "no configuration file (\(path)): the defaults apply")], Configuration(), true)
        case .missing:
            return ([DoctorCheck("config.file", .fail, "\(path) is not there", action: "give the right file with --config")], nil, false)
        case .unreadable:
            return ([DoctorCheck("config.file", .fail, "\(path) cannot be read by this account",
                                 action: "run monban doctor as the account that runs monban")], nil, false)
        case .notText:
            return ([DoctorCheck("config.file", .fail, "\(path) is not a UTF-8 text file of at most 1 MiB")], nil, false)
        }
        var lines = [DoctorCheck("config.file", .ok, path)]
        let configuration: Configuration
        do {
            configuration = try Configuration.parse(text, file: path)
        } catch {
            lines.append(DoctorCheck("config.valid", .fail, error.description,
                                     action: "fix the file (docs/configuration.md lists every key)"))
            return (lines, nil, false)
        }
        lines.append(DoctorCheck("config.valid", .ok, "every key known and of the right type"))
        var secretsSafe = true
        if let problem = configuration.secretsProblem(file: path) {
            secretsSafe = false
            lines.append(DoctorCheck("config.secrets", .fail, problem, action: "monban refuses this configuration until it is fixed"))
        } else if configuration.inlineSecrets.isEmpty {
            lines.append(DoctorCheck("config.secrets", .ok, "no secret written in the file"))
        } else {
            lines.append(DoctorCheck("config.secrets", .ok,
                                     "holds \(configuration.inlineSecrets.joined(separator: " and ")); owned by this account, mode 600"))
        }
        return (lines, configuration, secretsSafe)
    }

    /// The machine's line file (LG-6, issue 19 finding 5): absent, or root's and one line number.
    static func line() -> DoctorCheck {
        do {
            guard let line = try TerminalLineFile.read() else {
                return DoctorCheck("line.file", .skip, "no \(TerminalLineFile.path): the internet entrance")
            }
            return DoctorCheck("line.file", .ok, "the line-authentication entrance on \(line.value)")
        } catch {
            return DoctorCheck("line.file", .fail, error.description,
                               action: "the client refuses to start until it is fixed (or the file is removed)")
        }
    }

    /// The optional libraries, each loaded now: libcurl when a provider, [smtp] or [sms] needs
    /// it; libqrencode always (the two-step QR code); libldap always, as a warning (Active
    /// Directory is set per contract in the database).
    static func libraries(_ configuration: Configuration?) -> [DoctorCheck] {
        var lines: [DoctorCheck] = []
        let c = configuration ?? Configuration()
        var curlUsers: [String] = []
        if c.providers.values.contains(where: { if case .openID = $0 { true } else { false } }) { curlUsers.append("federated sign-in") }
        if c.smtp != nil { curlUsers.append("e-mail delivery") }
        if c.sms != nil { curlUsers.append("SMS delivery") }
        if curlUsers.isEmpty {
            lines.append(DoctorCheck("library.libcurl", .skip, "not needed by this configuration"))
        } else if CurlHTTP.isAvailable {
            lines.append(DoctorCheck("library.libcurl", .ok, "libcurl.so.4 loads (for \(curlUsers.joined(separator: ", ")))"))
        } else {
            lines.append(DoctorCheck("library.libcurl", .fail, "libcurl.so.4 cannot be loaded: \(curlUsers.joined(separator: ", ")) will fail",
                                     action: "install it (Debian: apt-get install libcurl4)"))
        }
        if QREncoder.isAvailable {
            lines.append(DoctorCheck("library.libqrencode", .ok, "libqrencode.so.4 loads (the authenticator QR code)"))
        } else {
            lines.append(DoctorCheck("library.libqrencode", .fail, "libqrencode.so.4 cannot be loaded: the authenticator QR code cannot be shown",
                                     action: "install it (Debian: apt-get install libqrencode4)"))
        }
        if LDAPDirectory.isAvailable {
            lines.append(DoctorCheck("library.libldap", .ok, "libldap loads (Active Directory sign-in)"))
        } else {
            lines.append(DoctorCheck("library.libldap", .warn, "libldap cannot be loaded: Active Directory sign-in will not work",
                                     action: "if a contract signs in through Active Directory, install it (Debian: apt-get install libldap-2.5-0)"))
        }
        return lines
    }
}
