import FoundationEssentials
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
            let urls = settings.directoryLoginURLs(id)
            try queueEmail(tx, to: actor, mail.directoryNotice(
                name: actor.salutationName, internetURL: urls.internet, lineURL: urls.line, connectionID: id.value),
                links: [urls.internet, urls.line], context: context)
            return .success(DirectorySettings(contractID: actor.contractID, connectionID: id, url: cleanURL,
                                              domain: cleanDomain, caCertificatePEM: pem))
        }
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
    /// the directory; then the person bound to that account. Directory refusals
    /// do not count toward the password lock (LK-1): the directory has its own.
    func signIn(
        connectionID: ConnectionID, userPrincipalName: String, password: String, purpose: SignInPurpose = .service,
        context: AccessContext
    ) throws(EngineError) -> SignedIn {
        let (settings, upn) = try directoryAccount(connectionID, userPrincipalName)
        let answer = directory.verify(settings, userPrincipalName: upn, password: password)
        guard answer == .ok else {
            try transaction { tx in
                try audit(tx, .signInFailed, contract: settings.contractID, context: context,
                          detail: "active_directory: \(Self.describe(answer))")
                return .success(())
            }
            throw .directoryRefused(answer)
        }
        return try signIn(federated: .directory(connectionID: connectionID, userPrincipalName: upn), purpose: purpose,
                          context: context)
    }

    /// Checks `user@domain` with the directory and returns the account to bind
    /// (利用者ログイン登録 with AD, US-2; the login-method change, EM-5).
    func verifyDirectoryAccount(
        connectionID: ConnectionID, userPrincipalName: String, password: String
    ) throws(EngineError) -> FederatedIdentity {
        let (settings, upn) = try directoryAccount(connectionID, userPrincipalName)
        let answer = directory.verify(settings, userPrincipalName: upn, password: password)
        guard answer == .ok else { throw .directoryRefused(answer) }
        return .directory(connectionID: connectionID, userPrincipalName: upn)
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
        else { throw .wrongDirectoryDomain }
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
        case .unreachable(let r): "directory unreachable: \(r)"
        case .tlsFailure(let r): "TLS: \(r)"
        case .failed(let r): "failed: \(r)"
        }
    }
}
