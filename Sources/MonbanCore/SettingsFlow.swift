import FoundationEssentials
import MonbanStore

/// The 認証・契約情報変更メニュー and what its items do (CT-2, CT-3, MC-2, EM-1,
/// EM-3, EM-4, PC-1, LA-1). Every action checks the permission table again, in
/// its own transaction: the menu hiding an item is not the guard.
struct SettingsFlow: EngineFlow {
    let shared: EngineContext

    /// What the menu shows `personID` now.
    func settingsMenu(for personID: Int64) throws(EngineError) -> SettingsMenu {
        let now = clock.now()
        return try read { tx in
            guard let person = try Rows.fetchPerson(tx, id: personID)?.0 else { throw EngineError.notPermitted }
            guard let contract = try Rows.fetchContract(tx, id: person.contractID) else { throw DamagedRow(table: "contract") }
            return Self.menu(person, contract, now: now)
        }
    }

    static func menu(_ person: Person, _ contract: Contract, now: Date) -> SettingsMenu {
        var ends: Date?
        var cancelled = false
        switch contract.status(at: now) {
        case .active: break
        case .trial(let end): ends = end
        case .cancelled(let end): ends = end; cancelled = true
        }
        var convertible: Date?
        if person.role == .contractor, contract.plan == .trial, let start = contract.trialStartedAt,
           TrialPolicy.canConvert(startedAt: start, now: now)
        {
            convertible = TrialPolicy.conversionDeadline(startedAt: start)
        }
        return SettingsMenu(person: person, contract: contract, items: SettingsPolicy.items(for: person, in: contract, at: now),
                            trialEndsAt: ends, cancelled: cancelled, convertibleUntil: convertible)
    }

    // MARK: 契約プラン変更 (CT-2)

    /// Moves a free trial to the basic plan, up to 15 days after the trial's end (CT-2).
    /// Only the contractor may do it (CT-3).
    func convertTrialToBasic(by actorID: Int64, context: AccessContext) throws(EngineError) -> Contract {
        let now = clock.now()
        return try transaction { tx in
            guard let actor = try Rows.fetchPerson(tx, id: actorID)?.0 else { return .failure(.notPermitted) }
            guard actor.role == .contractor else { return .failure(.notPermitted) }
            guard let contract = try Rows.fetchContract(tx, id: actor.contractID) else { return .failure(.notPermitted) }
            guard contract.plan == .trial, let start = contract.trialStartedAt else { return .failure(.notATrial) }
            guard TrialPolicy.canConvert(startedAt: start, now: now) else { return .failure(.trialConversionWindowClosed) }
            try tx.convertToBasic(contractID: contract.id, at: now)
            try audit(tx, .contractConverted, person: actor.id, contract: contract.id, context: context, detail: "trial→basic")
            guard let updated = try Rows.fetchContract(tx, id: contract.id) else { throw DamagedRow(table: "contract") }
            return .success(updated)
        }
    }

    // MARK: パスワード変更 (PC-1)

    /// The current password, the new one twice, under the policy (PP-1). A wrong
    /// current password counts toward the lock like a wrong sign-in (LK-1).
    @discardableResult
    func changePassword(
        by actorID: Int64, current: String, new: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        let who = try authorizedNow(actorID, .passwordChange)
        guard let storedHash = who.passwordHash else { throw .notPermitted }
        try checkCurrentPassword(current, storedHash, personID: who.person.id, context: context)
        guard new != current else { throw .passwordUnchanged }
        try PasswordPolicy.check(new, email: who.person.email)
        guard new == confirmation else { throw .passwordsDoNotMatch }
        let hash = try hasher.hash(new)
        return try withPermission(actorID, .passwordChange) { tx, now in
            // Changed elsewhere since the check: the check no longer holds.
            guard now.passwordHash == storedHash else { return .failure(.wrongCurrentPassword) }
            try tx.changePassword(personID: actorID, passwordHash: hash)
            try ticketBook.voidTickets(tx, personID: actorID, purposes: [.passwordReset])
            try audit(tx, .passwordChanged, person: actorID, contract: now.contract.id, context: context,
                      detail: "password change")
            guard let person = try Rows.fetchPerson(tx, id: actorID)?.0 else { throw DamagedRow(table: "person") }
            try noticeFlow.notify(tx, person, .passwordChanged, context: context)  // NT-1
            return .success(person)
        }
    }

    // MARK: メールアドレス変更 (EM-1, EM-3, EM-4)

    /// The new address twice: mails メールアドレス変更登録 with a 14-day link to the
    /// NEW address (EM-1). The old address keeps working until the link is used;
    /// an earlier change not yet confirmed is voided. Returns the new address.
    @discardableResult
    func requestEmailChange(
        by actorID: Int64, newEmail: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> String {
        let address = try EmailAddress(newEmail)
        guard let again = try? EmailAddress(confirmation), again.value.lowercased() == address.value.lowercased() else {
            throw .emailsDoNotMatch
        }
        return try withPermission(actorID, .emailChange) { tx, who in
            if who.person.email.lowercased() == address.value.lowercased() { return .failure(.emailUnchanged) }
            if try Rows.fetchPerson(tx, email: address.value) != nil { return .failure(.emailInUse) }
            try ticketBook.voidTickets(tx, personID: who.person.id, purposes: [.emailChange])
            let link = try issueTicket(tx, .emailChange, for: who.person, payload: address.value, context: context)
            try audit(tx, .emailChangeRequested, person: who.person.id, contract: who.contract.id, context: context)
            try queueEmail(tx, to: who.person, address: address.value,
                           mail.emailChange(name: who.person.salutationName, link: link), links: [link], context: context)
            return .success(address.value)
        }
    }

    /// Opens an e-mail-change link (EM-3, EM-4). A person who signs in with a
    /// password sets it anew here, twice, under the policy for the new address, and
    /// their two-step registration is reset (TF-8); for others opening the link
    /// completes the change. Afterwards the new address is the login ID.
    @discardableResult
    func confirmEmailChange(
        _ link: Link, password: String? = nil, confirmation: String? = nil, context: AccessContext
    ) throws(EngineError) -> Person {
        guard link.purpose == .emailChange else { throw .linkNotForThis }
        let info = try ticketBook.inspect(link)
        var hash: String?
        if info.loginMethod == .emailPassword {
            guard let password, let confirmation else { throw .passwordRequired }
            try PasswordPolicy.check(password, email: info.payload)
            guard password == confirmation else { throw .passwordsDoNotMatch }
            hash = try hasher.hash(password)
        }
        let newHash = hash
        return try transaction { tx in
            // A refusal before the ticket is used leaves the link usable.
            if case .success(let t) = try ticketBook.validTicket(tx, link) {
                if let other = try Rows.fetchPerson(tx, email: t.payload)?.0, other.id != t.person.id {
                    try audit(tx, .linkRefused, person: t.person.id, contract: t.person.contractID, context: context,
                              detail: "email_change: address taken")
                    return .failure(.emailInUse)
                }
                // The login method changed since the link was opened: ask again.
                if (t.person.loginMethod == .emailPassword) != (newHash != nil) { return .failure(.passwordRequired) }
            }
            return try ticketBook.usingTicket(tx, link, context: context) { ticket in
                guard (try? EmailAddress(ticket.payload)) != nil else { return .failure(.linkInvalid) }
                try tx.setEmail(personID: ticket.person.id, to: ticket.payload,
                                old: (ticket.person.email, ticket.person.name))
                // Every link mailed for the old address dies with it, whatever it was for:
                // registration, login-method change, reset, unlock, another change (TM-3).
                try ticketBook.voidAllTickets(tx, personID: ticket.person.id)
                try audit(tx, .emailChanged, person: ticket.person.id, contract: ticket.person.contractID, context: context)
                if let newHash {
                    try recoveryFlow.setPassword(tx, ticket.person, hash: newHash, context: context, why: "e-mail change")
                    // Someone invited but not yet registered is registered by this (EM-2).
                    try tx.markRegistered(personID: ticket.person.id)
                }
                guard let person = try Rows.fetchPerson(tx, id: ticket.person.id)?.0 else { throw DamagedRow(table: "person") }
                // NT-1: the OLD address is told, once the person had an account there; an
                // invitation never used (a typo corrected) tells nobody.
                if ticket.person.registered {
                    try noticeFlow.notify(tx, person, .emailChanged(oldAddress: ticket.person.email, newAddress: person.email),
                                          context: context)
                }
                return .success(person)
            }
        }
    }

    // MARK: ログイン方法の設定 (MC-2)

    /// メールアドレス・パスワード認証の設定: the contractor's login method becomes
    /// e-mail + password with this password (twice, under the policy). Any bound
    /// account is released and the two-step registration is reset (TF-8). A
    /// contractor who signs in with a password already gives the current one too,
    /// as for パスワード変更 (ASVS 6.2.3); a wrong one counts toward the lock (LK-1).
    @discardableResult
    func changeLoginMethodToPassword(
        by actorID: Int64, current: String? = nil, password: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        let who = try authorizedNow(actorID, .loginMethod)
        if let storedHash = who.passwordHash, who.person.loginMethod == .emailPassword {
            try checkCurrentPassword(current ?? "", storedHash, personID: actorID, context: context)
        }
        try PasswordPolicy.check(password, email: who.person.email)
        guard password == confirmation else { throw .passwordsDoNotMatch }
        let hash = try hasher.hash(password)
        return try withPermission(actorID, .loginMethod) { tx, now in
            try tx.setPasswordLogin(personID: actorID, passwordHash: hash, register: false)
            try tx.deleteIdentity(personID: actorID)
            return .success(try loginMethodChanged(tx, actorID, now.contract, to: .emailPassword, context: context))
        }
    }

    /// The contractor's login method becomes a federated account, vouched for by
    /// its provider: not AD (LG-1), not an account bound to someone else, not one
    /// Facebook account straight to another (MC-2). Two-step registration is reset (TF-8).
    @discardableResult
    func changeLoginMethod(
        by actorID: Int64, to identity: FederatedIdentity, context: AccessContext
    ) throws(EngineError) -> Person {
        try withPermission(actorID, .loginMethod) { tx, who in
            if case .failure(let e) = try federationFlow.bind(tx, identity, to: who.person, context: context) { return .failure(e) }
            try tx.clearFailedAttempts(personID: actorID)
            return .success(try loginMethodChanged(tx, actorID, who.contract, to: identity.method, context: context))
        }
    }

    /// After the contractor's own change of login method: the two-step registration
    /// is reset (TF-8), reset links die, and both are audited.
    private func loginMethodChanged(
        _ tx: any StoreTransaction, _ personID: Int64, _ contract: Contract, to method: LoginMethod, context: AccessContext
    ) throws -> Person {
        try twoStepFlow.resetTwoStep(tx, personID: personID)
        try ticketBook.voidTickets(tx, personID: personID, purposes: [.passwordReset])
        try audit(tx, .loginMethodChanged, person: personID, contract: contract.id, context: context, detail: method.rawValue)
        try audit(tx, .twoFactorReset, person: personID, contract: contract.id, context: context, detail: "login method change")
        guard let person = try Rows.fetchPerson(tx, id: personID)?.0 else { throw DamagedRow(table: "person") }
        try noticeFlow.notify(tx, person, .loginMethodChanged(method), context: context)  // NT-1
        return person
    }

    // MARK: アクセス経路設定 (LA-1)

    /// 回線認証+インターネット or 回線認証のみ, for every user of the contract.
    @discardableResult
    func setAccessRoute(
        _ route: Contract.AccessRoute, by actorID: Int64, context: AccessContext
    ) throws(EngineError) -> Contract {
        try withPermission(actorID, .accessRoute) { tx, who in
            try tx.setAccessRoute(contractID: who.contract.id, route.rawValue)
            try audit(tx, .accessRouteChanged, person: actorID, contract: who.contract.id, context: context,
                      detail: route.rawValue)
            guard let updated = try Rows.fetchContract(tx, id: who.contract.id) else { throw DamagedRow(table: "contract") }
            return .success(updated)
        }
    }

    // MARK: Internals

    /// The current password, as someone signed in retypes it: a wrong one counts
    /// toward the lock like a wrong sign-in (LK-1).
    func checkCurrentPassword(
        _ current: String, _ storedHash: String, personID: Int64, context: AccessContext
    ) throws(EngineError) {
        if current.utf8.count <= 4 * PasswordPolicy.maximumLength, try hasher.verify(current, against: storedHash) { return }
        if current.utf8.count > 4 * PasswordPolicy.maximumLength { try hasher.burn(current) }
        do {
            try transaction { tx in try signInFlow.recordWrongPassword(tx, personID: personID, context: context) }
        } catch {
            throw error == .wrongCredentials ? .wrongCurrentPassword : error
        }
    }

    /// Marks the person's unused tickets of these purposes as used: a newer link replaces them.
    func voidTickets(_ tx: any StoreTransaction, personID: Int64, purposes: [TicketPurpose]) throws {
        try tx.voidTickets(personID: personID, purposes: purposes.map(\.rawValue), at: clock.now())
    }

    // MARK: The contract's switch (TF-7)

    /// 2段階認証設定: the contractor turns two-step verification on or off for
    /// every e-mail + password user of the contract (CT-3: contractors only).
    func setTwoStep(enabled: Bool, by actorID: Int64, context: AccessContext) throws(EngineError) -> Contract {
        try withPermission(actorID, .twoStepSetting) { tx, who in
            let (actor, contract) = (who.person, who.contract)
            try tx.setTwoFactorEnabled(contractID: contract.id, enabled)
            try audit(tx, .twoFactorSettingChanged, person: actor.id, contract: contract.id, context: context,
                      detail: enabled ? "enabled" : "disabled")
            guard let updated = try Rows.fetchContract(tx, id: contract.id) else { throw DamagedRow(table: "contract") }
            return .success(updated)
        }
    }

    // MARK: 回線情報通知設定 (LG-7)

    /// 回線情報通知設定: 通知する / 通知しない, 決定 (LG-7). Asked once per line.
    func setLineNotice(
        by personID: Int64, line: LineNumber, notify: Bool, context: AccessContext
    ) throws(EngineError) {
        try transaction { tx -> Result<Void, EngineError> in
            guard let person = try Rows.fetchPerson(tx, id: personID)?.0 else { return .failure(.notPermitted) }
            try tx.recordLineNotice(contractID: person.contractID, number: line.value, notify: notify, personID: personID,
                                    at: clock.now())
            try audit(tx, .lineNoticeSet, person: personID, contract: person.contractID, context: context,
                      detail: notify ? "notify" : "do not notify")
            return .success(())
        }
    }
}
