import FoundationEssentials
import MonbanCrypto
import MonbanStore

/// Security notifications (NT-1, ASVS 6.3.7; issue 19): the person is mailed, in the same
/// transaction as the change, after a password change or reset, a two-step reset, a
/// login-method change, an e-mail change (to the OLD address), and a sign-in from a
/// terminal they have not signed in from before. A lock already mails 【…】アカウントロック
/// (LK-2). The notices carry no link and no secret (`MailTemplates+Notices.swift`).
struct NoticeFlow: EngineFlow {
    let shared: EngineContext

    /// What happened, for the mail that tells it.
    enum Notice {
        case passwordChanged
        case passwordReset
        case twoStepReset
        case loginMethodChanged(LoginMethod)
        /// To the address the person had before: `newAddress` is theirs now.
        case emailChanged(oldAddress: String, newAddress: String)
        case newTerminal(String)
    }

    /// Queues the notice for `person` (as they are now) inside the caller's transaction.
    func notify(_ tx: any StoreTransaction, _ person: Person, _ notice: Notice, context: AccessContext) throws {
        let name = person.salutationName
        let now = clock.now()
        var address: String?
        let message: MailTemplates.Mail
        switch notice {
        case .passwordChanged: message = mail.passwordChangedNotice(name: name, at: now)
        case .passwordReset: message = mail.passwordResetNotice(name: name, at: now)
        case .twoStepReset: message = mail.twoStepResetNotice(name: name, at: now)
        case .loginMethodChanged(let method): message = mail.loginMethodChangedNotice(name: name, method: method, at: now)
        case .emailChanged(let old, let new):
            address = old
            message = mail.emailChangedNotice(name: name, newAddress: new, at: now)
        case .newTerminal(let terminal): message = mail.newTerminalNotice(name: name, terminal: terminal, at: now)
        }
        try queueEmail(tx, to: person, address: address, message, links: [], context: context)
    }

    /// After a completed sign-in (password with or without the second step, federated, AD):
    /// records the terminal and mails the person when it is new to them. The very first
    /// terminal of a person (or the first after this was added) is recorded silently.
    func signedIn(_ tx: any StoreTransaction, _ person: Person, context: AccessContext) throws {
        guard let key = Self.terminalKey(context) else { return }
        if try tx.isKnownTerminal(personID: person.id, hash: key) { return }
        let seenBefore = try tx.hasKnownTerminals(personID: person.id)
        try tx.addKnownTerminal(personID: person.id, hash: key, at: clock.now())
        if seenBefore { try notify(tx, person, .newTerminal(context.terminal), context: context) }
    }

    /// A terminal's identity: its device token where it keeps one (TF-4), else its name
    /// (host and tty); none for a nameless context. Only the hash is stored.
    static func terminalKey(_ context: AccessContext) -> [UInt8]? {
        if let device = context.device { return Digest.sha256(Array("device:".utf8) + device.storedHash) }
        guard !context.terminal.isEmpty else { return nil }
        return Digest.sha256(Array("terminal:\(context.terminal)".utf8))
    }
}
