import Foundation
import XCTest

/// Issue 20 item 26: the screens say what the manual says, word for word, except where a
/// terminal needs other words (each listed in `screens/README.md`).
///
/// It reads the storyboard's captures (`screens/*.txt`, which `StoryboardTests` and the other
/// capture tests keep equal to the rendering), unwraps their lines, and checks that
/// - no Japanese screen says 「クリック」: a terminal has no mouse, and the manual's 「…をクリック」
///   reads 「…を押してください」 / 「…を押します」;
/// - each listed sentence of the manual stands verbatim on its screen (items 24–26).
final class ManualWordingTests: XCTestCase {
    /// The manual's sentences (adapted only as `screens/README.md` says) and the capture they
    /// must stand on, whole.
    static let manualSentences: [(capture: String, sentences: [String])] = [
        // §1-1 (2), issue 20 item 24
        ("1-1-2fa-sms-phone", [
            "Authenticatorをご利用ではない方は「SMS（ショートメッセージ）」のご利用を推奨します。",
            "すでにGoogle Authenticatorまたは、Microsoft Authenticatorをご利用の方は「Authenticator」をご利用いただくことを推奨します",
            "SMSが受信できる携帯電話、スマートフォンの電話番号を入力し「>」ボタンを押してください。",
            "入力された電話番号宛に、ショートメッセージが送信されます。",
            "QRコードでの認証はこちら",
        ]),
        ("1-1-2fa-sms-phone-notes", [
            "・2段階認証の登録をリセットしたい場合は、",
            "・契約者が「2段階認証を無効にする」と設定していると、2段階認証が要求されません。",
            "・国際SMSや海外事業者からのSMSの受信拒否する設定",
            "・特定の番号のみ許可する設定",
        ]),
        // §5 参考 ①④ and §5-2's table, issue 20 item 24
        ("5-2-2fa-recovery-entry", [
            "リカバリーコードを入力し、「>」を押してください。",
            "※コピーした状態（半角スペースや「-」が含まれている値）のまま入力してください。",
            "※リカバリーコードを紛失した場合は、",
            "2段階認証のリセットを実施してください。",
            "・リセットパスワード",
            "「パスワードを忘れた方はこちら」",
            "・ログイン方法の設定",
            "認証・契約情報変更メニュー",
        ]),
        // §4-2, issue 20 item 25
        ("4-2-lines", [
            "※ご契約内のユーザすべての設定が変更されます。",
            "回線認証及びインターネット接続の両方でサービスを利用する場合",
            "※初期設定",
            "指定した回線環境のみから本サービスをご利用する場合",
            "ご契約のNTT東日本・NTT西日本のフレッツ光回線※の回線番号（CAFで始まる英数13桁の番号またはCOPで始まる英数11桁の番号）",
            "※光コラボレーション事業者様が提供する「光アクセスサービス」を含む",
        ]),
        ("4-2-lines-notes", [
            "・アクセス経路を「回線認証のみ」に設定し、誤った回線番号を登録してしまったことでログインできなくなった場合は、下記の通り対応してください。",
            "①契約者様が「認証・契約情報変更メニュー」にログイン",
            "②「アクセス経路設定」から「回線認証+インターネット」に変更",
            "③インターネットでアクセスできるようになるため、",
            "正しい回線番号を登録",
        ]),
        ("4-1-access-route-done", [
            "①契約者様が「認証・契約情報変更メニュー」にログイン",
            "②「アクセス経路設定」から「回線認証+インターネット」に変更",
            "管理コンソールの「回線認証」で正しい回線番号を登録",
        ]),
        // §1-4 参考, issue 20 item 26
        ("1-4-line-notice", ["「通知する」を選択し、「決定」ボタンを押してください。"]),
        ("1-4-line-auth-error", [
            "契約者様または管理者権限を持つ利用者様に、下記をご確認ください。",
            "・ご利用の回線番号を正しく登録しているか",
        ]),
        // §5-1 (4)(5), issue 20 item 26
        ("5-1-two-step-setting", [
            "2段階認証を有効／無効を選択し、「設定」を押してください。",
            "・本設定は、ログイン方法に「メールアドレス・パスワード」を設定している契約内のすべてのユーザに適用されます。",
            "・2段階認証を無効にする場合、第三者による不正ログインのリスクが高まります。2段階認証を無効にする設定の前に、社内の情報セキュリティ責任者等にご相談のうえ、設定してください。",
        ]),
        ("5-1-two-step-confirm", [
            "画面内の説明文をご確認のうえ、「上記の説明を確認しました。」にチェックをし、「設定」を押してください。",
            "2段階認証を無効にする場合、第三者による不正ログインのリスクが高まります。2段階認証を無効にする設定の前に、情報セキュリティ責任者、ネットワーク責任者、セキュリティ責任者等にご相談のうえ、設定してください。",
        ]),
        // §4-1 (4)(5)
        ("4-1-access-route", [
            "変更する通信経路を選択し、「設定」を押してください。",
            "※ご契約内のユーザすべての設定が変更されます。",
            "※指定したい回線以外からの本サービスへのアクセスはすべて拒否されます。",
        ]),
        ("4-1-access-route-confirm", ["変更内容を確認し、「変更」を押してください。"]),
        // §2-1 ②, §6-2 (1)
        ("2-1-email-change", [
            "変更するメールアドレスと確認用のメールアドレスを入力し、「メール送信」を押してください。",
        ]),
        ("6-2-forgot-password", ["「送信」を押してください。"]),
        // §2-1 (3)(4)
        ("2-2-email-confirmed", ["「閉じる」を押すと、ログイン画面が表示されます。"]),
        ("2-2-email-confirm-password", [
            "「登録」を押すと、ログイン画面が表示されます。",
            "※この手順を実施後、2段階認証の登録がリセットされます。次回ログイン時に、2段階認証を再登録してください。",
        ]),
        // §1-1 (1)(2), §5 参考 ③
        ("1-1-2fa-authenticator", [
            "Google Authenticator、またはMicrosoft Authenticatorを起動し、QRコードを読み込みます。表示された、6桁のパスコードを入力し、「>」を押してください。",
        ]),
        ("1-1-2fa-recovery-code", [
            "リカバリーコードが表示されます。携帯電話を紛失した場合など登録する電話番号を変更する際に必要となりますので、忘れないようにテキストファイル等に保存します。",
        ]),
        ("1-1-2fa-done", ["「ログインする」を押すと本サービスのメイン画面が表示されます。"]),
        ("1-1-2fa-authenticator-code", ["デバイスを紛失した場合はこちら"]),
        // §6-2 リセットパスワード
        ("6-2-reset-password", ["パスワードは英大文字、英小文字、数字、記号から3種類以上を含め8文字以上で設定してください"]),
    ]

    /// Texts of the manual's own references that name no screen of this program (issue 20
    /// items 24, 25): none may stand on a screen.
    static let foreignReferences = [
        "クリック", "契約者情報変更メニュー」", "プラン変更および通信経路設定", "認証・契約者情報変更メニュー",
        "本マニュアル", "利用マニュアル「", "「1.4.", "「4.回線認証設定」", "「5. 1.", "「5. 2.",
    ]

    static func captures() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: StoryboardTests.screensDir.path)
            .filter { $0.hasSuffix(".txt") && !$0.hasSuffix(".en.txt") }
            .sorted()
        return try names.map { name in
            let text = try String(contentsOf: StoryboardTests.screensDir.appendingPathComponent(name), encoding: .utf8)
            return (String(name.dropLast(4)), unwrapped(text))
        }
    }

    /// A capture's text as one line: the scroll marks (^, v) at the right edge left out, and
    /// every space gone, so a sentence wrapped anywhere (a word, or between two kanji) is found.
    /// A mark stands in the column after the text's last one: after a space, or right after a
    /// full-width character that fills the width (「…パスワードを忘v」).
    static func unwrapped(_ capture: String) -> String {
        capture.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = line.trimmingCharacters(in: .whitespaces)
            if let last = s.last, last == "v" || last == "^" {
                let before = s.dropLast().last
                if before == nil || before == " " || !(before?.isASCII ?? true) { s = String(s.dropLast()) }
            }
            return s.filter { !$0.isWhitespace }
        }.joined()
    }

    func testIssue20Item26_noScreenNamesAClickOrTheManualsOwnReferences() throws {
        let all = try Self.captures()
        XCTAssertGreaterThan(all.count, 100, "the storyboard's captures")
        for (name, text) in all {
            for word in Self.foreignReferences where text.contains(word.filter { !$0.isWhitespace }) {
                XCTFail("screens/\(name).txt says 「\(word)」")
            }
        }
    }

    func testIssue20Item26_theManualsSentencesStandVerbatim() throws {
        let all = Dictionary(try Self.captures().map { ($0.name, $0.text) }, uniquingKeysWith: { a, _ in a })
        for (capture, sentences) in Self.manualSentences {
            guard let text = all[capture] else {
                XCTFail("no capture screens/\(capture).txt")
                continue
            }
            for sentence in sentences where !text.contains(sentence.filter { !$0.isWhitespace }) {
                XCTFail("screens/\(capture).txt lacks the manual's 「\(sentence)」")
            }
        }
    }
}
