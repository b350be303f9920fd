import FoundationEssentials
import MonbanStore

/// The permission table's gate (CT-3, SettingsPolicy), which every settings
/// action of every flow passes again in its own transaction: the menu hiding an
/// item is not the guard.
extension EngineFlow {
    /// The actor and their contract, when the table lets them use `item` now.
    func authorized(
        _ tx: any StoreReader, _ actorID: Int64, _ item: SettingsItem
    ) throws -> Result<(person: Person, passwordHash: String?, contract: Contract), EngineError> {
        guard let (person, hash) = try Rows.fetchPerson(tx, id: actorID) else { return .failure(.notPermitted) }
        guard let contract = try Rows.fetchContract(tx, id: person.contractID) else { throw DamagedRow(table: "contract") }
        if person.isLocked { return .failure(person.lockError) }
        if case .cancelled = contract.status(at: clock.now()) { return .failure(.contractCancelled) }
        guard SettingsPolicy.allows(item, role: person.role, plan: contract.plan, loginMethod: person.loginMethod) else {
            return .failure(.notPermitted)
        }
        return .success((person, hash, contract))
    }

    /// `authorized` for callers outside a transaction.
    func authorizedNow(_ actorID: Int64, _ item: SettingsItem) throws(EngineError) -> (person: Person, passwordHash: String?, contract: Contract) {
        let result = try read { tx in try authorized(tx, actorID, item) }
        return try result.get()
    }

    /// Runs `body` in one transaction once the actor may use `item`.
    func withPermission<T>(
        _ actorID: Int64, _ item: SettingsItem,
        _ body: (any StoreTransaction, (person: Person, passwordHash: String?, contract: Contract)) throws -> Result<T, EngineError>
    ) throws(EngineError) -> T {
        try transaction { tx in
            switch try authorized(tx, actorID, item) {
            case .failure(let e): return .failure(e)
            case .success(let who): return try body(tx, who)
            }
        }
    }
}
