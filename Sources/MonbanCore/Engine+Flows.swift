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

    func recordWrongPassword(_ tx: any StoreTransaction, personID: Int64, context: AccessContext) throws
        -> Result<Never, EngineError>
    {
        try signInFlow.recordWrongPassword(tx, personID: personID, context: context)
    }

    func lockAccount(_ tx: any StoreTransaction, _ person: Person, context: AccessContext) throws {
        try signInFlow.lockAccount(tx, person, context: context)
    }

    func admissionRefusal(
        _ tx: any StoreTransaction, _ person: Person, _ contract: Contract, purpose: SignInPurpose, context: AccessContext
    ) throws -> EngineError? {
        try signInFlow.admissionRefusal(tx, person, contract, purpose: purpose, context: context)
    }

    func effective(_ context: AccessContext, purpose: SignInPurpose) -> AccessContext {
        SignInFlow.effective(context, purpose: purpose)
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

    /// 2段階認証設定 (TF-7): see `TwoStepFlow.setTwoStep`.
    public func setTwoStep(enabled: Bool, by actorID: Int64, context: AccessContext) throws(EngineError) -> Contract {
        try twoStepFlow.setTwoStep(enabled: enabled, by: actorID, context: context)
    }
}
