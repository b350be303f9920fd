import FoundationEssentials
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

/// Which page of the user list: the first, or the one after or before a person (by id).
public enum UserPageRequest: Sendable, Equatable {
    case first
    case after(id: Int64)
    case before(id: Int64)
}

/// A page of the user list, in registration order, and what lies around it.
public struct UserPage: Sendable, Equatable {
    public var rows: [UserSummary]
    public var hasPrevious: Bool
    public var hasNext: Bool
    /// How many people match (counted up to `Engine.userCountLimit`).
    public var total: Int?
    /// The count stopped at `Engine.userCountLimit`: at least that many match.
    public var totalIsAtLeast: Bool

    public init(rows: [UserSummary] = [], hasPrevious: Bool = false, hasNext: Bool = false, total: Int? = nil,
                totalIsAtLeast: Bool = false) {
        self.rows = rows
        self.hasPrevious = hasPrevious
        self.hasNext = hasNext
        self.total = total
        self.totalIsAtLeast = totalIsAtLeast
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
    /// An administrator's change of a registered person's address: メールアドレス変更の確認,
    /// to the current address; the change link goes to the new one once approved
    /// (issue 19 finding 7).
    case approvalRequested(from: String, to: String)
}

/// The 管理コンソール (US-1, EM-2, AU-1): the user list and a user's detail and
/// actions, the audit log and the audit chain's check.
struct AdminConsoleFlow: EngineFlow {
    let shared: EngineContext

    /// The 管理コンソール is for the contractor and administrators (US-1, LA-2) of
    /// a contract that is not cancelled.
    func consoleActor(_ tx: any StoreReader, _ actorID: Int64) throws -> Result<(person: Person, contract: Contract), EngineError> {
        guard let person = try Rows.fetchPerson(tx, id: actorID)?.0 else { return .failure(.notPermitted) }
        guard let contract = try Rows.fetchContract(tx, id: person.contractID) else { throw DamagedRow(table: "contract") }
        if person.isLocked { return .failure(person.lockError) }
        if case .cancelled = contract.status(at: clock.now()) { return .failure(.contractCancelled) }
        guard person.role != .user else { return .failure(.notPermitted) }
        return .success((person, contract))
    }

    /// A person of the actor's contract whom the console may act on: not the
    /// contractor (who changes their own settings in the menu, MC-2, EM-1).
    func consoleTarget(
        _ tx: any StoreReader, _ actorID: Int64, _ personID: Int64
    ) throws -> Result<(actor: Person, target: Person, contract: Contract), EngineError> {
        switch try consoleActor(tx, actorID) {
        case .failure(let e): return .failure(e)
        case .success(let who):
            guard let target = try Rows.fetchPerson(tx, id: personID)?.0, target.contractID == who.contract.id else {
                return .failure(.notPermitted)
            }
            return .success((who.person, target, who.contract))
        }
    }

    /// `consoleTarget` for an action: never on oneself. One's own address, password and
    /// two-step registration change through the menu, after a sign-in (ASVS 7.5.1).
    /// Administrators act only on users, never on another administrator nor the
    /// contractor (`ConsolePolicy.mayAct`); and the actor's password must be younger than
    /// `ConsolePolicy.stepUpWindow` — given at `authenticatedAt`, the sign-in or the
    /// console's prompt (`confirmPassword`) — or the action is refused with
    /// `.reauthenticationRequired` (ASVS 7.5.3; issue 19 finding 7).
    func consoleActionTarget(
        _ tx: any StoreReader, _ actorID: Int64, _ personID: Int64, authenticatedAt: Date
    ) throws -> Result<(actor: Person, target: Person, contract: Contract), EngineError> {
        switch try consoleTarget(tx, actorID, personID) {
        case .failure(let e): return .failure(e)
        case .success(let w):
            guard w.target.id != w.actor.id else { return .failure(.notPermitted) }
            guard ConsolePolicy.mayAct(w.actor.role, on: w.target.role) else { return .failure(.notPermitted) }
            guard ConsolePolicy.isFresh(authenticatedAt, now: clock.now()) else {
                return .failure(.reauthenticationRequired)
            }
            return .success(w)
        }
    }

    // MARK: ユーザ一覧 (US-1)

    /// Matches are counted up to this many; beyond, the list says "at least".
    static let userCountLimit = 1000

    /// A page of the people of the actor's contract whose address or name contains
    /// `text` (as typed: case, full-width and spaces do not matter), in
    /// registration order. Reads a page of people and a few hundred index entries
    /// at most: 100,000 people answer as fast as 100 (see `SearchGrams`).
    func users(
        by actorID: Int64, matching text: String = "", page: UserPageRequest = .first, limit: Int = 20
    ) throws(EngineError) -> UserPage {
        let limit = max(1, min(limit, 500))
        let query = String(String.UnicodeScalarView(
            text.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(100)))
        let result = try read { tx -> Result<UserPage, EngineError> in
            let contract: Contract
            switch try consoleActor(tx, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let who): contract = who.contract
            }
            var forward = true
            var edge: Int64?
            switch page {
            case .first: break
            case .after(let id): edge = id
            case .before(let id): edge = id; forward = false
            }
            var found: [UserSummary] = []
            var total: Int?
            var atLeast = false
            if SearchGrams.query(query) != nil {
                // The index in id order, a chunk at a time, until a page (and one more) is found.
                let chunk = 256
                while found.count <= limit {
                    let ids = try tx.searchPersonIDs(text: query, beyond: edge, descending: !forward, limit: chunk)
                    guard let last = ids.last else { break }
                    var byID: [Int64: UserSummary] = [:]
                    for row in try tx.persons(contractID: contract.id, ids: ids) {
                        let s = try Self.summary(row)
                        byID[s.id] = s
                    }
                    for id in ids {
                        guard let s = byID[id], SearchGrams.matches(query, email: s.email, name: s.name) else { continue }
                        found.append(s)
                        if found.count > limit { break }
                    }
                    edge = last
                    if ids.count < chunk { break }
                }
                let count = try tx.searchCount(text: query, contractID: contract.id, upTo: Self.userCountLimit + 1)
                total = count
                if count > Self.userCountLimit {
                    total = Self.userCountLimit
                    atLeast = true
                }
            } else {
                found = try tx.persons(contractID: contract.id, beyond: edge, descending: !forward, limit: limit + 1)
                    .map(Self.summary)
                total = try tx.personCount(contractID: contract.id)
            }
            let more = found.count > limit
            found = Array(found.prefix(limit))
            switch page {
            case .first:
                return .success(UserPage(rows: found, hasPrevious: false, hasNext: more, total: total, totalIsAtLeast: atLeast))
            case .after:
                return .success(UserPage(rows: found, hasPrevious: true, hasNext: more, total: total, totalIsAtLeast: atLeast))
            case .before:
                return .success(UserPage(rows: found.reversed(), hasPrevious: more, hasNext: true, total: total,
                                         totalIsAtLeast: atLeast))
            }
        }
        return try result.get()
    }

    static func summary(_ row: PersonRecord) throws -> UserSummary {
        let p = try Rows.person(row)
        return UserSummary(id: p.id, email: p.email, name: p.name, role: p.role, loginMethod: p.loginMethod,
                           locked: p.isLocked, registered: p.registered)
    }

    // MARK: ユーザ詳細 (US-1)

    func userDetail(by actorID: Int64, personID: Int64) throws(EngineError) -> UserDetail {
        let result = try read { tx -> Result<UserDetail, EngineError> in
            switch try consoleTarget(tx, actorID, personID) {
            case .failure(let e): return .failure(e)
            case .success(let w): return .success(try detail(tx, w.target, w.contract))
            }
        }
        return try result.get()
    }

    func detail(_ tx: any StoreReader, _ person: Person, _ contract: Contract) throws -> UserDetail {
        let twoStep: UserDetail.TwoStep
        if person.loginMethod != .emailPassword {
            twoStep = .notForThisMethod
        } else if !contract.twoFactorEnabled {
            twoStep = .contractOff
        } else if let r = try twoStepFlow.registration(tx, person) {
            twoStep = .enrolled(r.method)
        } else {
            twoStep = .notEnrolled
        }
        return UserDetail(person: person, twoStep: twoStep, identityEmail: try federationFlow.boundIdentity(tx, personID: person.id)?.email)
    }

    /// ロック解除 from the ユーザ詳細 (US-1): the lock and the failure counts go.
    @discardableResult
    func unlockUser(
        by actorID: Int64, personID: Int64, authenticatedAt: Date, context: AccessContext
    ) throws(EngineError) -> UserDetail {
        try transaction { tx in
            switch try consoleActionTarget(tx, actorID, personID, authenticatedAt: authenticatedAt) {
            case .failure(let e): return .failure(e)
            case .success(let w):
                try tx.unlock(personID: personID)
                try ticketBook.voidTickets(tx, personID: personID, purposes: [.unlock])
                try audit(tx, .accountUnlocked, person: personID, contract: w.contract.id, context: context,
                          detail: "by \(w.actor.role.rawValue) \(w.actor.id)")
                guard let fresh = try Rows.fetchPerson(tx, id: personID)?.0 else { throw DamagedRow(table: "person") }
                return .success(try detail(tx, fresh, w.contract))
            }
        }
    }

    /// 2段階認証のリセット from the ユーザ詳細 (US-1, TF-8): the person enrolls again.
    @discardableResult
    func resetTwoStep(
        by actorID: Int64, personID: Int64, authenticatedAt: Date, context: AccessContext
    ) throws(EngineError) -> UserDetail {
        try transaction { tx in
            switch try consoleActionTarget(tx, actorID, personID, authenticatedAt: authenticatedAt) {
            case .failure(let e): return .failure(e)
            case .success(let w):
                try twoStepFlow.resetTwoStep(tx, personID: personID)
                try audit(tx, .twoFactorReset, person: personID, contract: w.contract.id, context: context,
                          detail: "by \(w.actor.role.rawValue) \(w.actor.id)")
                guard let fresh = try Rows.fetchPerson(tx, id: personID)?.0 else { throw DamagedRow(table: "person") }
                try noticeFlow.notify(tx, fresh, .twoStepReset, context: context)  // NT-1
                return .success(try detail(tx, fresh, w.contract))
            }
        }
    }
}
