import MonbanCore
import MonbanStore

/// One refusal in words: what a screen shows, in both languages, and the operator
/// commands' one line. The table below is the only place an `EngineError` or a
/// `StoreError` becomes text: the client and the command line (Sources/monban/Messages.swift)
/// both read it. No text interpolates an error value, so no case name reaches a person.
public struct ErrorText: Sendable, Equatable {
    /// The screen's words (the manual's where it has them).
    public let screen: Text
    /// The operator commands' one line: English, with the manual's Japanese where an operator meets it.
    public let command: String

    init(_ screen: Text, command: String) {
        self.screen = screen
        self.command = command
    }

    /// A screen text built the same way in each language.
    init(command: String, screen: (Language) -> String) {
        self.init(Text(screen(.ja), screen(.en)), command: command)
    }
}

extension ErrorText {
    /// Every engine error.
    public static func of(_ error: EngineError) -> ErrorText {
        switch error {
        // Sign-in (LG-2, LK-1, CT-2)
        case .wrongCredentials:
            ErrorText(Texts.wrongCredentials, command: "メールアドレスまたはパスワードが正しくありません (wrong e-mail address or password)")
        case .locked:
            ErrorText(Texts.lockedTitle, command:
                "アカウントがロックされています (the account is locked; use the unlock link in the e-mail or reset the password)")
        case .contractCancelled:
            ErrorText(command: "ご契約は解約されています (the free trial ended and the contract was cancelled)") { l in
                Texts.cancelled(l) + (l == .ja ? "" : " ") + Texts.cancelledHint(l)
            }
        case .lineOnlyRoute:
            ErrorText(Texts.lineOnlyRefused, command: "回線認証のみ: sign-in is allowed only from a registered line (回線認証)")

        // Input
        case .invalidEmail: ErrorText(Texts.invalidEmail, command: "not a valid e-mail address")
        case .invalidName: ErrorText(Texts.nameInvalid, command: "a name has at most 100 characters and no control characters")
        case .emailInUse: ErrorText(Texts.emailInUse, command: "this e-mail address is already registered")
        case .passwordRejected(let reasons):
            ErrorText(command: PasswordPolicy.ruleTextJapanese + " (" + reasons.map(commandReason).joined(separator: "; ") + ")") { l in
                Texts.policyRefused(l) + (l == .ja ? "（" : " (") + reasons.map { reason($0)(l) }.joined(separator: l == .ja ? "、" : "; ")
                    + (l == .ja ? "）。" : ").")
            }
        case .passwordsDoNotMatch: ErrorText(Texts.mismatch, command: "the two passwords differ")
        case .unknownPlan(let plan):
            ErrorText(command: "unknown plan '\(plan.prefix(40))' (use basic or trial)") { l in
                Texts.unknownPlan(l).replacingEvery("{p}", with: String(plan.prefix(40)))
            }

        // Links (TK-1, LK-3)
        case .linkInvalid: ErrorText(Texts.linkInvalid, command: "this link is not valid")
        case .linkNotForThis: ErrorText(Texts.linkInvalid, command: "this link is for something else")
        case .linkExpired(.unlock):
            ErrorText(Texts.linkExpired, command:
                "このURLは有効期限が切れています (this unlock link has expired): reset the password with パスワードを忘れた方はこちら (monban forgot --email ADDRESS), which also unlocks the account")
        case .linkExpired: ErrorText(Texts.linkExpired, command: "このURLは有効期限が切れています (this link has expired)")
        case .linkUsed: ErrorText(Texts.linkUsed, command: "this link has already been used")
        case .reauthenticationRequired:
            ErrorText(command: "the password must be given again before acting on another account",
                      screen: Texts.stepUp(Texts.stepUpIntro))

        // Two-step verification (TF-1..TF-6)
        case .secondStepExpired: ErrorText(Texts.signInAgain, command: "the two-step verification expired; sign in again")
        case .wrongCode(let n):
            ErrorText(command: "wrong code (\(n) tries left)") { l in
                Texts.wrongCodePrefix(l) + (n > 0 ? (l == .ja ? "" : " ") + Texts.triesLeft(l).replacingEvery("{n}", with: "\(n)") : "")
            }
        case .smsCodeExpired: ErrorText(Texts.codeExpired, command: "the SMS code expired or was mistyped too often; send a new one")
        case .resendTooSoon(let n):
            ErrorText(command: "a new SMS code can be sent in \(n) s") { l in Texts.resendTooSoon(l).replacingEvery("{n}", with: "\(n)") }
        case .invalidPhoneNumber: ErrorText(Texts.invalidPhone, command: "not a mobile phone number")
        case .internationalSMSOff:
            ErrorText(Texts.smsAbroad, command:
                "SMS to numbers outside Japan is off (the operator turns it on with [service] international_sms = true)")
        case .rateLimited(let cap) where cap.isSMS:
            ErrorText(Texts.smsLimitReached, command:
                "the SMS limit is reached (\(RateCap.smsPerPersonPerHour) a person, \(RateCap.smsPerNumberPerHour) a number, \(RateCap.smsPerTerminalPerHour) a terminal an hour); try again later")
        case .rateLimited:
            ErrorText(Texts.mailLimitReached, command:
                "\(RateCap.mailsPerAddressPerHour) reset or unlock e-mails an hour have gone to this address; try again later")
        case .malformedRecoveryCode: ErrorText(Texts.malformedRecovery, command: "a recovery code has 24 characters")
        case .malformedCode: ErrorText(Texts.malformedCode, command: "a code has 6 digits")
        case .secretKey(let e):
            ErrorText(command: "the key file cannot be used: \(keyFile(e))") { l in "\(Texts.secretKeyProblem(l)): \(keyFile(e))" }

        // Federated and Active Directory sign-in (LG-4, LG-5, US-2, MC-2)
        case .identityNotRegistered(let m):
            ErrorText(Texts.notRegistered, command: "no person of the service is registered with this \(serviceName(m)) account")
        case .identityInUse: ErrorText(Texts.identityInUse, command: "this account is already registered to another person")
        case .facebookToFacebook:
            ErrorText(Texts.facebookToFacebook, command:
                "a Facebook login cannot move straight to another Facebook account; choose another method first")
        case .unknownConnectionID: ErrorText(Texts.unknownConnectionID, command: "unknown connection ID (接続ID)")
        case .invalidDirectorySettings(let what):
            ErrorText(command: "Active Directory設定: invalid \(what)") { l in "\(Texts.invalidDirectorySetting(l)): \(what)" }
        case .wrongDirectoryDomain(let domain):
            ErrorText(command: "enter [ADのユーザ名]@\(domain), the contract's AD domain") { l in
                Texts.directoryWrongDomain(l).replacingEvery("{d}", with: domain)
            }
        case .directoryRefused(let a):
            ErrorText(directory(a), command: "Active Directory refused the sign-in: \(directoryDetail(a))")

        // Plans and permissions (CT-2, CT-3)
        case .trialConversionWindowClosed:
            ErrorText(Texts.conversionClosed, command: "the trial ended more than 15 days ago and can no longer move to the basic plan")
        case .notATrial: ErrorText(Texts.notATrial, command: "the contract is not a free trial")
        case .notPermitted: ErrorText(Texts.notPermitted, command: "not permitted for this person")

        // 認証・契約情報変更メニュー (MC-1, MC-2, EM-1..EM-4, PC-1, LA-1)
        case .emailsDoNotMatch: ErrorText(Texts.emailsDiffer, command: "the new address and its confirmation differ")
        case .emailUnchanged: ErrorText(Texts.emailUnchanged, command: "this is the address already registered")
        case .wrongCurrentPassword:
            ErrorText(Texts.wrongCurrentPassword, command: "現在のパスワードが正しくありません (the current password is wrong)")
        case .passwordUnchanged: ErrorText(Texts.passwordUnchanged, command: "the new password is the current one")
        case .passwordRequired: ErrorText(Texts.emptyPasswords, command: "this change needs the new password twice")

        // 管理コンソール (US-1, LA-2, LG-6)
        case .invalidLines(let n):
            ErrorText(command: "\(n) line(s) of the line list are not valid; nothing was saved") { l in
                Texts.linesInvalid(l).replacingEvery("{n}", with: "\(n)")
            }
        case .lineAuthenticationFailed:
            ErrorText(Texts.lineErrorTitle, command:
                "回線認証エラー: the contract's line authentication is not set up, or this line is not registered")

        // Environment
        case .cryptoUnavailable: ErrorText(Texts.cryptoUnavailable, command: "the system's cryptography failed")
        case .store(let s):
            ErrorText(command: of(s).command) { l in "\(Texts.storeProblem(l)): \(of(s).screen(l))" }
        }
    }

    /// Every store error. The screen puts "データベースを利用できません" before it (`EngineError.store`).
    public static func of(_ error: StoreError) -> ErrorText {
        switch error {
        case .missing(let p):
            ErrorText(Text("\(p) がありません", "no database at \(p)"),
                      command: "no database at \(p) (create one with 'monban contract create' or 'monban demo')")
        case .notMonban(let p):
            ErrorText(Text("\(p) は門番のデータベースではありません（変更していません）", "\(p) is not a monban database (left unchanged)"),
                      command: "\(p) is not a monban database; it was not changed")
        case .newerVersion(let p):
            ErrorText(Text("\(p) は新しい版の門番で作成されています", "\(p) was written by a newer monban"),
                      command: "\(p) was written by a newer version of monban; it was not changed")
        case .corrupt(let p):
            ErrorText(Text("\(p) は破損しています", "\(p) is damaged"),
                      command: "\(p) is damaged (SQLite reports corruption); it was not changed")
        case .unavailable(let p, let r):
            ErrorText(Text("\(p): \(reason(r, path: p)(.ja))", "\(p): \(reason(r, path: p)(.en))"), command: "cannot use \(p): \(reason(r, path: p)(.en))")
        case .busy(let p):
            ErrorText(Text("\(p) は他のプロセスが使用中です", "\(p) is locked by another process"),
                      command: "\(p) is locked by another process; try again")
        case .serverUnavailable(let p, let message):
            ErrorText(Text("データベースサーバに接続できません（\(p)）。操作は反映されていません。もう一度お試しください: \(message)",
                           "cannot reach the database server (\(p)); nothing was changed. Try again: \(message)"),
                      command: "cannot reach the PostgreSQL server (\(p)); nothing was changed: \(message)")
        case .passwordInConnectionString(let p):
            ErrorText(Text("接続文字列にパスワードを書くことはできません（\(p)）。~/.pgpass またはサービスファイルに書いてください",
                           "a password in the connection string is refused (\(p)): put it in ~/.pgpass or a service file"),
                      command: "a password in the connection string is refused (\(p)): the command line and the "
                          + "configuration are visible to others; put it in ~/.pgpass, PGPASSFILE or a service file (service=…)")
        case .outcomeUnknown(let p):
            ErrorText(Text("データベースサーバとの接続が確定の途中で切れました（\(p)）。操作が反映されたか確認してから、必要ならもう一度お試しください",
                           "the connection to the database server was lost while the action was being committed (\(p)): check whether it was applied before trying again"),
                      command: "the connection to the PostgreSQL server was lost during the commit (\(p)): the action may or may not have been applied; check before trying again")
        case .conflict(let p):
            ErrorText(Text("他の端末の操作と重なりました（\(p)）。操作は反映されていません。もう一度お試しください",
                           "another terminal's action got in the way (\(p)); nothing was changed. Try again"),
                      command: "other terminals kept the transaction from completing (\(p)); nothing was changed; try again")
        }
    }

    /// Why the store cannot use its file, in both languages: the one place that reads the store's reason.
    static func reason(_ reason: StoreError.Reason, path: String) -> Text {
        let english = reason.english(path: path)
        return switch reason {
        case .readOnly: Text("書き込みできません（読み取り専用のファイルまたはフォルダ）", english)
        case .diskFull: Text("ディスクの空きがありません", english)
        case .cannotOpen: Text("開けません（権限を確認してください）", english)
        case .cannotRead: Text("読み込めません", english)
        case .ioError: Text("書き込みに失敗しました（ディスクの空き、ファイルサイズの制限、またはディスクの故障）", english)
        case .cannotCreateFolder, .other: Text(english, english)
        }
    }

    /// Key-file errors, naming the file (never its contents).
    static func keyFile(_ e: SecretBoxError) -> String {
        switch e {
        case .keyFileMissing(let p): "\(p) (missing)"
        case .keyFileUnreadable(let p): "\(p) (unreadable)"
        case .keyFileDamaged(let p): "\(p) (damaged)"
        case .keyFileNotCreated(let p): "\(p) (cannot be created)"
        case .sealFailed, .cannotOpen: "sealed secret cannot be opened"
        }
    }

    /// The refusal of an AD sign-in, in the manual's words.
    static func directory(_ a: DirectoryAnswer) -> Text {
        switch a {
        case .ok: Text("", "")
        // One text for both: the screen never tells which names exist (issue 19 finding 11).
        case .wrongPassword, .unknownUser, .wrongCredentials: Texts.directoryWrongCredentials
        case .accountDisabled: Texts.directoryDisabled
        case .accountLocked: Texts.directoryLocked
        case .passwordExpired: Texts.directoryExpired
        case .accountExpired: Texts.directoryAccountExpired
        case .unreachable, .tlsFailure, .failed: Texts.directoryUnreachable
        }
    }

    /// The operator's line for an AD refusal: the screen's English and the directory's own detail.
    static func directoryDetail(_ a: DirectoryAnswer) -> String {
        switch a {
        case .unreachable(let detail), .tlsFailure(let detail), .failed(let detail): "\(directory(a).en) (\(detail))"
        default: directory(a).en
        }
    }

    /// What a password breaks of the rule (PP-1), on a screen.
    static func reason(_ v: PasswordPolicy.Violation) -> Text {
        switch v {
        case .tooShort: Text("8文字未満です", "shorter than 8 characters")
        case .tooLong: Text("128文字を超えています", "longer than 128 characters")
        case .tooFewClasses: Text("文字の種類が3種類未満です", "fewer than 3 kinds of characters")
        case .controlCharacter: Text("使用できない文字が含まれています", "contains a control character")
        // Only the part before @ is looked for: say so (issue 20 item 13).
        case .containsEmailLocalPart:
            Text("メールアドレスの@より前の部分が含まれています", "contains the part of your e-mail address before the @")
        case .common: Text("よく使われているパスワードです", "a commonly used password")
        }
    }

    /// What a password breaks of the rule (PP-1), for the operator.
    static func commandReason(_ v: PasswordPolicy.Violation) -> String {
        switch v {
        case .tooFewClasses: "fewer than 3 of upper case, lower case, digits, symbols"
        case .containsEmailLocalPart: "contains the part of the e-mail address before the @"
        default: reason(v).en
        }
    }

    /// A federated service as an operator knows it.
    static func serviceName(_ m: LoginMethod) -> String {
        switch m {
        case .emailPassword: "e-mail and password"
        case .google: "Google"
        case .facebook: "Facebook"
        case .microsoft: "Microsoft"
        case .dAccount: "d account"
        case .activeDirectory: "Active Directory"
        }
    }

    // The screen's words for each kind of error.

    public static func describe(_ error: EngineError, _ l: Language) -> String { of(error).screen(l) }
    public static func describe(_ error: StoreError, _ l: Language) -> String { of(error).screen(l) }
    static func describe(_ a: DirectoryAnswer, _ l: Language) -> String { directory(a)(l) }

    /// Whatever opening or calling the engine threw, on a screen: the table's words for the
    /// engine's, the store's and the key file's errors (a store error used to show as its case name).
    public static func describe(any error: any Error, _ l: Language) -> String {
        switch error {
        case let e as EngineError: describe(e, l)
        case let e as StoreError: describe(.store(e), l)
        case let e as SecretBoxError: describe(.secretKey(e), l)
        default: "\(Texts.storeProblem(l)): \(error)"
        }
    }
}
