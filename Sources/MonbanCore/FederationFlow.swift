import FoundationEssentials
import MonbanStore

/// Sign-in with a federated service or Active Directory account, and binding
/// such accounts to people (LG-1, LG-4, LG-5, US-2, MC-2).
struct FederationFlow: EngineFlow {
    let shared: EngineContext
    /// The LDAP bind of Active Directory sign-in (LG-5).
    var directory: any DirectoryVerifier { shared.directory }

    /// Signs in the person bound to `identity`, whose login method must be the
    /// identity's service (LG-4). No two-step verification (LG-3) and no
    /// password lock: the service does its own.
    func signIn(
        federated identity: FederatedIdentity, purpose: SignInPurpose = .service, context: AccessContext
    ) throws(EngineError) -> SignedIn {
        try transaction { tx in
            let now = clock.now()
            guard let person = try boundPerson(tx, identity), person.loginMethod == identity.method else {
                try audit(tx, .signInFailed, context: context, detail: "\(identity.method.rawValue): not registered")
                return .failure(.identityNotRegistered(identity.method))
            }
            // AD sign-in counts toward the password lock (issue 19 finding 11): locked by
            // another process since the directory said yes, no entry; else the count restarts.
            if identity.method == .activeDirectory, case .locked = PasswordLock(person) { return .failure(person.lockError) }
            guard let contract = try Rows.fetchContract(tx, id: person.contractID) else { throw DamagedRow(table: "contract") }
            if let refusal = try signInFlow.admissionRefusal(tx, person, contract, purpose: purpose, context: context) {
                return .failure(refusal)
            }
            if person.failedAttempts > 0 { try tx.setFailedAttempts(personID: person.id, count: 0, lockedAt: nil) }
            try tx.setLastSignIn(personID: person.id, at: now)
            try audit(tx, .signInSucceeded, person: person.id, contract: contract.id, context: context,
                      detail: identity.method.rawValue)
            guard let fresh = try Rows.fetchPerson(tx, id: person.id)?.0 else { throw DamagedRow(table: "person") }
            try noticeFlow.signedIn(tx, fresh, context: context)  // NT-1: a new terminal is told
            let entered = SignInFlow.effective(context, purpose: purpose)
            return .success(SignedIn(person: fresh, contract: contract,
                                     lineNotice: try signInFlow.lineNoticeDue(tx, contract, entered)))
        }
    }

    /// Records a federated sign-in that ended at the provider (denied, expired, a
    /// token that failed its checks): `reason` is the client's short word for it.
    func recordFederatedFailure(_ method: LoginMethod, reason: String, context: AccessContext) throws(EngineError) {
        try transaction { tx in
            try audit(tx, .signInFailed, context: context, detail: "\(method.rawValue): \(reason.prefix(120))")
            return .success(())
        }
    }

    /// 利用者ログイン登録 with a federated or AD account (US-2): the link's person
    /// gets the identity as their login method; the link is used.
    func completeRegistration(
        _ link: Link, identity: FederatedIdentity, context: AccessContext
    ) throws(EngineError) -> Person {
        guard link.purpose == .registration || link.purpose == .loginMethodChange else { throw .linkNotForThis }
        return try transaction { tx in
            // A refused account leaves the link usable: the person may choose another.
            if case .success(let ticket) = try ticketBook.validTicket(tx, link), let refusal = try bindRefusal(tx, identity, ticket.person) {
                try audit(tx, .linkRefused, person: ticket.person.id, contract: ticket.person.contractID, context: context,
                          detail: "registration: \(identity.method.rawValue) refused")
                return .failure(refusal)
            }
            return try ticketBook.usingTicket(tx, link, context: context) { ticket in
                if case .failure(let e) = try bind(tx, identity, to: ticket.person, context: context) { return .failure(e) }
                try tx.markRegistered(personID: ticket.person.id)
                if link.purpose == .loginMethodChange {
                    try twoStepFlow.resetTwoStep(tx, personID: ticket.person.id)  // TF-8
                    try audit(tx, .loginMethodChanged, person: ticket.person.id, contract: ticket.person.contractID,
                              context: context, detail: identity.method.rawValue)
                }
                try audit(tx, .registrationCompleted, person: ticket.person.id, contract: ticket.person.contractID,
                          context: context, detail: identity.method.rawValue)
                guard let person = try Rows.fetchPerson(tx, id: ticket.person.id)?.0 else { throw DamagedRow(table: "person") }
                if link.purpose == .loginMethodChange {
                    try noticeFlow.notify(tx, person, .loginMethodChanged(identity.method), context: context)  // NT-1
                }
                // §1-3: the person who now signs in with Active Directory gets the login URL and
                // the connection ID in their own mailbox (LG-5, issue 20 item 22).
                if identity.method == .activeDirectory, let settings = try directory(tx, contractID: person.contractID) {
                    try mailDirectoryNotice(tx, to: person, settings.connectionID, context: context)
                }
                return .success(person)
            }
        }
    }

    /// Why `identity` cannot become the person's login method, nil when it can.
    func bindRefusal(_ tx: any StoreReader, _ identity: FederatedIdentity, _ person: Person) throws -> EngineError? {
        guard identity.method != .emailPassword, identity.method.isAllowed(for: person.role) else { return .notPermitted }
        if identity.method == .activeDirectory {
            // Only the directory of the person's own contract.
            let cid = identity.issuer.hasPrefix("ad:") ? String(identity.issuer.dropFirst(3)) : ""
            guard let settings = try directory(tx, contractID: person.contractID), settings.connectionID.value == cid else {
                return .unknownConnectionID
            }
        }
        if let other = try boundPerson(tx, identity), other.id != person.id { return .identityInUse }
        if person.loginMethod == .facebook, identity.method == .facebook,
           let current = try boundIdentity(tx, personID: person.id),
           current.issuer != identity.issuer || current.subject != identity.subject
        {
            return .facebookToFacebook
        }
        return nil
    }

    /// The person an account is bound to, if any.
    func boundPerson(_ tx: any StoreReader, _ identity: FederatedIdentity) throws -> Person? {
        guard let id = try tx.boundPersonID(issuer: identity.issuer, subject: identity.subject) else { return nil }
        return try Rows.fetchPerson(tx, id: id)?.0
    }

    /// The account bound to a person, if any.
    func boundIdentity(_ tx: any StoreReader, personID: Int64) throws -> FederatedIdentity? {
        guard let row = try tx.identity(personID: personID) else { return nil }
        guard let method = LoginMethod(rawValue: row.method) else { throw DamagedRow(table: "identity") }
        return FederatedIdentity(method: method, issuer: row.issuer, subject: row.subject, email: row.email)
    }

    /// Makes `identity` the person's login method (US-2, MC-2, EM-5): the account
    /// may belong to nobody else; the contractor cannot use AD (LG-1); a Facebook
    /// login cannot move straight to another Facebook account (MC-2). The
    /// password, if any, is removed: one method per person (LG-1).
    func bind(_ tx: any StoreTransaction, _ identity: FederatedIdentity, to person: Person, context: AccessContext) throws
        -> Result<Void, EngineError>
    {
        if let refusal = try bindRefusal(tx, identity, person) { return .failure(refusal) }
        try tx.saveIdentity(IdentityRecord(
            personID: person.id, method: identity.method.rawValue, issuer: identity.issuer, subject: identity.subject,
            email: identity.email, boundAt: clock.now()))
        try tx.setFederatedLogin(personID: person.id, method: identity.method.rawValue)
        try audit(tx, .identityBound, person: person.id, contract: person.contractID, context: context,
                  detail: identity.method.rawValue)
        return .success(())
    }
}
