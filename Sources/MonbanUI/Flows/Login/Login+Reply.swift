import MonbanCore
import MonbanTUI

/// ログイン: what the client does with the engine's answer to a password (LG-2, LG-3, LK-1).
extension App {
    mutating func performSignIn(email: String, password: String, engine: Engine) throws -> [Effect] {
        let result = try engine.signIn(email: email, password: password, purpose: signInPurpose, context: context)
        screen.form.clear([.password])
        return try proceed(result, engine: engine)
    }

    /// After a right password: the main screen, or the second step (LG-3).
    mutating func proceed(_ result: SignInResult, engine: Engine) throws(EngineError) -> [Effect] {
        switch result {
        case .signedIn(let s):
            return try arrive(s, engine: engine)
        case .secondStep(let step):
            switch step.stage {
            case .enroll:
                return [.push(.twoStep(.smsPhone(step)))]
            case .sms:
                let status = try engine.sendSMSCode(step, context: context)
                return [.push(.twoStep(.smsCode(step, status)))]
            case .authenticator:
                return [.push(.twoStep(.authenticatorCode(step)))]
            }
        }
    }
}
