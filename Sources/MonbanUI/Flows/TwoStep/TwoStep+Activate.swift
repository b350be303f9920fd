import MonbanCore
import MonbanTUI

/// The two-step verification screens: what their controls do (TF-1..TF-6).
extension App {
    /// One case per screen of the flow, no default.
    mutating func activateTwoStep(_ s: TwoStepScreen, _ id: ControlID) -> [Effect] {
        switch s {
        case .smsPhone(let step): activateSMSPhone(step, id)
        case .smsCode(let step, _): activateSMSCode(step, id)
        case .authenticatorEnroll(let step, _): activateAuthenticatorEnroll(step, id)
        case .authenticatorCode(let step): activateAuthenticatorCode(step, id)
        case .recoveryEntry(let step): activateRecoveryEntry(step, id)
        case .recoveryCode(_, let signedIn): activateRecoveryCode(signedIn, id)
        case .done(let signedIn): activateTwoStepDone(signedIn, id)
        }
    }

    mutating func activateSMSPhone(_ step: SecondStep, _ id: ControlID) -> [Effect] {
        switch id {
        case .next:
            let phone = screen.form[field: .phone]
            guard !phone.isEmpty else {
                screen.message = (Texts.invalidPhone(language), .error)
                return []
            }
            return [.sendSMS(step, phone: phone)]
        case .authenticatorRoute: return [.setUpAuthenticator(step)]
        default: return common(id)
        }
    }

    mutating func activateSMSCode(_ step: SecondStep, _ id: ControlID) -> [Effect] {
        switch id {
        case .authenticatorRoute: return [.setUpAuthenticator(step)]
        case .next: return codeEffect(step, .sms)
        case .resend: return [.sendSMS(step, phone: nil)]
        case .lost: return [.push(.twoStep(.recoveryEntry(step)))]
        default: return common(id)
        }
    }

    mutating func activateAuthenticatorEnroll(_ step: SecondStep, _ id: ControlID) -> [Effect] {
        switch id {
        case .next: return codeEffect(step, .authenticator)
        case .showQR:
            screen.qrFullScreen = true
            return []
        case .smsRoute:
            if case .twoStep(.smsPhone)? = screenBelow?.route { return [.back] }
            return [.push(.twoStep(.smsPhone(step)))]
        default: return common(id)
        }
    }

    mutating func activateAuthenticatorCode(_ step: SecondStep, _ id: ControlID) -> [Effect] {
        switch id {
        case .lost: return [.push(.twoStep(.recoveryEntry(step)))]
        case .next: return codeEffect(step, .authenticator)
        default: return common(id)
        }
    }

    mutating func activateRecoveryEntry(_ step: SecondStep, _ id: ControlID) -> [Effect] {
        guard id == .next else { return common(id) }
        let code = screen.form[field: .recovery]
        guard RecoveryCode.normalize(code) != nil else {
            screen.message = (Texts.malformedRecovery(language), .error)
            return []
        }
        return [.recover(step, code: code, remember: false)]
    }

    mutating func activateRecoveryCode(_ s: SignedIn, _ id: ControlID) -> [Effect] {
        guard id == .next else { return common(id) }
        guard screen.form.checks[.saved] == true else {
            screen.message = (Texts.recoveryTickFirst(language), .error)
            return []
        }
        return [.home(.twoStep(.done(s)))]
    }

    mutating func activateTwoStepDone(_ s: SignedIn, _ id: ControlID) -> [Effect] {
        id == .proceed ? [.arrive(s)] : common(id)
    }

    /// The code typed on a code screen, with the "remember" tick (TF-4).
    mutating func codeEffect(_ step: SecondStep, _ method: TwoStepMethod) -> [Effect] {
        let code = screen.form[field: .code]
        guard !code.trimmingWhitespace().isEmpty else {
            screen.message = (Texts.emptyCode(language), .error)
            return []
        }
        return [.verifyCode(step, method, code: code, remember: canRemember && screen.form.checks[.remember] == true)]
    }
}
