import Foundation
import GRDB
import MonbanStore

/// One row of the 管理コンソール's user list (US-1).
public struct UserSummary: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: Role
    public var loginMethod: LoginMethod
    public var locked: Bool
    public var registered: Bool
}

/// Which page of the user list: the first, or the one after or before a row's address.
public enum UserPageRequest: Sendable, Equatable {
    case first
    case after(email: String)
    case before(email: String)
}

/// A page of the user list, in address order, and what lies around it.
public struct UserPage: Sendable, Equatable {
    public var rows: [UserSummary]
    public var hasPrevious: Bool
    public var hasNext: Bool
    /// How many people match, when it is known without reading them all.
    public var total: Int?

    public init(rows: [UserSummary] = [], hasPrevious: Bool = false, hasNext: Bool = false, total: Int? = nil) {
        self.rows = rows
        self.hasPrevious = hasPrevious
        self.hasNext = hasNext
        self.total = total
    }
}

/// ユーザ詳細 (US-1): everything the detail view shows.
public struct UserDetail: Sendable, Equatable {
    public enum TwoStep: Sendable, Equatable {
        /// The contract has 2段階認証設定 off (TF-7).
        case contractOff
        /// Not asked for this login method (LG-3: e-mail + password only).
        case notForThisMethod
        case notEnrolled
        case enrolled(TwoStepMethod)
    }

    public var person: Person
    public var twoStep: TwoStep
    /// The account of a federated service or AD, when that is the login method.
    public var identityEmail: String?
}

/// What a メールアドレス変更 (送信) of the 管理コンソール mailed (EM-2).
public enum ConsoleMail: Sendable, Equatable {
    /// The address was unchanged: ログイン方法の設定変更, to the current address.
    case loginMethodChange(to: String)
    /// A new address: メールアドレス変更登録, to the new address.
    case emailChange(to: String)
    /// Not registered yet: the 利用者登録のご案内 again, to the current address.
    case registration(to: String)
}

extension Engine {
    /// The 管理コンソール is for the contractor and administrators (US-1, LA-2) of
    /// a contract that is not cancelled.
    func consoleActor(_ db: Database, _ actorID: Int64) throws -> Result<(person: Person, contract: Contract), EngineError> {
        guard let person = try Rows.fetchPerson(db, id: actorID)?.0 else { return .failure(.notPermitted) }
        guard let contract = try Rows.fetchContract(db, id: person.contractID) else { throw DamagedRow(table: "contract") }
        if person.isLocked { return .failure(.locked) }
        if case .cancelled = contract.status(at: clock.now()) { return .failure(.contractCancelled) }
        guard person.role != .user else { return .failure(.notPermitted) }
        return .success((person, contract))
    }

    /// A person of the actor's contract whom the console may act on: not the
    /// contractor (who changes their own settings in the menu, MC-2, EM-1).
    func consoleTarget(
        _ db: Database, _ actorID: Int64, _ personID: Int64
    ) throws -> Result<(actor: Person, target: Person, contract: Contract), EngineError> {
        switch try consoleActor(db, actorID) {
        case .failure(let e): return .failure(e)
        case .success(let who):
            guard let target = try Rows.fetchPerson(db, id: personID)?.0, target.contractID == who.contract.id else {
                return .failure(.notPermitted)
            }
            return .success((who.person, target, who.contract))
        }
    }

    // MARK: ユーザ一覧 (US-1)

    /// How many candidates of the search index are checked one by one; above it a
    /// query is common and the list is read in address order instead, stopping
    /// at the first page of matches.
    static let searchCandidateLimit = 2000

    /// A page of the people of the actor's contract whose address or name contains
    /// `text` (as typed: case, full-width and spaces do not matter), in address
    /// order. Never reads more than a page of people, plus at most
    /// `searchCandidateLimit` index hits: 100,000 people answer as fast as 100.
    public func users(
        by actorID: Int64, matching text: String = "", page: UserPageRequest = .first, limit: Int = 20
    ) throws(EngineError) -> UserPage {
        let limit = max(1, min(limit, 500))
        let query = String(text.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(100).map(Character.init))
        let result = try read { db -> Result<UserPage, EngineError> in
            let contract: Contract
            switch try consoleActor(db, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let who): contract = who.contract
            }
            guard let fts = SearchGrams.query(query) else {
                var p = try Self.scan(db, contract.id, page: page, limit: limit) { _ in true }
                p.total = try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE contract_id = ?", arguments: [contract.id])
                return .success(p)
            }
            let hits = try Int64.fetchAll(db, sql: "SELECT rowid FROM person_search WHERE person_search MATCH ? LIMIT ?",
                                          arguments: [fts, Self.searchCandidateLimit + 1])
            if hits.count > Self.searchCandidateLimit {
                // A common query: matches are dense, the address-ordered scan fills a page soon.
                return .success(try Self.scan(db, contract.id, page: page, limit: limit) {
                    SearchGrams.matches(query, email: $0.email, name: $0.name)
                })
            }
            let placeholders = Array(repeating: "?", count: hits.count).joined(separator: ",")
            let rows = hits.isEmpty ? [] : try Row.fetchAll(
                db, sql: "SELECT * FROM person WHERE contract_id = ? AND id IN (\(placeholders))",
                arguments: StatementArguments([contract.id] + hits))
            let all = try rows.map(Self.summary)
                .filter { SearchGrams.matches(query, email: $0.email, name: $0.name) }
                .sorted { $0.email.lowercased() < $1.email.lowercased() }
            return .success(Self.slice(all, page: page, limit: limit))
        }
        return try result.get()
    }

    static func summary(_ row: Row) throws -> UserSummary {
        let p = try Rows.person(row)
        return UserSummary(id: p.id, email: p.email, name: p.name, role: p.role, loginMethod: p.loginMethod,
                           locked: p.isLocked, registered: p.registered)
    }

    /// Reads the contract's people in address order from the page's edge, keeping
    /// those `keep` accepts, until a page (and one more, to know) is full.
    static func scan(
        _ db: Database, _ contractID: Int64, page: UserPageRequest, limit: Int, keep: (UserSummary) -> Bool
    ) throws -> UserPage {
        let sql: String
        var arguments: StatementArguments = [contractID]
        switch page {
        case .first:
            sql = "SELECT * FROM person WHERE contract_id = ? ORDER BY email COLLATE NOCASE"
        case .after(let email):
            sql = "SELECT * FROM person WHERE contract_id = ? AND email > ? COLLATE NOCASE ORDER BY email COLLATE NOCASE"
            arguments += [email]
        case .before(let email):
            sql = "SELECT * FROM person WHERE contract_id = ? AND email < ? COLLATE NOCASE ORDER BY email COLLATE NOCASE DESC"
            arguments += [email]
        }
        var found: [UserSummary] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while found.count <= limit, let row = try cursor.next() {
            let s = try summary(row)
            if keep(s) { found.append(s) }
        }
        let more = found.count > limit
        found = Array(found.prefix(limit))
        switch page {
        case .first: return UserPage(rows: found, hasPrevious: false, hasNext: more, total: nil)
        case .after: return UserPage(rows: found, hasPrevious: true, hasNext: more, total: nil)
        case .before: return UserPage(rows: found.reversed(), hasPrevious: more, hasNext: true, total: nil)
        }
    }

    /// A page of an already sorted, complete list of matches.
    static func slice(_ all: [UserSummary], page: UserPageRequest, limit: Int) -> UserPage {
        switch page {
        case .first:
            return UserPage(rows: Array(all.prefix(limit)), hasPrevious: false, hasNext: all.count > limit, total: all.count)
        case .after(let email):
            let rest = all.drop { $0.email.lowercased() <= email.lowercased() }
            return UserPage(rows: Array(rest.prefix(limit)), hasPrevious: true, hasNext: rest.count > limit, total: all.count)
        case .before(let email):
            let head = all.prefix { $0.email.lowercased() < email.lowercased() }
            return UserPage(rows: Array(head.suffix(limit)), hasPrevious: head.count > limit, hasNext: true, total: all.count)
        }
    }

    // MARK: ユーザ詳細 (US-1)

    public func userDetail(by actorID: Int64, personID: Int64) throws(EngineError) -> UserDetail {
        let result = try read { db -> Result<UserDetail, EngineError> in
            switch try consoleTarget(db, actorID, personID) {
            case .failure(let e): return .failure(e)
            case .success(let w): return .success(try detail(db, w.target, w.contract))
            }
        }
        return try result.get()
    }

    func detail(_ db: Database, _ person: Person, _ contract: Contract) throws -> UserDetail {
        let twoStep: UserDetail.TwoStep
        if person.loginMethod != .emailPassword {
            twoStep = .notForThisMethod
        } else if !contract.twoFactorEnabled {
            twoStep = .contractOff
        } else if let r = try registration(db, person) {
            twoStep = .enrolled(r.method)
        } else {
            twoStep = .notEnrolled
        }
        return UserDetail(person: person, twoStep: twoStep, identityEmail: try boundIdentity(db, personID: person.id)?.email)
    }

    /// ロック解除 from the ユーザ詳細 (US-1): the lock and the failure counts go.
    @discardableResult
    public func unlockUser(by actorID: Int64, personID: Int64, context: AccessContext) throws(EngineError) -> UserDetail {
        try transaction { db in
            switch try consoleTarget(db, actorID, personID) {
            case .failure(let e): return .failure(e)
            case .success(let w):
                guard w.target.role != .contractor || w.actor.role == .contractor else { return .failure(.notPermitted) }
                try db.execute(
                    sql: "UPDATE person SET locked_at = NULL, failed_attempts = 0, two_step_failures = 0 WHERE id = ?",
                    arguments: [personID])
                try voidTickets(db, personID: personID, purposes: [.unlock])
                try audit(db, .accountUnlocked, person: personID, contract: w.contract.id, context: context,
                          detail: "by \(w.actor.role.rawValue) \(w.actor.id)")
                guard let fresh = try Rows.fetchPerson(db, id: personID)?.0 else { throw DamagedRow(table: "person") }
                return .success(try detail(db, fresh, w.contract))
            }
        }
    }

    /// 2段階認証のリセット from the ユーザ詳細 (US-1, TF-8): the person enrolls again.
    @discardableResult
    public func resetTwoStep(by actorID: Int64, personID: Int64, context: AccessContext) throws(EngineError) -> UserDetail {
        try transaction { db in
            switch try consoleTarget(db, actorID, personID) {
            case .failure(let e): return .failure(e)
            case .success(let w):
                guard w.target.role != .contractor || w.actor.role == .contractor else { return .failure(.notPermitted) }
                try resetTwoStep(db, personID: personID)
                try audit(db, .twoFactorReset, person: personID, contract: w.contract.id, context: context,
                          detail: "by \(w.actor.role.rawValue) \(w.actor.id)")
                guard let fresh = try Rows.fetchPerson(db, id: personID)?.0 else { throw DamagedRow(table: "person") }
                return .success(try detail(db, fresh, w.contract))
            }
        }
    }

    /// メールアドレス変更 (送信) of the ユーザ詳細 (EM-2): with the address unchanged,
    /// the ログイン方法の設定変更 link to it; with a new one, the メールアドレス変更登録
    /// link to the new address; never both at once. Not for the contractor, who
    /// uses the menu (MC-2, EM-1). Earlier links of the same kind are voided.
    public func sendEmailChange(
        by actorID: Int64, personID: Int64, address typed: String, context: AccessContext
    ) throws(EngineError) -> ConsoleMail {
        let address = try EmailAddress(typed)
        return try transaction { db in
            let w: (actor: Person, target: Person, contract: Contract)
            switch try consoleTarget(db, actorID, personID) {
            case .failure(let e): return .failure(e)
            case .success(let found): w = found
            }
            guard w.target.role != .contractor else { return .failure(.notPermitted) }
            let name = w.target.salutationName
            if address.value.lowercased() == w.target.email.lowercased() {
                if !w.target.registered {
                    try voidTickets(db, personID: personID, purposes: [.registration])
                    let link = try issueTicket(db, .registration, for: w.target, context: context)
                    try queueEmail(db, to: w.target, mail.registrationInvitation(name: name, link: link), links: [link],
                                   context: context)
                    return .success(.registration(to: w.target.email))
                }
                try voidTickets(db, personID: personID, purposes: [.loginMethodChange])
                let link = try issueTicket(db, .loginMethodChange, for: w.target, context: context)
                try queueEmail(db, to: w.target, mail.loginMethodChange(name: name, link: link), links: [link],
                               context: context)
                return .success(.loginMethodChange(to: w.target.email))
            }
            if try Rows.fetchPerson(db, email: address.value) != nil { return .failure(.emailInUse) }
            try voidTickets(db, personID: personID, purposes: [.emailChange])
            let link = try issueTicket(db, .emailChange, for: w.target, payload: address.value, context: context)
            try audit(db, .emailChangeRequested, person: personID, contract: w.contract.id, context: context,
                      detail: "by \(w.actor.role.rawValue) \(w.actor.id)")
            try queueEmail(db, to: w.target, address: address.value, mail.emailChange(name: name, link: link),
                           links: [link], context: context)
            return .success(.emailChange(to: address.value))
        }
    }
}
