import FoundationEssentials
import MonbanStore

/// The flows the engine is split into, each over the shared context; `Engine`
/// keeps its public methods as forwards so that its callers do not change.
extension Engine: SecondStepGate {
    /// E-mail + password sign-in and the account lock.
    var signInFlow: SignInFlow { SignInFlow(shared: shared, secondStep: self) }

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
}
