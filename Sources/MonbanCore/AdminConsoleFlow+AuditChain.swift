import FoundationEssentials
import MonbanStore

extension AdminConsoleFlow {
    /// Audit entries in order, `limit` at most, after `afterID`.
    func auditEntries(after afterID: Int64 = 0, limit: Int = 1000) throws(EngineError) -> [AuditEntry] {
        try read { tx in try tx.auditEntries(after: afterID, limit: limit).map(Self.auditEntry) }
    }

    static func auditEntry(_ r: AuditRecord) -> AuditEntry {
        AuditEntry(
            id: r.id, at: r.at ?? .distantPast, event: r.event, personID: r.personID, contractID: r.contractID,
            terminal: r.terminal, line: r.line, detail: r.detail, previousHash: r.previousHash, hash: r.hash)
    }

    /// Walks the whole chain and reports the first broken link (AU-1).
    func verifyAudit() throws(EngineError) -> AuditVerification {
        var progress = AuditChainProgress()
        while progress.result == nil { try checkAuditChain(&progress, entries: 10_000) }
        return progress.result ?? .intact(entries: progress.checked)
    }

    /// Checks the next `entries` links of the chain from where `progress` stopped,
    /// so a screen can check 100,000 entries a slice at a time without stopping
    /// the keys (操作ログ, AU-1). `progress.result` is set once the end, or a
    /// broken link, is reached.
    func checkAuditChain(_ progress: inout AuditChainProgress, entries: Int) throws(EngineError) {
        guard progress.result == nil else { return }
        let start = progress
        let rows = try read { tx in try tx.auditEntries(after: start.lastID, limit: max(1, entries)) }
        for row in rows {
            let entry = Self.auditEntry(row)
            let expectedID = progress.lastID + 1
            if entry.id != expectedID {
                progress.result = .broken(atEntry: expectedID, reason: "entry \(expectedID) is missing")
                return
            }
            if entry.previousHash != progress.previous {
                progress.result = .broken(atEntry: entry.id, reason: "does not follow entry \(entry.id - 1)")
                return
            }
            if entry.expectedHash != entry.hash {
                progress.result = .broken(atEntry: entry.id, reason: "contents were changed")
                return
            }
            progress.previous = entry.hash
            progress.lastID = entry.id
            progress.checked += 1
        }
        if rows.count < max(1, entries) { progress.result = .intact(entries: progress.checked) }
    }
}
