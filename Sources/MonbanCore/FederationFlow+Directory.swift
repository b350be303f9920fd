import FoundationEssentials
import MonbanAddress
import MonbanStore

/// Active Directory: the contractor's Active Directory設定, the connection ID and
/// its notice, and sign-in by an LDAP bind of `user@domain` (LG-5).
extension FederationFlow {
    /// Active Directory設定 (CT-3: contractors of either plan). The first setting
    /// creates the connection ID; later ones keep it. Either way the contractor
    /// is mailed the login URLs and the ID (§1-3).
    func configureDirectory(
        by actorID: Int64, url: String, domain: String, caCertificatePEM: String? = nil, context: AccessContext
    ) throws(EngineError) -> DirectorySettings {
        let cleanURL = try Self.checkedDirectoryURL(url)
        let cleanDomain = try Self.checkedDomain(domain)
        let pem = caCertificatePEM.flatMap { $0.trimmingWhitespaceAndNewlines().isEmpty ? nil : $0 }
        if let pem {
            guard pem.utf8.count <= 65_536, pem.contains("-----BEGIN CERTIFICATE-----"),
                  pem.contains("-----END CERTIFICATE-----")
            else { throw .invalidDirectorySettings("CA certificate (PEM)") }
        }
        let fresh = try ConnectionID.generate(using: random)
        return try withPermission(actorID, .activeDirectory) { tx, who in
            let actor = who.person
            let existing = try directory(tx, contractID: actor.contractID)
            let id = existing?.connectionID ?? fresh
            try tx.saveDirectory(DirectoryRecord(
                contractID: actor.contractID, connectionID: id.value, url: cleanURL, domain: cleanDomain, caPEM: pem,
                configuredAt: clock.now()))
            try audit(tx, .directoryConfigured, person: actor.id, contract: actor.contractID, context: context,
                      detail: "\(id.value) \(cleanURL)")
            try mailDirectoryNotice(tx, to: actor, id, context: context)
            return .success(DirectorySettings(contractID: actor.contractID, connectionID: id, url: cleanURL,
                                              domain: cleanDomain, caCertificatePEM: pem))
        }
    }

    /// §1-3 Active Directoryアカウントのログイン用URL・接続ID通知: to the contractor at each
    /// Active Directory設定, and to each person whose login method becomes Active Directory
    /// (LG-5, issue 20 item 22), so that the login URL is in their own mailbox.
    func mailDirectoryNotice(_ tx: any StoreTransaction, to person: Person, _ id: ConnectionID,
                             context: AccessContext) throws {
        let urls = settings.directoryLoginURLs(id)
        try queueEmail(tx, to: person, mail.directoryNotice(
            name: person.salutationName, internetURL: urls.internet, lineURL: urls.line, connectionID: id.value),
            links: [urls.internet, urls.line], context: context)
    }

    /// The directory behind a connection ID (接続ID確認), nil when unknown.
    func directory(connectionID: ConnectionID) throws(EngineError) -> DirectorySettings? {
        try read { tx in try tx.directory(connectionID: connectionID.value).map(Self.directorySettings) }
    }

    /// The contract's directory, nil when AD is not set up.
    func directory(contractID: Int64) throws(EngineError) -> DirectorySettings? {
        try read { tx in try directory(tx, contractID: contractID) }
    }

    /// Active Directoryアカウントでログイン: `user@domain` and password, checked by
    /// the directory; then the person bound to that account (issue 19 finding 11):
    /// - the directory is asked only for an account bound to a person of the service
    ///   who signs in with it: any other name gets the answer of a wrong password
    ///   without a bind, so monban is no front end for guessing the directory's
    ///   passwords, and tells no one which names exist;
    /// - a wrong password (or an unknown user) counts toward the person's password
    ///   lock exactly as a wrong password does (LK-1: ten in a row lock the account,
    ///   counted in the store across processes, the unlock link mailed), and a locked
    ///   person's password is not sent to the directory at all;
    /// - an unknown user and a wrong password are one answer (`wrongCredentials`);
    /// - a clear-text `ldap://` directory is used only on this machine.
    func signIn(
        connectionID: ConnectionID, userPrincipalName: String, password: String, purpose: SignInPurpose = .service,
        context: AccessContext
    ) throws(EngineError) -> SignedIn {
        let (settings, upn) = try directoryAccount(connectionID, userPrincipalName)
        let identity = FederatedIdentity.directory(connectionID: connectionID, userPrincipalName: upn)
        let bound = try read { tx in try boundPerson(tx, identity) }
        guard let person = bound, person.loginMethod == .activeDirectory else {
            try auditDirectoryRefusal(settings, context: context, detail: "no person signs in with this account (not asked)")
            throw .directoryRefused(.wrongCredentials)
        }
        try checkDirectory(settings, person: person, context: context)
        let answer = directory.verify(settings, userPrincipalName: upn, password: password)
        try countRefusal(answer, settings: settings, person: person, context: context)
        return try signIn(federated: identity, purpose: purpose, context: context)
    }

    /// Checks `user@domain` with the directory and returns the account to bind
    /// (利用者ログイン登録 with AD, US-2; the login-method change, EM-5). A refusal
    /// counts toward the lock of the person `link` is for, as at sign-in (issue 19
    /// finding 11): a link is no front end for guessing the directory's passwords either.
    func verifyDirectoryAccount(
        connectionID: ConnectionID, userPrincipalName: String, password: String, link: Link?, context: AccessContext
    ) throws(EngineError) -> FederatedIdentity {
        let (settings, upn) = try directoryAccount(connectionID, userPrincipalName)
        let person: Person? = try link.flatMap { link throws(EngineError) in
            try read { tx in try ticketBook.validTicket(tx, link) }.get().person
        }
        if let person { try checkDirectory(settings, person: person, context: context) }
        else if Self.clearTextRefused(settings.url) { throw .directoryRefused(.failed(Self.clearTextReason)) }
        let answer = directory.verify(settings, userPrincipalName: upn, password: password)
        if let person {
            try countRefusal(answer, settings: settings, person: person, context: context)
        } else if answer != .ok {
            throw .directoryRefused(Self.merged(answer))
        }
        return .directory(connectionID: connectionID, userPrincipalName: upn)
    }

    /// Before the password goes to the directory: the person's lock (LK-1) and the
    /// transport (no clear text except to this machine).
    private func checkDirectory(_ settings: DirectorySettings, person: Person, context: AccessContext) throws(EngineError) {
        if case .locked = PasswordLock(person) {
            try transaction { tx in
                try audit(tx, .signInFailed, person: person.id, contract: person.contractID, context: context,
                          detail: "active_directory: locked (not asked)")
                return .success(())
            }
            throw person.lockError
        }
        if Self.clearTextRefused(settings.url) {
            try auditDirectoryRefusal(settings, person: person.id, context: context, detail: Self.clearTextReason)
            throw .directoryRefused(.failed(Self.clearTextReason))
        }
    }

    /// What a directory's answer does: nothing when right; a wrong password or an
    /// unknown user counts toward the lock (and may lock); anything else is audited.
    private func countRefusal(
        _ answer: DirectoryAnswer, settings: DirectorySettings, person: Person, context: AccessContext
    ) throws(EngineError) {
        switch answer {
        case .ok:
            return
        case .wrongPassword, .unknownUser, .wrongCredentials:
            let counted: Result<Never, EngineError> = try transaction { tx in
                .success(try signInFlow.recordWrongPassword(
                    tx, personID: person.id, context: context, what: "active_directory: \(Self.describe(answer))"))
            }
            switch counted {
            case .failure(.locked(let reason)): throw .locked(reason)
            case .failure: throw .directoryRefused(.wrongCredentials)
            }
        default:
            try auditDirectoryRefusal(settings, person: person.id, context: context, detail: Self.describe(answer))
            throw .directoryRefused(answer)
        }
    }

    private func auditDirectoryRefusal(
        _ settings: DirectorySettings, person: Int64? = nil, context: AccessContext, detail: String
    ) throws(EngineError) {
        try transaction { tx in
            try audit(tx, .signInFailed, person: person, contract: settings.contractID, context: context,
                      detail: "active_directory: \(detail)")
            return .success(())
        }
    }

    /// One answer for a wrong password and an unknown user (no enumeration).
    static func merged(_ a: DirectoryAnswer) -> DirectoryAnswer {
        switch a {
        case .wrongPassword, .unknownUser: .wrongCredentials
        default: a
        }
    }

    static let clearTextReason = "ldap:// is used only on this machine; use ldaps://"

    /// Whether `url` would send the password in clear text to another machine:
    /// `ldap://` to a host that is not a loopback address (127.0.0.0/8, ::1) or `localhost`.
    static func clearTextRefused(_ url: String) -> Bool {
        guard let c = URLComponents(string: url.trimmingWhitespace()), c.scheme?.lowercased() == "ldap" else { return false }
        return !Loopback.isLoopback(host: c.host)
    }

    /// The settings and the normalized UPN, or why they cannot be used.
    private func directoryAccount(
        _ connectionID: ConnectionID, _ typed: String
    ) throws(EngineError) -> (DirectorySettings, String) {
        guard let settings = try directory(connectionID: connectionID) else { throw .unknownConnectionID }
        let upn = typed.trimmingWhitespace()
        let parts = upn.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, upn.utf8.count <= 256,
              !upn.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }),
              parts[1].lowercased() == settings.domain
        else { throw .wrongDirectoryDomain(expected: settings.domain) }
        return (settings, upn)
    }

    func directory(_ tx: any StoreReader, contractID: Int64) throws -> DirectorySettings? {
        try tx.directory(contractID: contractID).map(Self.directorySettings)
    }

    static func directorySettings(_ row: DirectoryRecord) throws -> DirectorySettings {
        guard let id = ConnectionID(row.connectionID) else { throw DamagedRow(table: "directory") }
        return DirectorySettings(contractID: row.contractID, connectionID: id, url: row.url, domain: row.domain,
                                 caCertificatePEM: row.caPEM)
    }

    static func checkedDirectoryURL(_ url: String) throws(EngineError) -> String {
        let u = url.trimmingWhitespace()
        guard u.utf8.count <= 512, let c = URLComponents(string: u), let scheme = c.scheme?.lowercased(),
              scheme == "ldap" || scheme == "ldaps", let host = c.host, !host.isEmpty,
              c.path.isEmpty || c.path == "/", c.query == nil, c.user == nil
        else { throw .invalidDirectorySettings("URL (ldap://host or ldaps://host)") }
        // The password crosses the network: in clear text only on this machine (issue 19 finding 11).
        if clearTextRefused(u) { throw .invalidDirectorySettings("URL (ldaps://host; ldap:// only to this machine)") }
        return u.hasSuffix("/") ? String(u.dropLast()) : u
    }

    static func checkedDomain(_ domain: String) throws(EngineError) -> String {
        let d = domain.trimmingWhitespace().lowercased()
        let labels = d.split(separator: ".", omittingEmptySubsequences: false)
        guard d.utf8.count <= 253, labels.count >= 1, labels.allSatisfy({ label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }) else { throw .invalidDirectorySettings("domain") }
        return d
    }

    /// For the audit log: what the directory said, never what was typed.
    static func describe(_ a: DirectoryAnswer) -> String {
        switch a {
        case .ok: "ok"
        case .wrongPassword: "wrong password"
        case .unknownUser: "unknown user"
        case .wrongCredentials: "wrong user or password"
        case .accountDisabled: "account disabled"
        case .accountLocked: "account locked in the directory"
        case .passwordExpired: "password expired"
        case .accountExpired: "account expired"
        case .unreachable(let r): "directory unreachable: \(r)"
        case .tlsFailure(let r): "TLS: \(r)"
        case .failed(let r): "failed: \(r)"
        }
    }
}
