import XCTest
@testable import MonbanCore

/// The mails' text against the manual, word for word (TK-3).
final class MailTextTests: XCTestCase {
    let templates = MailTemplates(service: "おまかせクラウドストレージ")

    /// §2-2 ① ログイン方法の設定変更 (EM-2, EM-5, issue 20 item 21): the paragraph about
    /// signing out of the provider first, and 「…ログイン方法の設定変更が完了しない場合は」.
    func testEM5_loginMethodChangeMailSaysToSignOutOfTheProviderFirst() {
        let mail = templates.loginMethodChange(name: "門番 太郎", link: "https://login.monban.example/lo/method?ticket=t")
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】ログイン方法の設定変更")
        XCTAssertEqual(mail.body, """
            門番 太郎 様

            平素より、おまかせクラウドストレージをご利用いただき誠にありがとうございます。
            下記URLへアクセスし、ログイン方法の設定変更を完了してください。

            https://login.monban.example/lo/method?ticket=t

            ログイン方法に認証連携しているサービスアカウントを設定する場合は、
            当該サービスのアカウントからログアウトした後に、本メールに記載のリンク
            にアクセスし、おまかせクラウドストレージのログイン設定を進めることを推奨します。
            ※お客様が意図しない認証連携サービスのアカウントに
            紐づいてしまうことを防ぐため

            本メール受領後、14日間以内にログイン方法の設定変更が完了しない場合は
            変更処理がキャンセルとなりますのでご注意ください。

            """)
    }
}
