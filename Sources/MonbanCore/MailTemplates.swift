/// The e-mails of the manual (§1-3, §1-5, §2-2, §6), with the service name from
/// the settings (TK-3).
public struct MailTemplates: Sendable {
    public struct Mail: Sendable, Equatable {
        public var subject: String
        public var body: String
    }

    public let service: String

    public init(service: String) { self.service = service }

    func subject(_ title: String) -> String { "【\(service)】\(title)" }

    /// The manual writes "…サービスをご利用" in the lock and reset mails and
    /// "…をご利用" in the others.
    func greeting(_ name: String, saysService: Bool = false) -> String {
        "\(name) 様\n\n平素より、\(service)\(saysService ? "サービス" : "")をご利用いただき誠にありがとうございます。\n"
    }

    /// §6-1 アカウントロック (LK-2).
    public func accountLock(name: String, link: String) -> Mail {
        Mail(subject: subject("アカウントロック"), body: greeting(name, saysService: true) + """

            サービスへのログインが規定回数以上失敗したため、アカウントをロックしました。

            下記URLへアクセスすることでロックを解除できます。

            \(link)

            ※有効期限 : 本メール受領後14日間

            なお、上記URLが有効期限切れの場合、ポータルサイトのログイン画面より
            パスワード変更を行うことによりロックを解除できます。

            """)
    }

    /// §6-2 パスワードリセット (PW-1).
    public func passwordReset(name: String, link: String) -> Mail {
        Mail(subject: subject("パスワードリセット"), body: greeting(name, saysService: true) + """

            パスワードリセットについて承りました。

            下記URLへアクセスし新しいパスワードを登録ください。

            \(link)

            本メール受領後、14日間以内に新しいパスワードの登録が完了しない場合は
            処理がキャンセルとなりますのでご注意ください。

            """)
    }

    /// §1-5 利用者登録のご案内 (US-1, CT-4).
    public func registrationInvitation(name: String, link: String) -> Mail {
        Mail(subject: subject("利用者登録のご案内"), body: greeting(name) + """

            \(service)の利用者として登録されました。
            下記URLへアクセスし、利用者ログイン登録を完了してください。

            \(link)

            本メール受領後、14日間以内に登録が完了しない場合は
            登録処理がキャンセルとなりますのでご注意ください。

            """)
    }

    /// §1-3 Active Directoryアカウントのログイン用URL・接続ID通知 (LG-5).
    public func directoryNotice(name: String, internetURL: String, lineURL: String, connectionID: String) -> Mail {
        Mail(subject: subject("Active Directoryアカウントのログイン用URL・接続ID通知"), body: greeting(name) + """
            Active Directoryアカウントのログイン用URLおよび接続IDをご連絡いたします。

            ※契約者の方は、Active Directoryアカウントでログインをする利用者に対して、
            事前に接続IDを通知してください。

            利用者がログイン方法のActive Directoryアカウントに設定する際に、接続IDの入力
            が必要となります。

            ■ Active Directoryアカウントのログイン用URL
            ・ インターネット用 : \(internetURL)
            ・ 回線認証用 : \(lineURL)

            ■ Active Directoryアカウントのログイン設定に必要な接続ID
            ・ Active Directoryの接続ID : \(connectionID)
            \(service)へログイン時に、
            接続IDの入力画面が表示された場合、上記の接続IDを入力してください。

            """)
    }

    /// §2-2 メールアドレス変更登録 (EM-1, EM-2).
    public func emailChange(name: String, link: String) -> Mail {
        Mail(subject: subject("メールアドレス変更登録"), body: greeting(name) + """
            下記URLへアクセスし、ご登録いただきましたメールアドレスへの変更を完了してください。

            \(link)

            本メール受領後、14日間以内にアクセスが完了しない場合は
            変更処理がキャンセルとなりますのでご注意ください。

            """)
    }

    /// §2-2 ログイン方法の設定変更 (EM-2, EM-5), with the manual's paragraph about signing
    /// out of the provider first and its 「…ログイン方法の設定変更が完了しない場合は」
    /// (issue 20 item 21). The manual's truncated 「進めるこを推奨しま」 is written whole.
    public func loginMethodChange(name: String, link: String) -> Mail {
        Mail(subject: subject("ログイン方法の設定変更"), body: greeting(name) + """
            下記URLへアクセスし、ログイン方法の設定変更を完了してください。

            \(link)

            ログイン方法に認証連携しているサービスアカウントを設定する場合は、
            当該サービスのアカウントからログアウトした後に、本メールに記載のリンク
            にアクセスし、\(service)のログイン設定を進めることを推奨します。
            ※お客様が意図しない認証連携サービスのアカウントに
            紐づいてしまうことを防ぐため

            本メール受領後、14日間以内にログイン方法の設定変更が完了しない場合は
            変更処理がキャンセルとなりますのでご注意ください。

            """)
    }

    /// メールアドレス変更の確認 (EM-2, issue 19 finding 7): an administrator's change of a
    /// registered person's address, mailed to the CURRENT address; the e-mail-change link
    /// goes to the new address only once this link is opened and the change approved.
    public func emailChangeApproval(name: String, newAddress: String, link: String) -> Mail {
        Mail(subject: subject("メールアドレス変更の確認"), body: greeting(name) + """
            管理者から、ご登録のメールアドレスを下記のメールアドレスへ変更する依頼がありました。

            変更後のメールアドレス : \(newAddress)

            変更を承認される場合は、下記URLへアクセスしてください。
            承認後、変更後のメールアドレス宛にメールアドレス変更登録メールが送信されます。

            \(link)

            お心当たりがない場合は、このメールを破棄し、契約者へご連絡ください。
            メールアドレスは変更されません。

            本メール受領後、14日間以内にアクセスが完了しない場合は
            変更処理がキャンセルとなりますのでご注意ください。

            ----
            An administrator asked to change your registered e-mail address to \(newAddress).
            To approve, open the link above: the e-mail change link is then sent to the new
            address. If you did not ask for this, ignore this e-mail and tell the contractor;
            your address stays as it is. The link is valid for 14 days.

            """)
    }

    /// メールアドレス変更受付のお知らせ (EM-2, issue 19 finding 7): the contractor changed a
    /// registered person's address in the 管理コンソール; the CURRENT address is told. No link.
    public func emailChangeRequested(name: String, newAddress: String) -> Mail {
        Mail(subject: subject("メールアドレス変更受付のお知らせ"), body: greeting(name) + """
            契約者により、ご登録のメールアドレスを下記のメールアドレスへ変更する手続きが行われました。

            変更後のメールアドレス : \(newAddress)

            変更後のメールアドレス宛に送信されたURLへアクセスすると、変更が完了します。
            お心当たりがない場合は、契約者へご連絡ください。

            ----
            The contractor started changing your registered e-mail address to \(newAddress).
            The change is complete once the link sent to the new address is opened. If you did
            not ask for this, please contact the contractor.

            """)
    }
}
