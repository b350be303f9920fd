import MonbanCore
import MonbanTUI

/// The two-step verification: what the client does with the engine's answers (TF-1..TF-6).
extension App {
    /// TF-2: an SMS code sent (to a new number when enrolling), or sent again.
    mutating func performSendSMS(_ step: SecondStep, phone: String?, engine: Engine) throws -> [Effect] {
        let status = try engine.sendSMSCode(step, phone: phone, context: context)
        guard case .twoStep(.smsCode) = screen.route else { return [.push(.twoStep(.smsCode(step, status)))] }
        screen.route = .twoStep(.smsCode(step, status))
        screen.form.clear([.code])
        screen.form.focus = .code
        screen.message = (Texts.smsResent(language), .success)
        return []
    }

    /// TF-3: the authenticator's secret and QR code, beside the form or full screen.
    mutating func performSetUpAuthenticator(_ step: SecondStep, engine: Engine) throws -> [Effect] {
        let setup = try engine.authenticatorSetup(step, context: context)
        var next = Screen(route: .twoStep(.authenticatorEnroll(step, setup)))
        next.qrFullScreen = QRPanel.sideBySide(setup.uri, width: size.width, height: size.height, wide: wideQR) == nil
        next.form.focus = .code
        return [.open(next)]
    }

    mutating func performVerifyCode(_ step: SecondStep, _ method: TwoStepMethod, code: String, remember: Bool,
                                    engine: Engine) throws -> [Effect] {
        try finish(try engine.verifySecondStep(step, method: method, code: code, remember: remember, context: context),
                   engine: engine)
    }

    /// TF-6: a recovery code instead of the lost device.
    mutating func performRecover(_ step: SecondStep, code: String, remember: Bool, engine: Engine) throws -> [Effect] {
        try finish(try engine.recoverSecondStep(step, recoveryCode: code, remember: remember, context: context),
                   engine: engine)
    }

    /// A completed second step: the new recovery code first when there is one (TF-5).
    mutating func finish(_ result: SecondStepResult, engine: Engine) throws(EngineError) -> [Effect] {
        if let code = result.recoveryCode {
            return [.restart([Screen(route: .twoStep(.recoveryCode(code, result.signedIn)))])]
        }
        return try arrive(result.signedIn, engine: engine)
    }
}
