import FoundationEssentials
import GRDB

/// The contract's registered lines (LA-2), line-authenticated sign-in (LG-6) and
/// the 回線情報通知設定 (LG-7).
public struct LineSettings: Sendable, Equatable {
    public var route: Contract.AccessRoute
    public var entries: [LineEntry]
}

extension Engine {
    /// 管理コンソール › 回線認証 as saved.
    public func lineSettings(by actorID: Int64) throws(EngineError) -> LineSettings {
        let result = try read { db -> Result<LineSettings, EngineError> in
            switch try consoleActor(db, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let who): return .success(try lineSettings(db, who.contract))
            }
        }
        return try result.get()
    }

    /// 保存 (LA-2): the route and the lines, checked again here; nothing is saved
    /// while any line is bad. The old list is replaced in one transaction, so a
    /// reader sees the old list or the new one, never a mix.
    @discardableResult
    public func saveLineSettings(
        by actorID: Int64, route: Contract.AccessRoute, lines: [String], context: AccessContext
    ) throws(EngineError) -> LineSettings {
        let (problems, entries) = LineList.check(lines)
        guard problems.isEmpty else { throw .invalidLines(count: problems.count) }
        return try transaction { db in
            let who: (person: Person, contract: Contract)
            switch try consoleActor(db, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let w): who = w
            }
            try db.execute(sql: "DELETE FROM line WHERE contract_id = ?", arguments: [who.contract.id])
            for (i, entry) in entries.enumerated() {
                try db.execute(
                    sql: "INSERT INTO line (contract_id, position, number, area) VALUES (?, ?, ?, ?)",
                    arguments: [who.contract.id, i, entry.number.value, entry.area.rawValue])
            }
            try audit(db, .linesSaved, person: actorID, contract: who.contract.id, context: context,
                      detail: "\(entries.count) lines")
            if route != who.contract.accessRoute {
                try db.execute(sql: "UPDATE contract SET access_route = ? WHERE id = ?",
                               arguments: [route.rawValue, who.contract.id])
                try audit(db, .accessRouteChanged, person: actorID, contract: who.contract.id, context: context,
                          detail: route.rawValue)
            }
            guard let contract = try Rows.fetchContract(db, id: who.contract.id) else { throw DamagedRow(table: "contract") }
            return .success(try lineSettings(db, contract))
        }
    }

    func lineSettings(_ db: Database, _ contract: Contract) throws -> LineSettings {
        let rows = try Row.fetchAll(db, sql: "SELECT number, area FROM line WHERE contract_id = ? ORDER BY position",
                                    arguments: [contract.id])
        let entries = try rows.map { row -> LineEntry in
            guard let n = LineNumber(row["number"] ?? ""), let a = LineArea(rawValue: row["area"] ?? "") else {
                throw DamagedRow(table: "line")
            }
            return LineEntry(number: n, area: a)
        }
        return LineSettings(route: contract.accessRoute, entries: entries)
    }

    /// Whether the terminal's line is one of the contract's (LG-6).
    func lineRegistered(_ db: Database, _ contract: Contract, _ context: AccessContext) throws -> Bool {
        guard let line = context.line.flatMap(LineNumber.init) else { return false }
        return try Bool.fetchOne(
            db, sql: "SELECT 1 FROM line WHERE contract_id = ? AND number = ?", arguments: [contract.id, line.value]) ?? false
    }

    /// The line whose 回線情報通知設定 is due (LG-7): a verified West-Japan line not asked before.
    func lineNoticeDue(_ db: Database, _ contract: Contract, _ context: AccessContext) throws -> LineNumber? {
        guard context.entrance == .lineAuthentication, let line = context.line.flatMap(LineNumber.init) else { return nil }
        let area = try String.fetchOne(db, sql: "SELECT area FROM line WHERE contract_id = ? AND number = ?",
                                       arguments: [contract.id, line.value])
        guard area == LineArea.west.rawValue else { return nil }
        let asked = try Bool.fetchOne(db, sql: "SELECT 1 FROM line_notice WHERE contract_id = ? AND number = ?",
                                      arguments: [contract.id, line.value]) ?? false
        return asked ? nil : line
    }

    /// 回線情報通知設定: 通知する / 通知しない, 決定 (LG-7). Asked once per line.
    public func setLineNotice(
        by personID: Int64, line: LineNumber, notify: Bool, context: AccessContext
    ) throws(EngineError) {
        try transaction { db -> Result<Void, EngineError> in
            guard let person = try Rows.fetchPerson(db, id: personID)?.0 else { return .failure(.notPermitted) }
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO line_notice (contract_id, number, notify, person_id, decided_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [person.contractID, line.value, notify, personID, clock.now().timeIntervalSince1970])
            try audit(db, .lineNoticeSet, person: personID, contract: person.contractID, context: context,
                      detail: notify ? "notify" : "do not notify")
            return .success(())
        }
    }
}
