import MonbanCore
import MonbanTUI

/// Opening an e-mailed link (TK-2), from the 受信箱 or from `monban open`'s client: the
/// engine's LinkRouter decides where the link leads; this says which screen shows it.
extension App {
    mutating func open(_ url: String, engine: Engine) throws(EngineError) -> [Effect] {
        switch LinkRouter.destination(of: url) {
        case .directoryLogin(let connectionID):
            // The Active Directory login URL of the 接続ID通知 mail (LG-5).
            return try openDirectoryLogin(connectionID, engine: engine)
        case .unlock(let link):
            let person = try engine.unlock(link, context: context)
            return [.push(.recovery(.unlocked(email: person.email)))]
        case .passwordReset(let link):
            let info = try engine.inspect(link)
            return [.push(.recovery(.reset(link, email: info.email)))]
        case .registration(let link):
            return [.push(.registration(.entry(try registrationLink(link, engine: engine))))]
        case .loginMethodChange(let link):
            // §2-2 ①: ログイン方法の設定, not 利用者ログイン登録 (issue 20 item 18).
            return [.push(.registration(.methodChoice(try registrationLink(link, engine: engine))))]
        case .emailChange(let link):
            // EM-4: a password user sets the password anew; for others opening the link completes it (EM-3).
            let info = try engine.inspect(link)
            if info.loginMethod == .emailPassword {
                return [.push(.settings(.emailConfirm(link, info)))]
            } else {
                let person = try engine.confirmEmailChange(link, context: context)
                return [.push(.settings(.emailConfirmed(address: person.email)))]
            }
        case .emailChangeApproval(let link):
            // The person approves, from their current address, an administrator's change of it.
            let address = try engine.approveEmailChange(link, context: context)
            return [.push(.settings(.emailApproved(address: address)))]
        case .invalid:
            throw .linkInvalid
        }
    }

    /// The link, its person and, when that person may sign in with Active Directory, the
    /// contract's connection ID.
    func registrationLink(_ link: Link, engine: Engine) throws(EngineError) -> RegistrationLink {
        let info = try engine.inspect(link)
        var directory: ConnectionID?
        if let p = try engine.person(email: info.email), LoginMethod.activeDirectory.isAllowed(for: p.role) {
            directory = try engine.directory(contractID: p.contractID)?.connectionID
        }
        return RegistrationLink(link, info, directory: directory)
    }
}
