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

    /// Walks the whole chain and reports the first broken link (AU-1); with `anchor` (a head
    /// the system log recorded, issue 19 finding 9), also that the chain still reaches it: an
    /// entry removed from the tail, or a chain rewritten from some entry on, does not.
    func verifyAudit(anchor: AuditAnchor? = nil) throws(EngineError) -> AuditVerification {
        try verifyAuditInDetail(anchor: anchor).result ?? .intact(entries: 0)
    }

    /// `verifyAudit`, with how many entries were legacy (unkeyed) links.
    /// `report` hears the number of entries checked after each slice (a progress line, issue 22).
    func verifyAuditInDetail(anchor: AuditAnchor? = nil, report: (Int) -> Void = { _ in }) throws(EngineError)
        -> AuditChainProgress
    {
        var progress = AuditChainProgress()
        while progress.result == nil {
            try checkAuditChain(&progress, entries: 10_000)
            report(progress.checked)
        }
        guard case .intact(let n) = progress.result, let anchor else { return progress }
        if anchor.count > Int64(n) {
            progress.result = .broken(atEntry: Int64(n) + 1, reason:
                "the log ends at entry \(n) but the anchor records \(anchor.count) entries: entries were removed")
            return progress
        }
        let rows = try read { tx in try tx.auditEntries(after: anchor.count - 1, limit: 1) }
        if rows.first?.id != anchor.count || rows.first?.hash != anchor.hash {
            progress.result = .broken(atEntry: anchor.count, reason:
                "does not match the anchor: the log was rewritten up to here")
        }
        return progress
    }

    /// Checks the next `entries` links of the chain from where `progress` stopped,
    /// so a screen can check 100,000 entries a slice at a time without stopping
    /// the keys (操作ログ, AU-1). `progress.result` is set once the end, or a
    /// broken link, is reached.
    func checkAuditChain(_ progress: inout AuditChainProgress, entries: Int) throws(EngineError) {
        guard progress.result == nil else { return }
        if !progress.keyRead {
            // Read, never created here: without a key file every entry is taken as legacy.
            progress.key = try AuditKey.open(at: shared.auditKeyPath, create: false, entriesSoFar: 0, random: random)
            progress.keyRead = true
        }
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
            // Keyed past the legacy prefix (issue 19 finding 9): a recomputed link needs the key.
            let key = progress.key.map { $0.key(forEntry: entry.id) } ?? nil
            if entry.expectedHash(key: key) != entry.hash {
                progress.result = .broken(atEntry: entry.id, reason: "contents were changed")
                return
            }
            if key == nil { progress.legacy += 1 }
            progress.previous = entry.hash
            progress.lastID = entry.id
            progress.checked += 1
        }
        if rows.count < max(1, entries) { progress.result = .intact(entries: progress.checked) }
    }
}
