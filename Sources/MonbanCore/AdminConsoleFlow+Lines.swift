import FoundationEssentials
import MonbanStore

/// The contract's registered lines (LA-2), which line-authenticated sign-in
/// checks (LG-6), as the 管理コンソール › 回線認証 shows and saves them.
public struct LineSettings: Sendable, Equatable {
    public var route: Contract.AccessRoute
    public var entries: [LineEntry]
}

extension AdminConsoleFlow {
    /// 管理コンソール › 回線認証 as saved.
    func lineSettings(by actorID: Int64) throws(EngineError) -> LineSettings {
        let result = try read { tx -> Result<LineSettings, EngineError> in
            switch try consoleActor(tx, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let who): return .success(try lineSettings(tx, who.contract))
            }
        }
        return try result.get()
    }

    /// 保存 (LA-2): the route and the lines, checked again here; nothing is saved
    /// while any line is bad. The old list is replaced in one transaction, so a
    /// reader sees the old list or the new one, never a mix.
    @discardableResult
    func saveLineSettings(
        by actorID: Int64, route: Contract.AccessRoute, lines: [String], context: AccessContext
    ) throws(EngineError) -> LineSettings {
        let (problems, entries) = LineList.check(lines)
        guard problems.isEmpty else { throw .invalidLines(count: problems.count) }
        return try transaction { tx in
            let who: (person: Person, contract: Contract)
            switch try consoleActor(tx, actorID) {
            case .failure(let e): return .failure(e)
            case .success(let w): who = w
            }
            try tx.replaceLines(
                contractID: who.contract.id, entries.map { LineRecord(number: $0.number.value, area: $0.area.rawValue) })
            try audit(tx, .linesSaved, person: actorID, contract: who.contract.id, context: context,
                      detail: "\(entries.count) lines")
            if route != who.contract.accessRoute {
                try tx.setAccessRoute(contractID: who.contract.id, route.rawValue)
                try audit(tx, .accessRouteChanged, person: actorID, contract: who.contract.id, context: context,
                          detail: route.rawValue)
            }
            guard let contract = try Rows.fetchContract(tx, id: who.contract.id) else { throw DamagedRow(table: "contract") }
            return .success(try lineSettings(tx, contract))
        }
    }

    func lineSettings(_ tx: any StoreReader, _ contract: Contract) throws -> LineSettings {
        let entries = try tx.lines(contractID: contract.id).map { row -> LineEntry in
            guard let n = LineNumber(row.number), let a = LineArea(rawValue: row.area) else {
                throw DamagedRow(table: "line")
            }
            return LineEntry(number: n, area: a)
        }
        return LineSettings(route: contract.accessRoute, entries: entries)
    }
}
