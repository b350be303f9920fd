import MonbanCore
import MonbanStore

/// The operator commands' one-line messages for typed engine and store errors.
/// Never includes a secret.
enum Messages {
    static func describe(_ error: any Error) -> String {
        if let e = error as? CLIFailure { return e.message }
        if let e = error as? EngineError { return describe(e) }
        if let e = error as? StoreError { return describe(e) }
        return "unexpected error: \(error)"
    }

    static func describe(_ error: StoreError) -> String {
        switch error {
        case .missing(let p): "no database at \(p) (create one with 'monban contract create' or 'monban demo')"
        case .notMonban(let p): "\(p) is not a monban database; it was not changed"
        case .newerVersion(let p): "\(p) was written by a newer version of monban; it was not changed"
        case .corrupt(let p): "\(p) is damaged (SQLite reports corruption); it was not changed"
        case .unavailable(let p, let reason): "cannot use \(p): \(reason.english(path: p))"
        case .busy(let p): "\(p) is locked by another process; try again"
        }
    }

    static func describe(_ error: EngineError) -> String {
        switch error {
        case .wrongCredentials: "メールアドレスまたはパスワードが正しくありません (wrong e-mail address or password)"
        case .locked: "アカウントがロックされています (the account is locked; use the unlock link in the e-mail or reset the password)"
        case .contractCancelled: "ご契約は解約されています (the free trial ended and the contract was cancelled)"
        case .invalidEmail: "not a valid e-mail address"
        case .invalidName: "a name has at most 100 characters and no control characters"
        case .emailInUse: "this e-mail address is already registered"
        case .passwordRejected(let v): PasswordPolicy.ruleTextJapanese + " (" + v.map(describe).joined(separator: "; ") + ")"
        case .passwordsDoNotMatch: "the two passwords differ"
        case .unknownPlan(let p): "unknown plan '\(p.prefix(40))' (use basic or trial)"
        case .linkInvalid: "this link is not valid"
        case .linkExpired(.unlock):
            "このURLは有効期限が切れています (this unlock link has expired): reset the password with パスワードを忘れた方はこちら (monban forgot --email ADDRESS), which also unlocks the account"
        case .linkExpired: "このURLは有効期限が切れています (this link has expired)"
        case .linkUsed: "this link has already been used"
        case .linkNotForThis: "this link is for something else"
        case .trialConversionWindowClosed: "the trial ended more than 15 days ago and can no longer move to the basic plan"
        case .notATrial: "the contract is not a free trial"
        case .notPermitted: "not permitted for this person"
        case .emailsDoNotMatch: "the new address and its confirmation differ"
        case .emailUnchanged: "this is the address already registered"
        case .wrongCurrentPassword: "現在のパスワードが正しくありません (the current password is wrong)"
        case .passwordUnchanged: "the new password is the current one"
        case .passwordRequired: "this change needs the new password twice"
        case .lineOnlyRoute: "回線認証のみ: sign-in is allowed only from a registered line (回線認証)"
        case .invalidLines(let n): "\(n) line(s) of the line list are not valid; nothing was saved"
        case .lineAuthenticationFailed:
            "回線認証エラー: the contract's line authentication is not set up, or this line is not registered"
        case .cryptoUnavailable: "the system's cryptography (OpenSSL) failed"
        case .store(let s): describe(s)
        case .secondStepExpired: "the two-step verification expired; sign in again"
        case .wrongCode(let n): "wrong code (\(n) tries left)"
        case .smsCodeExpired: "the SMS code expired or was mistyped too often; send a new one"
        case .resendTooSoon(let n): "a new SMS code can be sent in \(n) s"
        case .invalidPhoneNumber: "not a mobile phone number"
        case .malformedRecoveryCode: "a recovery code has 24 characters"
        case .malformedCode: "a code has 6 digits"
        case .secretKey(let e): "the key file cannot be used: \(e)"
        case .identityNotRegistered(let m): "no person of the service is registered with this \(m.rawValue) account"
        case .identityInUse: "this account is already registered to another person"
        case .facebookToFacebook: "a Facebook login cannot move straight to another Facebook account; choose another method first"
        case .unknownConnectionID: "unknown connection ID (接続ID)"
        case .invalidDirectorySettings(let what): "Active Directory設定: invalid \(what)"
        case .wrongDirectoryDomain: "enter [ADのユーザ名]@[ADのドメイン] with the contract's AD domain"
        case .directoryRefused(let a): "Active Directory refused the sign-in: \(a)"
        }
    }

    static func describe(_ v: PasswordPolicy.Violation) -> String {
        switch v {
        case .tooShort: "shorter than 8 characters"
        case .tooLong: "longer than 128 characters"
        case .tooFewClasses: "fewer than 3 of upper case, lower case, digits, symbols"
        case .controlCharacter: "contains a control character"
        case .containsEmailLocalPart: "contains the e-mail address"
        case .common: "a commonly used password"
        }
    }
}
