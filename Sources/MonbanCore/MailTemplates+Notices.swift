import FoundationEssentials

/// Security notifications (NT-1, ASVS 6.3.7; issue 19): a mail to the person after a
/// change to how they sign in, in the manual's style, in Japanese with the English
/// below. None carries a link, a code or anything else that signs anyone in: the
/// way back, when the person did not make the change, is the login screen's
/// パスワードを忘れた方 and the contractor.
extension MailTemplates {
    /// When it happened, in the service's time (JST), in both languages.
    static func when(_ date: Date) -> (ja: String, en: String) {
        let t = JSTTime(date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let hm = "\(two(t.hour)):\(two(t.minute))"
        return ("\(t.year)年\(t.month)月\(t.day)日 \(hm)（日本時間）", "\(t.year)-\(two(t.month))-\(two(t.day)) \(hm) JST")
    }

    /// A login method as the manual names it, in both languages.
    static func methodName(_ method: LoginMethod) -> (ja: String, en: String) {
        switch method {
        case .emailPassword: ("メールアドレス・パスワード", "e-mail address and password")
        case .google: ("Googleアカウント", "Google account")
        case .facebook: ("Facebookアカウント", "Facebook account")
        case .microsoft: ("Microsoftアカウント", "Microsoft account")
        case .dAccount: ("dアカウント", "d account")
        case .activeDirectory: ("Active Directoryアカウント", "Active Directory account")
        }
    }

    /// A terminal's name as it may appear in a mail: no control or format characters.
    static func printable(_ text: String) -> String {
        let kept = text.unicodeScalars.filter {
            $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
        }
        return String(String.UnicodeScalarView(kept.prefix(100)))
    }

    private func notice(_ title: String, _ name: String, ja: String, en: String) -> Mail {
        Mail(subject: subject(title), body: greeting(name) + "\n" + ja + """


            お心当たりがない場合は、ログイン画面の「パスワードを忘れた方はこちら」から
            パスワードを再設定のうえ、契約者へご連絡ください。
            このメールは送信専用です。本メールにURLは含まれていません。

            ----
            \(en)
            If this was not you, reset your password from the login screen ("Forgot your
            password?") and tell the contractor. This e-mail contains no link.

            """)
    }

    /// パスワード変更のお知らせ: パスワード変更 (PC-1).
    public func passwordChangedNotice(name: String, at date: Date) -> Mail {
        let w = Self.when(date)
        return notice("パスワード変更のお知らせ", name,
                      ja: "ご登録のパスワードが変更されました。\n\n日時 : \(w.ja)",
                      en: "Your password was changed on \(w.en).")
    }

    /// パスワードリセットのお知らせ: リセットパスワード (PW-3), which also releases the
    /// lock and resets the two-step registration (TF-8).
    public func passwordResetNotice(name: String, at date: Date) -> Mail {
        let w = Self.when(date)
        return notice("パスワードリセットのお知らせ", name,
                      ja: """
                          パスワードリセットにより、ご登録のパスワードが変更されました。
                          あわせて2段階認証の登録がリセットされました。次回ログイン時に、2段階認証を再登録してください。

                          日時 : \(w.ja)
                          """,
                      en: "Your password was reset on \(w.en), and your two-step verification was reset with it.")
    }

    /// 2段階認証リセットのお知らせ: the 管理コンソール's 2段階認証をリセット (US-1, TF-8).
    public func twoStepResetNotice(name: String, at date: Date) -> Mail {
        let w = Self.when(date)
        return notice("2段階認証リセットのお知らせ", name,
                      ja: """
                          契約者または管理者により、2段階認証の登録がリセットされました。
                          次回ログイン時に、2段階認証を再登録してください。

                          日時 : \(w.ja)
                          """,
                      en: "Your two-step verification was reset by the contractor or an administrator on \(w.en).")
    }

    /// ログイン方法変更のお知らせ: ログイン方法の設定 (MC-2) or its link (EM-5).
    public func loginMethodChangedNotice(name: String, method login: LoginMethod, at date: Date) -> Mail {
        let w = Self.when(date)
        let method = Self.methodName(login)
        return notice("ログイン方法変更のお知らせ", name,
                      ja: """
                          ログイン方法が「\(method.ja)」に変更されました。
                          2段階認証の登録はリセットされました。

                          日時 : \(w.ja)
                          """,
                      en: "Your login method was changed to \(method.en) on \(w.en); two-step verification was reset.")
    }

    /// メールアドレス変更完了のお知らせ: to the OLD address, after the change (EM-3, EM-4).
    public func emailChangedNotice(name: String, newAddress: String, at date: Date) -> Mail {
        let w = Self.when(date)
        return notice("メールアドレス変更完了のお知らせ", name,
                      ja: """
                          ご登録のメールアドレス（ログインID）が下記のメールアドレスへ変更されました。
                          今後、このメールアドレスへのご案内は送信されません。

                          変更後のメールアドレス : \(newAddress)
                          日時 : \(w.ja)
                          """,
                      en: "Your e-mail address (login ID) was changed to \(newAddress) on \(w.en); "
                          + "this address will receive no further mail.")
    }

    /// 新しい端末からのログインのお知らせ: a sign-in from a terminal this person has not
    /// signed in from before.
    public func newTerminalNotice(name: String, terminal raw: String, at date: Date) -> Mail {
        let w = Self.when(date)
        let terminal = Self.printable(raw)
        return notice("新しい端末からのログインのお知らせ", name,
                      ja: """
                          これまでにご利用のない端末から、ログインがありました。

                          日時 : \(w.ja)
                          端末 : \(terminal)
                          """,
                      en: "Someone signed in to your account from a new terminal (\(terminal)) on \(w.en).")
    }
}
