import FoundationEssentials
import GRDB

/// The contract just created and how its contractor will sign in.
public struct CreatedContract: Sendable, Equatable {
    public var contract: Contract
    public var contractor: Person
    /// The registration link mailed when no password was given (CT-4).
    public var registrationLinkSent: Bool
}

extension Engine {
    /// Creates a contract and its contractor (CT-4). With a password, the
    /// contractor can sign in at once; without, a registration link is mailed.
    public func createContract(
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
        return try transaction { db in
            if try Rows.fetchPerson(db, email: email.value) != nil { return .failure(.emailInUse) }
            try db.execute(
                sql: "INSERT INTO contract (plan, created_at, trial_started_at) VALUES (?, ?, ?)",
                arguments: [plan.rawValue, now.timeIntervalSince1970, plan == .trial ? now.timeIntervalSince1970 : nil])
            let contractID = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO person (contract_id, email, name, role, login_method, password_hash, registered, created_at)
                    VALUES (?, ?, ?, 'contractor', 'email_password', ?, ?, ?)
                    """,
                arguments: [contractID, email.value, cleanName, storedHash, storedHash != nil, now.timeIntervalSince1970])
            let personID = db.lastInsertedRowID
            try indexPerson(db, id: personID, old: nil, email: email.value, name: cleanName)
            try audit(db, .contractCreated, person: personID, contract: contractID, context: context, detail: plan.rawValue)
            try audit(db, .personCreated, person: personID, contract: contractID, context: context, detail: "contractor")
            guard let contract = try Rows.fetchContract(db, id: contractID),
                  let person = try Rows.fetchPerson(db, id: personID)?.0
            else { throw DamagedRow(table: "contract") }
            if storedHash == nil {
                let link = try issueTicket(db, .registration, for: person, context: context)
                try queueEmail(db, to: person, mail.registrationInvitation(name: person.salutationName, link: link),
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

    public func contract(id: Int64) throws(EngineError) -> Contract? {
        try read { db in try Rows.fetchContract(db, id: id) }
    }

    public func person(email: String) throws(EngineError) -> Person? {
        try read { db in try Rows.fetchPerson(db, email: email)?.0 }
    }

    public func person(id: Int64) throws(EngineError) -> Person? {
        try read { db in try Rows.fetchPerson(db, id: id)?.0 }
    }

    /// Moves a free trial to the basic plan, up to 15 days after the trial's end (CT-2).
    /// Only the contractor may do it (CT-3).
    public func convertTrialToBasic(by actorID: Int64, context: AccessContext) throws(EngineError) -> Contract {
        let now = clock.now()
        return try transaction { db in
            guard let actor = try Rows.fetchPerson(db, id: actorID)?.0 else { return .failure(.notPermitted) }
            guard actor.role == .contractor else { return .failure(.notPermitted) }
            guard let contract = try Rows.fetchContract(db, id: actor.contractID) else { return .failure(.notPermitted) }
            guard contract.plan == .trial, let start = contract.trialStartedAt else { return .failure(.notATrial) }
            guard TrialPolicy.canConvert(startedAt: start, now: now) else { return .failure(.trialConversionWindowClosed) }
            try db.execute(sql: "UPDATE contract SET plan = 'basic', converted_at = ? WHERE id = ?",
                           arguments: [now.timeIntervalSince1970, contract.id])
            try audit(db, .contractConverted, person: actor.id, contract: contract.id, context: context, detail: "trial→basic")
            guard let updated = try Rows.fetchContract(db, id: contract.id) else { throw DamagedRow(table: "contract") }
            return .success(updated)
        }
    }
}

extension Engine {
    /// Adds a person other than the contractor to a contract, already registered
    /// (operator seeding: the demo database, tests). Invitations by e-mail are the
    /// 管理コンソール's 利用者登録.
    @discardableResult
    public func addPerson(
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
        return try transaction { db in
            guard try Rows.fetchContract(db, id: contractID) != nil else { return .failure(.notPermitted) }
            if try Rows.fetchPerson(db, email: email.value) != nil { return .failure(.emailInUse) }
            try db.execute(
                sql: """
                    INSERT INTO person (contract_id, email, name, role, login_method, password_hash, registered, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 1, ?)
                    """,
                arguments: [contractID, email.value, cleanName, role.rawValue, method.rawValue, storedHash,
                            now.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            try indexPerson(db, id: id, old: nil, email: email.value, name: cleanName)
            try audit(db, .personCreated, person: id, contract: contractID, context: context, detail: role.rawValue)
            guard let person = try Rows.fetchPerson(db, id: id)?.0 else { throw DamagedRow(table: "person") }
            return .success(person)
        }
    }
}

extension Engine {
    /// 利用者登録 (US-1): the contractor or an administrator adds a person, who is
    /// mailed the 利用者登録のご案内 with a 14-day registration link; they choose
    /// how to sign in from it (US-2).
    public func invitePerson(
        by actorID: Int64, email rawEmail: String, name: String = "", role: Role, context: AccessContext
    ) throws(EngineError) -> Person {
        guard role != .contractor else { throw .notPermitted }
        let email = try EmailAddress(rawEmail)
        let cleanName = try Self.checkedName(name)
        let now = clock.now()
        return try transaction { db in
            let actor: Person
            switch try consoleActor(db, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let who): actor = who.person
            }
            if try Rows.fetchPerson(db, email: email.value) != nil { return .failure(.emailInUse) }
            try db.execute(
                sql: """
                    INSERT INTO person (contract_id, email, name, role, login_method, registered, created_at)
                    VALUES (?, ?, ?, ?, 'email_password', 0, ?)
                    """,
                arguments: [actor.contractID, email.value, cleanName, role.rawValue, now.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            try indexPerson(db, id: id, old: nil, email: email.value, name: cleanName)
            try audit(db, .personCreated, person: id, contract: actor.contractID, context: context, detail: role.rawValue)
            guard let person = try Rows.fetchPerson(db, id: id)?.0 else { throw DamagedRow(table: "person") }
            let link = try issueTicket(db, .registration, for: person, context: context)
            try queueEmail(db, to: person, mail.registrationInvitation(name: person.salutationName, link: link),
                           links: [link], context: context)
            return .success(person)
        }
    }
}

extension Engine {
    /// Adds many people to a contract at once, in one transaction, not yet
    /// registered (no password, no mail): operator seeding for a demo, a
    /// benchmark or an import. The 管理コンソール sends each their 利用者登録 link
    /// when wanted (EM-2). All or nothing: one bad row refuses the whole batch.
    @discardableResult
    public func importPeople(
        into contractID: Int64, _ people: [(email: String, name: String, role: Role)],
        context: AccessContext = .operatorCommand
    ) throws(EngineError) -> Int {
        var rows: [(email: String, name: String, role: Role)] = []
        rows.reserveCapacity(people.count)
        for p in people {
            guard p.role != .contractor else { throw .notPermitted }
            rows.append((try EmailAddress(p.email).value, try Self.checkedName(p.name), p.role))
        }
        let now = clock.now().timeIntervalSince1970
        return try transaction { db in
            guard try Rows.fetchContract(db, id: contractID) != nil else { return .failure(.notPermitted) }
            let insert = try db.makeStatement(sql: """
                INSERT INTO person (contract_id, email, name, role, login_method, registered, created_at)
                VALUES (?, ?, ?, ?, 'email_password', 0, ?)
                """)
            for row in rows {
                if try Rows.fetchPerson(db, email: row.email) != nil { return .failure(.emailInUse) }
                try insert.execute(arguments: [contractID, row.email, row.name, row.role.rawValue, now])
                try indexPerson(db, id: db.lastInsertedRowID, old: nil, email: row.email, name: row.name)
            }
            try audit(db, .personCreated, contract: contractID, context: context, detail: "\(rows.count) imported")
            return .success(rows.count)
        }
    }
}
