import FoundationEssentials
import MonbanStore

/// A flow of the engine: a value over the shared context, which it reaches
/// through these forwards (`clock`, `transaction`, `audit`…), and through which
/// it reaches the other flows when one hands over to another (a sign-in to the
/// second step, a password reset to the tickets).
protocol EngineFlow: Sendable {
    var shared: EngineContext { get }
}

extension EngineFlow {
    var store: any ContractStore { shared.store }
    var clock: any EngineClock { shared.clock }
    var random: any RandomSource { shared.random }
    var hasher: PasswordHasher { shared.hasher }
    var settings: ServiceSettings { shared.settings }
    var mail: MailTemplates { shared.mail }

    func transaction<T>(_ body: (any StoreTransaction) throws -> Result<T, EngineError>) throws(EngineError) -> T {
        try shared.transaction(body)
    }

    func read<T>(_ body: (any StoreReader) throws -> T) throws(EngineError) -> T {
        try shared.read(body)
    }

    func audit(
        _ tx: any StoreTransaction, _ event: AuditEvent, person: Int64? = nil, contract: Int64? = nil,
        context: AccessContext, detail: String = ""
    ) throws {
        try shared.audit(tx, event, person: person, contract: contract, context: context, detail: detail)
    }

    func queueEmail(
        _ tx: any StoreTransaction, to person: Person, address: String? = nil, _ mail: MailTemplates.Mail, links: [String],
        context: AccessContext
    ) throws {
        try shared.queueEmail(tx, to: person, address: address, mail, links: links, context: context)
    }

    func issueTicket(
        _ tx: any StoreTransaction, _ purpose: TicketPurpose, for person: Person, payload: String = "", context: AccessContext
    ) throws -> String {
        try shared.issueTicket(tx, purpose, for: person, payload: payload, context: context)
    }

    // MARK: The other flows, over the same context

    var signInFlow: SignInFlow { SignInFlow(shared: shared, secondStep: twoStepFlow) }
    var twoStepFlow: TwoStepFlow { TwoStepFlow(shared: shared) }
    var ticketBook: TicketBook { TicketBook(shared: shared) }
    var recoveryFlow: RecoveryFlow { RecoveryFlow(shared: shared) }
    var registrationFlow: RegistrationFlow { RegistrationFlow(shared: shared) }
    var federationFlow: FederationFlow { FederationFlow(shared: shared) }
    var settingsFlow: SettingsFlow { SettingsFlow(shared: shared) }
    var adminConsoleFlow: AdminConsoleFlow { AdminConsoleFlow(shared: shared) }
    var deliveryFlow: DeliveryFlow { DeliveryFlow(shared: shared) }
    var noticeFlow: NoticeFlow { NoticeFlow(shared: shared) }
}
