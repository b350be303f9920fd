import FoundationEssentials
import MonbanStore

/// The contract just created and how its contractor will sign in.
public struct CreatedContract: Sendable, Equatable {
    public var contract: Contract
    public var contractor: Person
    /// The registration link mailed when no password was given (CT-4).
    public var registrationLinkSent: Bool
}

/// Contracts and their people (CT-4, US-1, US-2): a contract and its contractor,
/// people added or invited, and 利用者ログイン登録 with a password through its link.
struct RegistrationFlow: EngineFlow {
    let shared: EngineContext

    /// Creates a contract and its contractor (CT-4). With a password, the
    /// contractor can sign in at once; without, a registration link is mailed.
    func createContract(
        email rawEmail: String, plan: Plan, password: String?, name: String = "",
        context: AccessContext = .operatorCommand
    ) throws(EngineError) -> CreatedContract {
        let email = try EmailAddress(rawEmail)
        let cleanName = try Self.checkedName(name)
        var hash: String?
        if let password {
            try PasswordPolicy.check(password, email: email.value)
            hash = try hasher.hash(password)
        }
        let now = clock.now()
        let storedHash = hash
        return try transaction { tx in
            if try Rows.fetchPerson(tx, email: email.value) != nil { return .failure(.emailInUse) }
            let contractID = try tx.insertContract(plan: plan.rawValue, createdAt: now,
                                                   trialStartedAt: plan == .trial ? now : nil)
            let personID = try tx.insertPerson(NewPerson(
                contractID: contractID, email: email.value, name: cleanName, role: Role.contractor.rawValue,
                loginMethod: LoginMethod.emailPassword.rawValue, passwordHash: storedHash, registered: storedHash != nil,
                createdAt: now))
            try audit(tx, .contractCreated, person: personID, contract: contractID, context: context, detail: plan.rawValue)
            try audit(tx, .personCreated, person: personID, contract: contractID, context: context, detail: "contractor")
            guard let contract = try Rows.fetchContract(tx, id: contractID),
                  let person = try Rows.fetchPerson(tx, id: personID)?.0
            else { throw DamagedRow(table: "contract") }
            if storedHash == nil {
                let link = try issueTicket(tx, .registration, for: person, context: context)
                try queueEmail(tx, to: person, mail.registrationInvitation(name: person.salutationName, link: link),
                               links: [link], context: context)
            }
            return .success(CreatedContract(contract: contract, contractor: person, registrationLinkSent: storedHash == nil))
        }
    }

    /// A person's name: at most 100 characters, no control characters.
    static func checkedName(_ name: String) throws(EngineError) -> String {
        let trimmed = name.trimmingWhitespace()
        if trimmed.count > 100 || trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidName
        }
        return trimmed
    }

    func contract(id: Int64) throws(EngineError) -> Contract? {
        try read { tx in try Rows.fetchContract(tx, id: id) }
    }

    func person(email: String) throws(EngineError) -> Person? {
        try read { tx in try Rows.fetchPerson(tx, email: email)?.0 }
    }

    func person(id: Int64) throws(EngineError) -> Person? {
        try read { tx in try Rows.fetchPerson(tx, id: id)?.0 }
    }

}

extension RegistrationFlow {
    /// Adds a person other than the contractor to a contract, already registered
    /// (operator seeding: the demo database, tests). Invitations by e-mail are the
    /// 管理コンソール's 利用者登録.
    @discardableResult
    func addPerson(
        to contractID: Int64, email rawEmail: String, name: String = "", role: Role, method: LoginMethod = .emailPassword,
        password: String?, context: AccessContext = .operatorCommand
    ) throws(EngineError) -> Person {
        guard role != .contractor else { throw .notPermitted }
        guard method.isAllowed(for: role) else { throw .notPermitted }
        let email = try EmailAddress(rawEmail)
        let cleanName = try Self.checkedName(name)
        var hash: String?
        if method == .emailPassword {
            guard let password else { throw .passwordRejected([.tooShort]) }
            try PasswordPolicy.check(password, email: email.value)
            hash = try hasher.hash(password)
        }
        let now = clock.now()
        let storedHash = hash
        return try transaction { tx in
            guard try Rows.fetchContract(tx, id: contractID) != nil else { return .failure(.notPermitted) }
            if try Rows.fetchPerson(tx, email: email.value) != nil { return .failure(.emailInUse) }
            let id = try tx.insertPerson(NewPerson(
                contractID: contractID, email: email.value, name: cleanName, role: role.rawValue,
                loginMethod: method.rawValue, passwordHash: storedHash, registered: true, createdAt: now))
            try audit(tx, .personCreated, person: id, contract: contractID, context: context, detail: role.rawValue)
            guard let person = try Rows.fetchPerson(tx, id: id)?.0 else { throw DamagedRow(table: "person") }
            return .success(person)
        }
    }
}

extension RegistrationFlow {
    /// 利用者登録 (US-1): the contractor or an administrator adds a person, who is
    /// mailed the 利用者登録のご案内 with a 14-day registration link; they choose
    /// how to sign in from it (US-2).
    func invitePerson(
        by actorID: Int64, email rawEmail: String, name: String = "", role: Role, context: AccessContext
    ) throws(EngineError) -> Person {
        guard role != .contractor else { throw .notPermitted }
        let email = try EmailAddress(rawEmail)
        let cleanName = try Self.checkedName(name)
        let now = clock.now()
        return try transaction { tx in
            let actor: Person
            switch try adminConsoleFlow.consoleActor(tx, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let who): actor = who.person
            }
            if try Rows.fetchPerson(tx, email: email.value) != nil { return .failure(.emailInUse) }
            let id = try tx.insertPerson(NewPerson(
                contractID: actor.contractID, email: email.value, name: cleanName, role: role.rawValue,
                loginMethod: LoginMethod.emailPassword.rawValue, passwordHash: nil, registered: false, createdAt: now))
            try audit(tx, .personCreated, person: id, contract: actor.contractID, context: context, detail: role.rawValue)
            guard let person = try Rows.fetchPerson(tx, id: id)?.0 else { throw DamagedRow(table: "person") }
            let link = try issueTicket(tx, .registration, for: person, context: context)
            try queueEmail(tx, to: person, mail.registrationInvitation(name: person.salutationName, link: link),
                           links: [link], context: context)
            return .success(person)
        }
    }
}

extension RegistrationFlow {
    /// Adds many people to a contract at once, in one transaction, not yet
    /// registered (no password, no mail): operator seeding for a demo, a
    /// benchmark or an import. The 管理コンソール sends each their 利用者登録 link
    /// when wanted (EM-2). All or nothing: one bad row refuses the whole batch.
    @discardableResult
    func importPeople(
        into contractID: Int64, _ people: [(email: String, name: String, role: Role)],
        context: AccessContext = .operatorCommand
    ) throws(EngineError) -> Int {
        var rows: [(email: String, name: String, role: Role)] = []
        rows.reserveCapacity(people.count)
        for p in people {
            guard p.role != .contractor else { throw .notPermitted }
            rows.append((try EmailAddress(p.email).value, try Self.checkedName(p.name), p.role))
        }
        let now = clock.now()
        return try transaction { tx in
            guard try Rows.fetchContract(tx, id: contractID) != nil else { return .failure(.notPermitted) }
            // Every address free, and none twice in the batch whatever its case (PostgreSQL's
            // lower(email); SQLite folds only ASCII, so there two addresses differing only in
            // the case of another letter are refused too: one mailbox to any mail server),
            // compared by their bytes, as both stores compare them (not canonical equivalence);
            // then all inserted at once (`insertPeople`: the contract's count changes once).
            var seen = Set<[UInt8]>()
            for row in rows {
                guard seen.insert(Array(row.email.lowercased().utf8)).inserted else { return .failure(.emailInUse) }
                if try Rows.fetchPerson(tx, email: row.email) != nil { return .failure(.emailInUse) }
            }
            try tx.insertPeople(rows.map { row in
                NewPerson(contractID: contractID, email: row.email, name: row.name, role: row.role.rawValue,
                          loginMethod: LoginMethod.emailPassword.rawValue, passwordHash: nil, registered: false, createdAt: now)
            })
            try audit(tx, .personCreated, contract: contractID, context: context, detail: "\(rows.count) imported")
            return .success(rows.count)
        }
    }

    /// Completes 利用者ログイン登録 with a password (US-2, CT-4).
    @discardableResult
    func completeRegistration(
        _ link: Link, password: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        guard link.purpose == .registration || link.purpose == .loginMethodChange else { throw .linkNotForThis }
        let hash = try recoveryFlow.hashNewPassword(for: link, password, confirmation)
        return try transaction { tx in
            try ticketBook.usingTicket(tx, link, context: context) { ticket in
                try tx.setPasswordLogin(personID: ticket.person.id, passwordHash: hash, register: true)
                try tx.deleteIdentity(personID: ticket.person.id)
                if link.purpose == .loginMethodChange {
                    // EM-5: a new login method starts a new two-step registration (TF-8).
                    try twoStepFlow.resetTwoStep(tx, personID: ticket.person.id)
                    try audit(tx, .loginMethodChanged, person: ticket.person.id, contract: ticket.person.contractID,
                              context: context, detail: LoginMethod.emailPassword.rawValue)
                }
                try audit(tx, .registrationCompleted, person: ticket.person.id, contract: ticket.person.contractID,
                          context: context, detail: LoginMethod.emailPassword.rawValue)
                guard let person = try Rows.fetchPerson(tx, id: ticket.person.id)?.0 else { throw DamagedRow(table: "person") }
                if link.purpose == .loginMethodChange {
                    try noticeFlow.notify(tx, person, .loginMethodChanged(.emailPassword), context: context)  // NT-1
                }
                return .success(person)
            }
        }
    }
}
