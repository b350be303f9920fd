/// Whether this client may remember its terminal for two-step verification (TF-4), and what
/// a remembered terminal is bound to (issue 19 finding 3). Pure: the client gathers the facts
/// (environment, /proc, the tty, the configuration) and this decides.
///
/// "Remember this terminal" is for a terminal that is one person's own. It is off:
/// - on a kiosk (every visitor's terminal);
/// - where the operator says the OS account is shared (`[client] remember = false`);
/// - under a forced command (`SSH_ORIGINAL_COMMAND` set, or sshd started the client itself:
///   ForceCommand, `command=` in authorized_keys), where every connection is the same account;
/// - under SSH when sshd does not say which key the connection used (`SSH_USER_AUTH`, from
///   `ExposeAuthInfo yes`): without it every connection to the account would be one terminal.
public struct TerminalBinding: Sendable, Equatable {
    /// What the device token is bound to, one `name=value` per line.
    public let canonical: String

    /// Why the terminal is not remembered.
    public enum Off: Error, Sendable, Equatable {
        case kiosk
        case operatorSetting
        case forcedCommand
        case sshWithoutKey
    }

    /// What the client knows about where it runs.
    public struct Facts: Sendable, Equatable {
        public var kiosk = false
        /// `[client] remember`; nil when not set.
        public var rememberSetting: Bool?
        /// `SSH_ORIGINAL_COMMAND`, `SSH_CONNECTION`: empty counts as unset.
        public var sshOriginalCommand: String?
        public var sshConnection: String?
        /// The contents of the file `SSH_USER_AUTH` names, when readable.
        public var sshUserAuth: String?
        /// Whether sshd itself (or a shell it ran with `-c`) started the client.
        public var startedBySSHD = false
        /// The controlling terminal's device path (`ttyname` of standard input).
        public var tty: String?
        public var uid: UInt32 = 0
        /// `/etc/machine-id`, or the host name where there is none.
        public var machine = ""
        /// The folder the device token lives in.
        public var stateDirectory = ""

        public init() {}
    }

    /// The binding for these facts, or why the terminal is not remembered.
    public static func decide(_ f: Facts) -> Result<TerminalBinding, Off> {
        if f.kiosk { return .failure(.kiosk) }
        if f.rememberSetting == false { return .failure(.operatorSetting) }
        if f.sshOriginalCommand?.isEmpty == false || f.startedBySSHD { return .failure(.forcedCommand) }
        let terminal: String
        if f.sshConnection?.isEmpty == false {
            guard let key = sshKey(f.sshUserAuth ?? "") else { return .failure(.sshWithoutKey) }
            terminal = "ssh-key " + key
        } else {
            // A pseudo-terminal's number is handed out per session and names no terminal;
            // a console (/dev/ttyN, a serial line) is a fixed place.
            let tty = f.tty ?? "none"
            terminal = tty.hasPrefix("/dev/pts/") ? "pts" : tty
        }
        let canonical = ["uid=\(f.uid)", "machine=\(f.machine)", "state=\(f.stateDirectory)", "terminal=\(terminal)"]
            .map { $0.filter { $0 != "\n" } }.joined(separator: "\n")
        return .success(TerminalBinding(canonical: canonical))
    }

    /// The public key of the first `publickey` method in an `SSH_USER_AUTH` file
    /// ("publickey ssh-ed25519 AAAA…"): its type and base64 blob.
    static func sshKey(_ text: String) -> String? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, fields[0] == "publickey", !fields[2].isEmpty else { continue }
            return "\(fields[1]) \(fields[2])"
        }
        return nil
    }
}
