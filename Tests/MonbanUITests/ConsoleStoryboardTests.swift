import Foundation
import MonbanCore
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// The 管理コンソール (manual §1-5, §2-2, §4-2) and line-authenticated sign-in
/// (§1-4), each screen state captured at 80×24 and reached by keys (US-1, EM-2,
/// LA-2, LA-3, LG-6, LG-7).
final class ConsoleStoryboardTests: XCTestCase {
    func capture(_ name: String, _ canvas: Canvas, file: StaticString = #filePath, line: UInt = #line) {
        StoryboardTests.capture(name, canvas, file: file, line: line)
    }


    /// Signs the contractor in and opens the 管理コンソール from the メイン画面.
    func openConsole(_ f: UIFixture) {
        f.signIn()
        f.choose(.console)
        guard case .console(.home) = f.app.screen.route else { return XCTFail(f.text) }
    }

    var contractorID: Int64 = 0

    func seedPeople(_ f: UIFixture) throws {
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        contractorID = contractor.id
        let names = ["山田 太郎", "山田 花子", "鈴木 一郎", "佐藤 次郎", "田中 美咲", "高橋 翔", "伊藤 陽菜", "渡辺 蓮"]
        for i in 0..<30 {
            try f.engine.addPerson(to: contractor.contractID, email: String(format: "user%02d@example.com", i),
                                   name: names[i % names.count], role: i % 10 == 0 ? .administrator : .user,
                                   password: UIFixture.password)
        }
    }

    // US-1: the console, the list, searching as you type, pages.
    func testUS1_consoleAndUserList() throws {
        let f = try UIFixture()
        try seedPeople(f)
        openConsole(f)
        capture("console-home", f.render())
        f.press(.enter)  // ユーザ
        capture("console-users", f.render())
        guard case .console(.users(_, let view)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(view.page.total, 31)
        XCTAssertEqual(view.page.rows.count, 12, "as many rows as fit 80×24")
        f.press(.pageDown)
        capture("console-users-page-2", f.render())
        f.type("山田")
        capture("console-users-search", f.render())
        guard case .console(.users(_, let found)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(found.page.total, 8, "山田 太郎 and 山田 花子, four each")
        XCTAssertTrue(found.page.rows.allSatisfy { $0.name.hasPrefix("山田") })
        f.type("花")
        guard case .console(.users(_, let narrowed)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(narrowed.page.total, 4, "narrows with each character")
        f.press(.backspace, .backspace, .backspace)
        guard case .console(.users(_, let all)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(all.page.total, 31)
    }

    // US-1: the detail of a locked user, unlocked; a registered second step reset.
    func testUS1_userDetailUnlockAndReset() throws {
        let f = try UIFixture()
        try seedPeople(f)
        for i in 1...10 {
            _ = try? f.engine.signIn(email: "user01@example.com", password: "Wrong-\(i)!", context: .operatorCommand)
        }
        openConsole(f)
        f.press(.enter)
        f.type("user01")
        XCTAssertTrue(f.text.contains("1件（登録順）"), f.text)
        f.app.language = .en
        XCTAssertTrue(f.text.contains("1 user (in order of registration)"), "not \"1 users\":\n\(f.text)")
        f.app.language = .ja
        f.press(.tab, .enter)  // the row → ユーザ詳細
        capture("console-user-locked", f.render())
        // Issue 20 item 9: the detail opens with the focus on no action on the account, and
        // the action asks first; キャンセル (or Esc) changes nothing.
        XCTAssertEqual(f.app.screen.form.focus, .email, "not on ロック解除")
        f.press(.enter)
        guard case .console(.emailChange) = f.app.screen.route else { return XCTFail(f.text) }
        f.press(.escape)
        f.choose(.unlock)
        capture("console-user-unlock-confirm", f.render())
        guard case .console(.confirmAction) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(try f.engine.person(email: "user01@example.com")?.isLocked, true, "nothing done before the answer")
        f.press(.escape)
        guard case .console(.user) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(try f.engine.person(email: "user01@example.com")?.isLocked, true)
        f.choose(.unlock)
        f.press(.enter)  // the confirmation's ロック解除
        capture("console-user-unlocked", f.render())
        XCTAssertEqual(try f.engine.person(email: "user01@example.com")?.isLocked, false)
        f.press(.escape)
        guard case .console(.users(_, let view)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(view.page.rows.first?.locked, false, "the list follows the change")
    }

    // EM-2: メールアドレス変更 (送信): unchanged → ログイン方法の設定変更; new → メールアドレス変更登録.
    func testEM2_emailChangeFromTheConsole() throws {
        let f = try UIFixture()
        try seedPeople(f)
        openConsole(f)
        f.press(.enter)
        f.type("user02")
        f.press(.tab, .enter)
        f.choose(.email)
        capture("console-email-change", f.render())
        f.press(.enter)  // 送信 with the address unchanged
        capture("console-email-change-sent-method", f.render())
        XCTAssertEqual(try f.engine.inbox(to: "user02@example.com").last?.subject,
                       "【おまかせクラウドストレージ】ログイン方法の設定変更")
        f.press(.enter)  // OK → the detail
        f.choose(.email)
        f.press(.control("u"))
        f.type("shinki@example.com")
        f.press(.enter)
        capture("console-email-change-sent-address", f.render())
        XCTAssertEqual(try f.engine.inbox(to: "shinki@example.com").last?.subject,
                       "【おまかせクラウドストレージ】メールアドレス変更登録")
    }

    // Issue 19 finding 7 (ASVS 7.5.3): past the window since the sign-in, an action on another
    // account asks the password again, then goes on with the action.
    func testFinding7_thePasswordAgainBeforeActingOnAnotherAccount() throws {
        let f = try UIFixture()
        try seedPeople(f)
        for i in 1...10 {
            _ = try? f.engine.signIn(email: "user01@example.com", password: "Wrong-\(i)!", context: .operatorCommand)
        }
        openConsole(f)
        f.clock.advance(ConsolePolicy.stepUpWindow + 1)
        f.press(.enter)
        f.type("user01")
        f.press(.tab, .enter)
        f.choose(.unlock)
        f.choose(.confirm)
        capture("console-step-up", f.render())
        guard case .console(.stepUp) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(try f.engine.person(email: "user01@example.com")?.isLocked, true, "nothing done before the password")
        f.type("Chigau-2026!")
        f.press(.enter)
        guard case .console(.stepUp) = f.app.screen.route else { return XCTFail(f.text) }
        f.type(UIFixture.password)
        f.press(.enter)
        while !f.app.pending.isEmpty { _ = f.app.performWork() }  // the action after the prompt, as the runner does
        guard case .console(.user) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(try f.engine.person(email: "user01@example.com")?.isLocked, false)
        XCTAssertTrue(f.text.contains(Texts.userUnlocked(.ja)), f.text)
    }

    // Issue 19 finding 7: an administrator's change of a registered user's address waits for
    // the user's approval from the current address; another administrator offers no action.
    func testFinding7_anAdministratorsEmailChangeAsksTheCurrentAddress() throws {
        let f = try UIFixture()
        try seedPeople(f)
        f.type("user00@example.com")  // an administrator
        f.press(.tab)
        f.type(UIFixture.password)
        f.press(.enter)
        f.choose(.console)
        f.press(.enter)
        f.type("user10")  // another administrator
        f.press(.tab, .enter)
        guard case .console(.user) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertFalse(f.text.contains(Texts.consoleEmailTitle(.ja)), "an action on another administrator:\n\(f.text)")
        f.press(.escape, .escape)
        f.choose(.users)
        f.type("user02")
        f.press(.tab, .enter)
        f.choose(.email)
        f.press(.control("u"))
        f.type("shinki@example.com")
        f.press(.enter)
        capture("console-email-change-sent-approval", f.render())
        XCTAssertTrue(try f.engine.outbox(to: "shinki@example.com").isEmpty)
        XCTAssertEqual(try f.engine.outbox(to: "user02@example.com").last?.subject,
                       "【おまかせクラウドストレージ】メールアドレス変更の確認")
        // The user approves from the current address.
        f.open(try f.mailedLink("/lo/email-approve"))
        capture("2-2-email-change-approved", f.render())
        XCTAssertEqual(try f.engine.outbox(to: "shinki@example.com").last?.subject,
                       "【おまかせクラウドストレージ】メールアドレス変更登録")
        f.press(.enter)  // 閉じる
        guard case .login(.entry) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // US-1: 利用者登録.
    func testUS1_invite() throws {
        let f = try UIFixture()
        openConsole(f)
        f.choose(.invite)
        capture("console-invite", f.render())
        f.type("新人 四郎")
        f.press(.tab)
        f.type("shinjin@example.com")
        f.press(.tab, .tab, .space)  // 利用者 → 管理者権限を持つユーザ
        f.choose(.register)
        capture("console-invited", f.render())
        XCTAssertEqual(try f.engine.person(email: "shinjin@example.com")?.role, .administrator)
        XCTAssertEqual(try f.engine.inbox(to: "shinjin@example.com").last?.subject,
                       "【おまかせクラウドストレージ】利用者登録のご案内")
    }

    // LA-2, LA-3: the line-number editor: a paste marked line by line, 保存 refused, fixed, saved.
    func testLA2_lineNumberEditor() throws {
        let f = try UIFixture()
        openConsole(f)
        f.choose(.lines)
        capture("4-2-lines", f.render())
        f.press(.tab, .tab)  // route → editor
        XCTAssertEqual(f.app.screen.form.focus, Screen.linesEditor)
        f.press(.paste("caf0123456789\nCOP12345678 west\nCAF0123456789\nCAF12\n  cop00000001  \n"))
        capture("4-2-lines-marked", f.render())
        f.choose(.save)
        capture("4-2-lines-refused", f.render())
        XCTAssertEqual(try f.engine.lineSettings(by: 1).entries, [], "nothing invalid reaches the store")
        // Fix by keyboard: back to the editor, to line 3 (the duplicate), delete it, then the bad line.
        f.press(.backTab)
        XCTAssertEqual(f.app.screen.form.focus, Screen.linesEditor)
        f.press(.pageUp, .down, .down, .control("k"), .control("k"))
        f.choose(.save)
        capture("4-2-lines-saved", f.render())
        XCTAssertEqual(try f.engine.lineSettings(by: 1).entries.map(\.text), ["CAF0123456789", "COP12345678 west", "COP00000001"])
        // Leaving with unsaved changes asks first.
        f.press(.backTab, .character("x"), .escape)
        capture("4-2-lines-leave", f.render())
        f.press(.enter)  // 編集に戻る
        guard case .console(.lines) = f.app.screen.route else { return XCTFail(f.text) }
    }

    // LG-6: 回線認証エラー; LG-7: 回線情報通知設定 on the first sign-in from a West-Japan line.
    func testLG6_LG7_lineAuthenticatedSignIn() throws {
        let f = try UIFixture(twoStep: true)
        let contractor = try XCTUnwrap(f.engine.person(email: UIFixture.email))
        f.restart(line: "CAF0123456789")
        f.signIn()
        capture("1-4-line-auth-error", f.render())
        guard case .main(.lineAuthError) = f.app.screen.route else { return XCTFail(f.text) }
        try f.engine.saveLineSettings(by: contractor.id, route: .lineAndInternet, lines: ["CAF0123456789 west"],
                                      context: .operatorCommand)
        f.restart(line: "CAF0123456789")
        f.signIn()
        capture("1-4-line-notice", f.render())
        guard case .main(.lineNotice) = f.app.screen.route else { return XCTFail("no 2FA screen through line authentication") }
        f.press(.enter)  // 決定 (通知する)
        guard case .main(.top) = f.app.screen.route else { return XCTFail(f.text) }
        f.restart(line: "CAF0123456789")
        f.signIn()
        guard case .main(.top) = f.app.screen.route else { return XCTFail("asked once per line:\n\(f.text)") }
    }

    /// Lets the client tick until the 操作ログ's chain check is over.
    func checkChain(_ f: UIFixture) {
        for _ in 0..<1000 {
            guard case .console(.auditLog(_, let v)) = f.app.screen.route, v.chain.result == nil else { return }
            _ = f.app.tick()
        }
    }

    // AU-1: 操作ログ: newest first, filtered as you type, an entry whole; a broken chain is reported.
    func testAU1_auditLog() throws {
        let f = try UIFixture()
        try seedPeople(f)
        for i in 1...3 {
            _ = try? f.engine.signIn(email: "user05@example.com", password: "Wrong-\(i)!", context: .operatorCommand)
        }
        openConsole(f)
        f.choose(.audit)
        XCTAssertNotNil(f.app.tickInterval, "the chain check runs between keys")
        checkChain(f)
        capture("console-audit-log", f.render())
        guard case .console(.auditLog(_, let view)) = f.app.screen.route else { return XCTFail(f.text) }
        guard case .intact = view.chain.result else { return XCTFail("the chain is checked on opening") }
        XCTAssertNil(f.app.tickInterval)
        f.press(.tab)
        f.type("失敗")  // 操作: ログイン失敗
        capture("console-audit-log-filtered", f.render())
        guard case .console(.auditLog(_, let filtered)) = f.app.screen.route else { return XCTFail(f.text) }
        XCTAssertEqual(filtered.page.rows.count, 3)
        XCTAssertTrue(filtered.page.rows.allSatisfy { $0.event == "sign_in.failed" && $0.personEmail == "user05@example.com" })
        f.press(.tab, .tab, .tab, .enter)  // from, to, the first row
        capture("console-audit-entry", f.render())
        XCTAssertFalse(f.text.contains("Wrong-"), "no password in the log")

        // Someone edits an entry in the file: the screen says so, as `monban audit --verify` does.
        try f.engine.database.queue.write { db in
            try db.execute(sql: "UPDATE audit SET detail = 'nothing happened' WHERE id = 5")
        }
        f.press(.escape, .escape)
        f.choose(.audit)
        checkChain(f)
        capture("console-audit-log-broken", f.render())
        guard case .console(.auditLog(_, let broken)) = f.app.screen.route, case .broken(5, _) = broken.chain.result else {
            return XCTFail(f.text)
        }
    }
}
