import FoundationEssentials
import MonbanStore

/// The flows the engine is split into, each over the shared context; `Engine`
/// keeps its public methods as forwards so that its callers do not change.
extension Engine {
    /// E-mail + password sign-in (LG-2, LK-1, CT-2): see `SignInFlow.signIn`.
    public func signIn(
        email: String, password: String, purpose: SignInPurpose = .service, context: AccessContext
    ) throws(EngineError) -> SignInResult {
        try signInFlow.signIn(email: email, password: password, purpose: purpose, context: context)
    }

    // MARK: Two-step verification (TwoStepFlow)

    /// The key file that seals TOTP secrets: beside the database, never in it.
    public var secretKeyPath: String { twoStepFlow.secretKeyPath }

    /// Sends a new SMS code (TF-2): see `SMSCodeStep.send`.
    public func sendSMSCode(_ step: SecondStep, phone: String? = nil, context: AccessContext) throws(EngineError) -> SMSStatus {
        try twoStepFlow.smsCode.send(step, phone: phone, context: context)
    }

    /// The authenticator being enrolled (TF-3): see `AuthenticatorStep.setup`.
    public func authenticatorSetup(_ step: SecondStep, context: AccessContext) throws(EngineError) -> AuthenticatorSetup {
        try twoStepFlow.authenticator.setup(step, context: context)
    }

    /// Checks an SMS or authenticator code (TF-2..TF-5): see `TwoStepFlow.verifySecondStep`.
    public func verifySecondStep(
        _ step: SecondStep, method: TwoStepMethod, code: String, remember: Bool, context: AccessContext
    ) throws(EngineError) -> SecondStepResult {
        try twoStepFlow.verifySecondStep(step, method: method, code: code, remember: remember, context: context)
    }

    /// Signs in with the recovery code (TF-6): see `RecoveryCodeStep.recover`.
    public func recoverSecondStep(
        _ step: SecondStep, recoveryCode: String, remember: Bool = false, context: AccessContext
    ) throws(EngineError) -> SecondStepResult {
        try twoStepFlow.recoveryCode.recover(step, recoveryCode: recoveryCode, remember: remember, context: context)
    }

    // MARK: Links (TicketBook)

    /// What a link is for and whether it can still be used (TK-2): see `TicketBook.inspect`.
    public func inspect(_ link: Link) throws(EngineError) -> LinkInfo {
        try ticketBook.inspect(link)
    }

    // MARK: Recovery: forgot, reset, unlock (RecoveryFlow)

    /// Opens an unlock link (LK-2): see `RecoveryFlow.unlock`.
    @discardableResult
    public func unlock(_ link: Link, context: AccessContext) throws(EngineError) -> Person {
        try recoveryFlow.unlock(link, context: context)
    }

    /// パスワードを忘れた方 (PW-1): see `RecoveryFlow.requestPasswordReset`.
    public func requestPasswordReset(email rawEmail: String, context: AccessContext) throws(EngineError) {
        try recoveryFlow.requestPasswordReset(email: rawEmail, context: context)
    }

    /// リセットパスワード (PW-2, PW-3): see `RecoveryFlow.resetPassword`.
    @discardableResult
    public func resetPassword(
        _ link: Link, newPassword: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        try recoveryFlow.resetPassword(link, newPassword: newPassword, confirmation: confirmation, context: context)
    }

    // MARK: Contracts, people and their registration (RegistrationFlow)

    /// Creates a contract and its contractor (CT-4): see `RegistrationFlow.createContract`.
    public func createContract(
        email rawEmail: String, plan: Plan, password: String?, name: String = "",
        context: AccessContext = .operatorCommand
    ) throws(EngineError) -> CreatedContract {
        try registrationFlow.createContract(email: rawEmail, plan: plan, password: password, name: name, context: context)
    }

    /// A contract by ID: see `RegistrationFlow.contract`.
    public func contract(id: Int64) throws(EngineError) -> Contract? {
        try registrationFlow.contract(id: id)
    }

    /// A person by e-mail address: see `RegistrationFlow.person`.
    public func person(email: String) throws(EngineError) -> Person? {
        try registrationFlow.person(email: email)
    }

    /// A person by ID: see `RegistrationFlow.person`.
    public func person(id: Int64) throws(EngineError) -> Person? {
        try registrationFlow.person(id: id)
    }

    /// Adds a registered person other than the contractor (operator seeding): see `RegistrationFlow.addPerson`.
    @discardableResult
    public func addPerson(
        to contractID: Int64, email rawEmail: String, name: String = "", role: Role, method: LoginMethod = .emailPassword,
        password: String?, context: AccessContext = .operatorCommand
    ) throws(EngineError) -> Person {
        try registrationFlow.addPerson(to: contractID, email: rawEmail, name: name, role: role, method: method, password: password, context: context)
    }

    /// 利用者登録 (US-1): see `RegistrationFlow.invitePerson`.
    public func invitePerson(
        by actorID: Int64, email rawEmail: String, name: String = "", role: Role, context: AccessContext
    ) throws(EngineError) -> Person {
        try registrationFlow.invitePerson(by: actorID, email: rawEmail, name: name, role: role, context: context)
    }

    /// Adds many people to a contract at once, not yet registered (operator seeding): see `RegistrationFlow.importPeople`.
    @discardableResult
    public func importPeople(
        into contractID: Int64, _ people: [(email: String, name: String, role: Role)],
        context: AccessContext = .operatorCommand
    ) throws(EngineError) -> Int {
        try registrationFlow.importPeople(into: contractID, people, context: context)
    }

    /// Completes 利用者ログイン登録 with a password (US-2, CT-4): see `RegistrationFlow.completeRegistration`.
    @discardableResult
    public func completeRegistration(
        _ link: Link, password: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        try registrationFlow.completeRegistration(link, password: password, confirmation: confirmation, context: context)
    }

    // MARK: Federated sign-in and binding (FederationFlow)

    /// Signs in the person bound to a federated account (LG-4): see `FederationFlow.signIn`.
    public func signIn(
        federated identity: FederatedIdentity, purpose: SignInPurpose = .service, context: AccessContext
    ) throws(EngineError) -> SignedIn {
        try federationFlow.signIn(federated: identity, purpose: purpose, context: context)
    }

    /// A sign-in ended, with why: see `SignInFlow.recordSignOut`.
    public func recordSignOut(personID: Int64, reason: SignOutReason, context: AccessContext) throws(EngineError) {
        try signInFlow.recordSignOut(personID: personID, reason: reason, context: context)
    }

    /// Records a federated sign-in that ended at the provider: see `FederationFlow.recordFederatedFailure`.
    public func recordFederatedFailure(_ method: LoginMethod, reason: String, context: AccessContext) throws(EngineError) {
        try federationFlow.recordFederatedFailure(method, reason: reason, context: context)
    }

    /// 利用者ログイン登録 with a federated or AD account (US-2): see `FederationFlow.completeRegistration`.
    public func completeRegistration(
        _ link: Link, identity: FederatedIdentity, context: AccessContext
    ) throws(EngineError) -> Person {
        try federationFlow.completeRegistration(link, identity: identity, context: context)
    }

    // MARK: Active Directory (FederationFlow)

    /// Active Directory設定 (CT-3, LG-5): see `FederationFlow.configureDirectory`.
    public func configureDirectory(
        by actorID: Int64, url: String, domain: String, caCertificatePEM: String? = nil, context: AccessContext
    ) throws(EngineError) -> DirectorySettings {
        try federationFlow.configureDirectory(by: actorID, url: url, domain: domain, caCertificatePEM: caCertificatePEM, context: context)
    }

    /// The directory behind a connection ID (接続ID確認), nil when unknown: see `FederationFlow.directory`.
    public func directory(connectionID: ConnectionID) throws(EngineError) -> DirectorySettings? {
        try federationFlow.directory(connectionID: connectionID)
    }

    /// The contract's directory, nil when AD is not set up: see `FederationFlow.directory`.
    public func directory(contractID: Int64) throws(EngineError) -> DirectorySettings? {
        try federationFlow.directory(contractID: contractID)
    }

    /// Active Directoryアカウントでログイン (LG-5): see `FederationFlow.signIn`.
    public func signIn(
        connectionID: ConnectionID, userPrincipalName: String, password: String, purpose: SignInPurpose = .service,
        context: AccessContext
    ) throws(EngineError) -> SignedIn {
        try federationFlow.signIn(connectionID: connectionID, userPrincipalName: userPrincipalName, password: password, purpose: purpose, context: context)
    }

    /// Checks `user@domain` with the directory and returns the account to bind: see `FederationFlow.verifyDirectoryAccount`.
    public func verifyDirectoryAccount(
        connectionID: ConnectionID, userPrincipalName: String, password: String, for link: Link? = nil,
        context: AccessContext = .operatorCommand
    ) throws(EngineError) -> FederatedIdentity {
        try federationFlow.verifyDirectoryAccount(connectionID: connectionID, userPrincipalName: userPrincipalName,
                                                  password: password, link: link, context: context)
    }

    // MARK: Settings (SettingsFlow)

    /// What the menu shows `personID` now: see `SettingsFlow.settingsMenu`.
    public func settingsMenu(for personID: Int64) throws(EngineError) -> SettingsMenu {
        try settingsFlow.settingsMenu(for: personID)
    }

    /// The current password, the new one twice, under the policy (PP-1): see `SettingsFlow.changePassword`.
    @discardableResult
    public func changePassword(
        by actorID: Int64, current: String, new: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        try settingsFlow.changePassword(by: actorID, current: current, new: new, confirmation: confirmation, context: context)
    }

    /// メールアドレス変更 (EM-1): see `SettingsFlow.requestEmailChange`.
    @discardableResult
    public func requestEmailChange(
        by actorID: Int64, newEmail: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> String {
        try settingsFlow.requestEmailChange(by: actorID, newEmail: newEmail, confirmation: confirmation, context: context)
    }

    /// Opens an e-mail-change link (EM-3, EM-4): see `SettingsFlow.confirmEmailChange`.
    @discardableResult
    public func confirmEmailChange(
        _ link: Link, password: String? = nil, confirmation: String? = nil, context: AccessContext
    ) throws(EngineError) -> Person {
        try settingsFlow.confirmEmailChange(link, password: password, confirmation: confirmation, context: context)
    }

    /// メールアドレス・パスワード認証の設定 (MC-2): see `SettingsFlow.changeLoginMethodToPassword`.
    @discardableResult
    public func changeLoginMethodToPassword(
        by actorID: Int64, current: String? = nil, password: String, confirmation: String, context: AccessContext
    ) throws(EngineError) -> Person {
        try settingsFlow.changeLoginMethodToPassword(by: actorID, current: current, password: password, confirmation: confirmation, context: context)
    }

    /// The contractor's login method becomes a federated account (MC-2): see `SettingsFlow.changeLoginMethod`.
    @discardableResult
    public func changeLoginMethod(
        by actorID: Int64, to identity: FederatedIdentity, context: AccessContext
    ) throws(EngineError) -> Person {
        try settingsFlow.changeLoginMethod(by: actorID, to: identity, context: context)
    }

    /// アクセス経路設定 (LA-1): see `SettingsFlow.setAccessRoute`.
    @discardableResult
    public func setAccessRoute(
        _ route: Contract.AccessRoute, by actorID: Int64, context: AccessContext
    ) throws(EngineError) -> Contract {
        try settingsFlow.setAccessRoute(route, by: actorID, context: context)
    }

    /// Moves a free trial to the basic plan, up to 15 days after the trial's end (CT-2): see `SettingsFlow.convertTrialToBasic`.
    public func convertTrialToBasic(by actorID: Int64, context: AccessContext) throws(EngineError) -> Contract {
        try settingsFlow.convertTrialToBasic(by: actorID, context: context)
    }

    /// 2段階認証設定 (TF-7): see `SettingsFlow.setTwoStep`.
    public func setTwoStep(enabled: Bool, by actorID: Int64, context: AccessContext) throws(EngineError) -> Contract {
        try settingsFlow.setTwoStep(enabled: enabled, by: actorID, context: context)
    }

    // MARK: Lines (AdminConsoleFlow; the line notice: SettingsFlow)

    /// 管理コンソール › 回線認証 as saved: see `AdminConsoleFlow.lineSettings`.
    public func lineSettings(by actorID: Int64) throws(EngineError) -> LineSettings {
        try adminConsoleFlow.lineSettings(by: actorID)
    }

    /// 保存 (LA-2): see `AdminConsoleFlow.saveLineSettings`.
    @discardableResult
    public func saveLineSettings(
        by actorID: Int64, route: Contract.AccessRoute, lines: [String], context: AccessContext
    ) throws(EngineError) -> LineSettings {
        try adminConsoleFlow.saveLineSettings(by: actorID, route: route, lines: lines, context: context)
    }

    /// 回線情報通知設定 (LG-7): see `SettingsFlow.setLineNotice`.
    public func setLineNotice(
        by personID: Int64, line: LineNumber, notify: Bool, context: AccessContext
    ) throws(EngineError) {
        try settingsFlow.setLineNotice(by: personID, line: line, notify: notify, context: context)
    }

    // MARK: Admin console: users (AdminConsoleFlow)

    /// A page of the user list (US-1): see `AdminConsoleFlow.users`.
    public func users(
        by actorID: Int64, matching text: String = "", page: UserPageRequest = .first, limit: Int = 20
    ) throws(EngineError) -> UserPage {
        try adminConsoleFlow.users(by: actorID, matching: text, page: page, limit: limit)
    }

    /// ユーザ詳細 (US-1): see `AdminConsoleFlow.userDetail`.
    public func userDetail(by actorID: Int64, personID: Int64) throws(EngineError) -> UserDetail {
        try adminConsoleFlow.userDetail(by: actorID, personID: personID)
    }

    /// ロック解除 from the ユーザ詳細 (US-1): see `AdminConsoleFlow.unlockUser`. `authenticatedAt`
    /// is when the actor last gave their password (`SignedIn.authenticatedAt`, or
    /// `confirmPassword`'s answer): older than `ConsolePolicy.stepUpWindow` is refused.
    @discardableResult
    public func unlockUser(
        by actorID: Int64, personID: Int64, authenticatedAt: Date, context: AccessContext
    ) throws(EngineError) -> UserDetail {
        try adminConsoleFlow.unlockUser(by: actorID, personID: personID, authenticatedAt: authenticatedAt, context: context)
    }

    /// 2段階認証のリセット from the ユーザ詳細 (US-1, TF-8): see `AdminConsoleFlow.resetTwoStep`.
    @discardableResult
    public func resetTwoStep(
        by actorID: Int64, personID: Int64, authenticatedAt: Date, context: AccessContext
    ) throws(EngineError) -> UserDetail {
        try adminConsoleFlow.resetTwoStep(by: actorID, personID: personID, authenticatedAt: authenticatedAt,
                                          context: context)
    }

    /// メールアドレス変更 (送信) of the ユーザ詳細 (EM-2): see `AdminConsoleFlow.sendEmailChange`.
    public func sendEmailChange(
        by actorID: Int64, personID: Int64, address typed: String, authenticatedAt: Date, context: AccessContext
    ) throws(EngineError) -> ConsoleMail {
        try adminConsoleFlow.sendEmailChange(by: actorID, personID: personID, address: typed,
                                             authenticatedAt: authenticatedAt, context: context)
    }

    /// Opens a メールアドレス変更の確認 link: see `AdminConsoleFlow.approveEmailChange`.
    public func approveEmailChange(_ link: Link, context: AccessContext) throws(EngineError) -> String {
        try adminConsoleFlow.approveEmailChange(link, context: context)
    }

    /// The 管理コンソール's password prompt (ASVS 7.5.3): see `AdminConsoleFlow.confirmPassword`.
    public func confirmPassword(by actorID: Int64, password: String, context: AccessContext) throws(EngineError) -> Date {
        try adminConsoleFlow.confirmPassword(by: actorID, password: password, context: context)
    }

    // MARK: Admin console: audit log (AdminConsoleFlow)

    /// 操作ログ (AU-1): see `AdminConsoleFlow.auditLog`.
    public func auditLog(
        by actorID: Int64, filter: AuditLogFilter = AuditLogFilter(), page: AuditLogPageRequest = .newest,
        limit: Int = 20
    ) throws(EngineError) -> AuditLogPage {
        try adminConsoleFlow.auditLog(by: actorID, filter: filter, page: page, limit: limit)
    }

    // MARK: The audit chain (AdminConsoleFlow)

    /// Audit entries in order, `limit` at most, after `afterID`: see `AdminConsoleFlow.auditEntries`.
    public func auditEntries(after afterID: Int64 = 0, limit: Int = 1000) throws(EngineError) -> [AuditEntry] {
        try adminConsoleFlow.auditEntries(after: afterID, limit: limit)
    }

    /// Walks the whole chain and reports the first broken link (AU-1): see `AdminConsoleFlow.verifyAudit`.
    public func verifyAudit(anchor: AuditAnchor? = nil) throws(EngineError) -> AuditVerification {
        try adminConsoleFlow.verifyAudit(anchor: anchor)
    }

    /// The audit chain's head now (issue 19 finding 9): what an anchor records; nil when empty.
    public func auditHead() throws(EngineError) -> AuditAnchor? {
        try read { tx in try tx.lastAuditLink().map { AuditAnchor(count: $0.id, hash: $0.hash) } }
    }

    /// `verifyAudit`, with how many entries were legacy links (issue 19 finding 9).
    public func verifyAuditInDetail(anchor: AuditAnchor? = nil, report: (Int) -> Void = { _ in }) throws(EngineError)
        -> AuditChainProgress
    {
        try adminConsoleFlow.verifyAuditInDetail(anchor: anchor, report: report)
    }

    /// Checks the next links of the audit chain, a slice at a time (AU-1): see `AdminConsoleFlow.checkAuditChain`.
    public func checkAuditChain(_ progress: inout AuditChainProgress, entries: Int) throws(EngineError) {
        try adminConsoleFlow.checkAuditChain(&progress, entries: entries)
    }

    // MARK: Delivery and the outbox (DeliveryFlow)

    /// Claims the oldest due message for a worker (TK-3): see `DeliveryFlow.claimNextMessage`.
    public func claimNextMessage(
        kinds: Set<OutboxMessage.Kind>, worker: String, policy: DeliveryPolicy, messageIDDomain: String
    ) throws(EngineError) -> DeliveryJob? {
        try deliveryFlow.claimNextMessage(kinds: kinds, worker: worker, policy: policy, messageIDDomain: messageIDDomain)
    }

    /// Records the outcome of `job`'s attempt and returns the message's new state: see `DeliveryFlow.recordDelivery`.
    @discardableResult
    public func recordDelivery(_ job: DeliveryJob, _ outcome: DeliveryOutcome, policy: DeliveryPolicy)
        throws(EngineError) -> OutboxMessage.State
    {
        try deliveryFlow.recordDelivery(job, outcome, policy: policy)
    }

    /// When the next message may become due: see `DeliveryFlow.nextDeliveryTime`.
    public func nextDeliveryTime(kinds: Set<OutboxMessage.Kind>) throws(EngineError) -> Date? {
        try deliveryFlow.nextDeliveryTime(kinds: kinds)
    }

    /// The messages the service sent, oldest first; optionally only those to one address: see `DeliveryFlow.outbox`.
    public func outbox(to address: String? = nil) throws(EngineError) -> [OutboxMessage] {
        try deliveryFlow.outbox(to: address)
    }

    // MARK: Limits the client shows

    /// The most people the user list counts (US-1).
    public static var userCountLimit: Int { AdminConsoleFlow.userCountLimit }
    /// The most people an audit-log search by name may match (AU-1).
    public static var auditPeopleLimit: Int { AdminConsoleFlow.auditPeopleLimit }

    static func auditEntry(_ r: AuditRecord) -> AuditEntry { AdminConsoleFlow.auditEntry(r) }
}
