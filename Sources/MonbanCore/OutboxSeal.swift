import FoundationEssentials
import MonbanStore

/// The outbox's secrets sealed at rest (issue 19 finding 4, TM-2). A message's links carry
/// tickets and an SMS carries its code: a copy of the database must yield neither. So the
/// body and links are sealed with the database's key file (`SecretBox`, AES-GCM, as the
/// TOTP secrets are), bound to the row's number, kind and recipient, and the row keeps in
/// clear only the text with placeholders (`OutboxRedaction`). They are opened only to be
/// delivered (`DeliveryFlow`), in the 受信箱 where it exists, and by `monban outbox
/// --reveal` (audited). Once a message is sent, given up, or past its useful life (a link
/// 14 days, a code 10 minutes), the sealed copy is dropped: the placeholder is all that is left.
extension EngineContext {
    /// The key file that seals TOTP secrets and the outbox: beside the database, never in it.
    var secretKeyPath: String { store.keyFileBase + ".key" }

    func secretBox(create: Bool) throws(EngineError) -> SecretBox {
        do {
            return create
                ? try SecretBox.openOrCreateKey(at: secretKeyPath, random: random)
                : try SecretBox.openExistingKey(at: secretKeyPath, random: random)
        } catch let e as SecretBoxError {
            throw .secretKey(e)
        } catch let e as EngineError {
            throw e
        } catch {
            throw .secretKey(.keyFileUnreadable(secretKeyPath))
        }
    }

    /// What is sealed: the message as it is sent.
    struct SealedOutboxContent: Codable {
        var body: String
        var links: [String]
    }

    /// The associated data of a message's seal: a sealed body moved to another row (another
    /// recipient) does not open.
    static func sealContext(id: Int64, kind: String, recipient: String) -> String {
        "outbox:\(id):\(kind):\(recipient)"
    }

    /// Queues a message with its links and `codes` sealed, inside the caller's transaction.
    @discardableResult
    func queueSealed(
        _ tx: any StoreTransaction, kind: OutboxMessage.Kind, to recipient: String, subject: String, body: String,
        links: [String], codes: [String] = [], personID: Int64?
    ) throws -> Int64 {
        let now = clock.now()
        try removeExpiredOutboxSecrets(tx, now: now)
        let shown = OutboxRedaction.redact(body: body, links: links, isSMS: false, codes: codes)
        let id = try tx.insertOutboxMessage(NewOutboxMessage(
            kind: kind.rawValue, recipient: recipient, subject: subject, body: shown, links: "[]", createdAt: now,
            personID: personID))
        try seal(tx, id: id, kind: kind.rawValue, recipient: recipient, shown: shown,
                 content: SealedOutboxContent(body: body, links: links))
        return id
    }

    private func seal(
        _ tx: any StoreTransaction, id: Int64, kind: String, recipient: String, shown: String, content: SealedOutboxContent
    ) throws {
        let box = try secretBox(create: true)
        let plain = Array(try JSONEncoder().encode(content))
        let sealed = try box.seal(plain, context: Self.sealContext(id: id, kind: kind, recipient: recipient))
        try tx.sealOutboxMessage(id: id, body: shown, sealed: sealed)
    }

    /// Drops the sealed secrets of every message past its useful life.
    func removeExpiredOutboxSecrets(_ tx: any StoreTransaction, now: Date) throws {
        for kind in OutboxMessage.Kind.allCases {
            try tx.removeOutboxSecrets(kind: kind.rawValue, queuedBefore: now - DeliveryPolicy.usefulLife(of: kind))
        }
    }

    /// Seals the messages queued in clear before sealing existed, or drops their secrets
    /// when they are done or too old; returns how many rows changed. The files' old pages
    /// are then discarded (`discardOverwrittenData`).
    @discardableResult
    func sealLegacyOutbox() throws(EngineError) -> Int {
        // Nothing to do on every start but one read; the write lock only when there is.
        guard try !read({ tx in try tx.legacyOutboxMessages() }).isEmpty else { return 0 }
        let changed: Int = try transaction { tx in
            let now = clock.now()
            try removeExpiredOutboxSecrets(tx, now: now)
            let rows = try tx.legacyOutboxMessages()
            for row in rows {
                let links = OutboxRedaction.links(fromJSON: row.links)
                let shown = OutboxRedaction.redact(body: row.body, links: links, isSMS: row.kind == OutboxMessage.Kind.sms.rawValue)
                let kind = OutboxMessage.Kind(rawValue: row.kind) ?? .email
                let live = (row.state == OutboxMessage.State.pending.rawValue || row.state == OutboxMessage.State.sending.rawValue)
                    && (row.createdAt ?? .distantPast) >= now - DeliveryPolicy.usefulLife(of: kind)
                if live {
                    try seal(tx, id: row.id, kind: row.kind, recipient: row.recipient, shown: shown,
                             content: SealedOutboxContent(body: row.body, links: links))
                } else {
                    try tx.removeOutboxSecrets(id: row.id, body: shown)
                }
            }
            return .success(rows.count)
        }
        if changed > 0 {
            do { try store.discardOverwrittenData() } catch { throw mapped(error) }
        }
        return changed
    }

    /// One row as `monban outbox` shows it: placeholders instead of links and codes.
    static func shownMessage(_ row: OutboxRecord) throws -> OutboxMessage {
        var message = try DeliveryFlow.outboxMessage(row)
        message.sealed = row.secrets == "sealed" && row.sealed != nil
        if row.secrets == "legacy" {
            message.body = OutboxRedaction.redact(body: row.body, links: message.links, isSMS: message.kind == .sms)
        }
        message.links = []
        return message
    }

    /// One row opened with `box`: the body and links as sent while they are kept, the
    /// placeholders once they are gone (or past their useful life at `now`).
    static func openedMessage(_ row: OutboxRecord, box: SecretBox?, now: Date) throws -> OutboxMessage {
        var message = try DeliveryFlow.outboxMessage(row)
        guard row.secrets != "legacy" else { return message }
        message.links = []
        let live = message.sentAt >= now - DeliveryPolicy.usefulLife(of: message.kind)
        guard row.secrets == "sealed", let sealed = row.sealed, live, let box else { return message }
        let plain = try box.open(sealed, context: sealContext(id: row.id, kind: row.kind, recipient: row.recipient))
        let content = try JSONDecoder().decode(SealedOutboxContent.self, from: Data(plain))
        message.body = content.body
        message.links = content.links
        message.sealed = true
        return message
    }

    /// The key to open `rows` with: nil when none is sealed (no key file is created to read).
    func box(toOpen rows: [OutboxRecord]) throws(EngineError) -> SecretBox? {
        rows.contains { $0.secrets == "sealed" && $0.sealed != nil } ? try secretBox(create: false) : nil
    }
}
