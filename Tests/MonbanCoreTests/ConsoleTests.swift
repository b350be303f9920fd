import Foundation
import GRDB
import XCTest
@testable import MonbanCore
@testable import MonbanStore

/// The 管理コンソール's rules on the engine (US-1, EM-2, LA-2, LG-6, LG-7).
final class ConsoleTests: XCTestCase {
    var f: Fixture!
    var contract: CreatedContract!
    override func setUpWithError() throws {
        f = try Fixture()
        contract = try f.contract()
    }

    var contractorID: Int64 { contract.contractor.id }

    func add(_ email: String, _ name: String = "", role: Role = .user) throws -> Person {
        try f.engine.addPerson(to: contract.contract.id, email: email, name: name, role: role, password: Fixture.password)
    }

    // MARK: LA-2 line numbers

    func testLA2_lineNumberFormat() {
        XCTAssertEqual(LineNumber("CAF0123456789")?.value, "CAF0123456789")
        XCTAssertEqual(LineNumber("  caf01234abcde ")?.value, "CAF01234ABCDE", "lower case stored upper case, spaces trimmed")
        XCTAssertEqual(LineNumber("COP1234567a")?.value, "COP1234567A")
        // Issue 20 item 13: spaces inside are ignored too, as the screen says.
        XCTAssertEqual(LineNumber("CAF 0000 000 003")?.value, "CAF0000000003")
        XCTAssertEqual(LineNumber("cop 1234\u{3000}567a")?.value, "COP1234567A")
        for bad in ["", "CAF", "CAF012345678", "CAF01234567890", "COP1234567", "COP123456789", "CAB0123456789",
                    "CAF01234-6789", "CAF０１２３４５６７８９", "CAF012345678\u{7}", "0123456789CAF"] {
            XCTAssertNil(LineNumber(bad), bad)
        }
    }

    func testLA2_eachBadLineHasItsReason() {
        let lines = ["CAF0123456789", "", "caf0123456789", "COP12345678 west", "CAF123", "COP12345679 nowhere",
                     "  COP12345670  東 ", "CAF0000000001 west extra"]
        let (problems, entries) = LineList.check(lines)
        XCTAssertEqual(problems, [2: .duplicate(ofLine: 1), 4: .format, 5: .format, 7: .format])
        XCTAssertEqual(entries.map(\.text), ["CAF0123456789", "COP12345678 west", "COP12345670"])
    }

    /// Issue 20 item 13 (LA-2): a number with spaces inside, with or without an area after it.
    func testLA2_spacesInsideANumberAreIgnored() {
        let (problems, entries) = LineList.check(["CAF 0000 000 003", "CAF 0000 000 004 west", "COP 1234 5678 東",
                                                  "CAF 0000 000 005 somewhere"])
        XCTAssertEqual(problems, [3: .format])
        XCTAssertEqual(entries.map(\.text), ["CAF0000000003", "CAF0000000004 west", "COP12345678"])
    }

    func testLA2_theHundredAndFirstLineAndAfterAreOverTheLimit() {
        let lines = (0..<103).map { String(format: "CAF%010d", $0) }
        let (problems, entries) = LineList.check(lines)
        XCTAssertEqual(entries.count, 100)
        XCTAssertEqual(problems, [100: .overLimit, 101: .overLimit, 102: .overLimit])
    }

    func testLA2_savingRefusesAnyBadLineAndChangesNothing() throws {
        try f.engine.saveLineSettings(by: contractorID, route: .lineAndInternet, lines: ["CAF0123456789"], context: f.here)
        XCTAssertThrowsEngineError(
            try f.engine.saveLineSettings(by: contractorID, route: .lineOnly, lines: ["CAF1111111111", "bad"], context: f.here),
            .invalidLines(count: 1))
        let saved = try f.engine.lineSettings(by: contractorID)
        XCTAssertEqual(saved.entries.map(\.number.value), ["CAF0123456789"])
        XCTAssertEqual(saved.route, .lineAndInternet)
    }

    func testLA2_savesNormalisedNumbersInOrderAndTheRoute() throws {
        let admin = try add("kanri@example.com", role: .administrator)
        let saved = try f.engine.saveLineSettings(
            by: admin.id, route: .lineOnly, lines: ["  cop12345678 ", "", "CAF0123456789\tW"], context: f.here)
        XCTAssertEqual(saved.entries.map(\.text), ["COP12345678", "CAF0123456789 west"])
        XCTAssertEqual(saved.route, .lineOnly)
        XCTAssertEqual(try f.engine.contract(id: contract.contract.id)?.accessRoute, .lineOnly)
        let events = try f.auditEvents()
        XCTAssertTrue(events.contains(AuditEvent.linesSaved.rawValue))
        XCTAssertTrue(events.contains(AuditEvent.accessRouteChanged.rawValue))
        // The whole list is replaced.
        try f.engine.saveLineSettings(by: admin.id, route: .lineOnly, lines: ["CAF9999999999"], context: f.here)
        XCTAssertEqual(try f.engine.lineSettings(by: admin.id).entries.map(\.text), ["CAF9999999999"])
    }

    func testLA2_onlyTheContractorAndAdministrators() throws {
        let user = try add("riyou@example.com")
        XCTAssertThrowsEngineError(try f.engine.lineSettings(by: user.id), .notPermitted)
        XCTAssertThrowsEngineError(
            try f.engine.saveLineSettings(by: user.id, route: .lineOnly, lines: [], context: f.here), .notPermitted)
    }

    // MARK: LG-6, LG-7 line-authenticated sign-in

    func line(_ number: String) -> AccessContext {
        AccessContext(terminal: "line-terminal", line: number, entrance: .lineAuthentication)
    }

    func testLG6_notSetUpOrNotRegisteredIsRefused() throws {
        let c = try f.contract("two@example.com", twoStep: true)
        XCTAssertThrowsEngineError(
            try f.engine.signIn(email: "two@example.com", password: Fixture.password, context: line("CAF0123456789")),
            .lineAuthenticationFailed)
        try f.engine.saveLineSettings(by: c.contractor.id, route: .lineAndInternet, lines: ["CAF0123456789"], context: f.here)
        XCTAssertThrowsEngineError(
            try f.engine.signIn(email: "two@example.com", password: Fixture.password, context: line("CAF9999999999")),
            .lineAuthenticationFailed)
        XCTAssertTrue(try f.auditEvents().contains(AuditEvent.signInFailed.rawValue))
    }

    func testLG6_aRegisteredLineSignsInWithoutTheSecondStep() throws {
        let c = try f.contract("two@example.com", twoStep: true)
        try f.engine.saveLineSettings(by: c.contractor.id, route: .lineOnly, lines: ["caf0123456789"], context: f.here)
        let result = try f.engine.signIn(email: "two@example.com", password: Fixture.password, context: line("CAF0123456789"))
        XCTAssertNotNil(result.signedIn, "no 2FA through line authentication (LG-3, LG-6)")
        // The same person on the internet: refused under 回線認証のみ (LA-1)…
        XCTAssertThrowsEngineError(
            try f.engine.signIn(email: "two@example.com", password: Fixture.password, context: f.here), .lineOnlyRoute)
        // …and the settings entrance on a line terminal asks for the second step (it does not check the line).
        let settings = try f.engine.signIn(email: "two@example.com", password: Fixture.password, purpose: .settings,
                                           context: line("CAF9999999999"))
        XCTAssertNil(settings.signedIn)
    }

    func testLG7_theFirstSignInFromAWestLineAsksOnce() throws {
        try f.engine.saveLineSettings(by: contractorID, route: .lineAndInternet,
                                      lines: ["CAF0123456789 west", "CAF1111111111"], context: f.here)
        let first = try XCTUnwrap(f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password,
                                                  context: line("CAF0123456789")).signedIn)
        XCTAssertEqual(first.lineNotice?.value, "CAF0123456789")
        try f.engine.setLineNotice(by: contractorID, line: try XCTUnwrap(first.lineNotice), notify: true, context: f.here)
        let again = try XCTUnwrap(f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password,
                                                  context: line("CAF0123456789")).signedIn)
        XCTAssertNil(again.lineNotice, "once per line")
        let east = try XCTUnwrap(f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password,
                                                 context: line("CAF1111111111")).signedIn)
        XCTAssertNil(east.lineNotice, "East-Japan lines are not asked")
        XCTAssertTrue(try f.auditEvents().contains(AuditEvent.lineNoticeSet.rawValue))
    }

    // MARK: US-1 the user list

    func testUS1_searchByNameOrAddressAsTyped() throws {
        _ = try add("yamada.taro@example.com", "山田 太郎")
        _ = try add("suzuki@example.com", "鈴木 花子")
        _ = try add("Tanaka@Example.com", "田中 一郎", role: .administrator)
        func emails(_ q: String) throws -> [String] { try f.engine.users(by: contractorID, matching: q).rows.map(\.email) }
        XCTAssertEqual(try emails("山田"), ["yamada.taro@example.com"])
        XCTAssertEqual(try emails("山田太郎"), ["yamada.taro@example.com"], "spaces do not matter")
        XCTAssertEqual(try emails("ＴＡＮＡＫＡ"), ["Tanaka@example.com"], "full-width and case do not matter")
        XCTAssertEqual(try emails("花"), ["suzuki@example.com"])
        XCTAssertEqual(try emails("zz"), [])
        XCTAssertEqual(try emails("").count, 4, "the contractor and three")
        XCTAssertEqual(try f.engine.users(by: contractorID).total, 4)
        XCTAssertEqual(try emails("example"), ["keiyaku@example.com", "yamada.taro@example.com", "suzuki@example.com",
                                               "Tanaka@example.com"], "registration order")
        XCTAssertEqual(try emails("a.ta"), ["yamada.taro@example.com"], "a substring across the dot")
        XCTAssertEqual(try emails("ta"), ["yamada.taro@example.com", "Tanaka@example.com"])
        XCTAssertEqual(try emails("mplesu"), [], "no match across the address and the name")
    }

    // US-1 with issue 21 item 7: the list's number of people is each contract's own, kept
    // as people are added by every way in (contract, invitation, import, operator), not counted.
    func testUS1_theListCountsEachContractsPeopleAddedEveryWay() throws {
        let other = try f.contract("other@example.com")
        XCTAssertEqual(try f.engine.users(by: contractorID).total, 1)
        _ = try add("a@example.com")
        _ = try f.engine.invitePerson(by: contractorID, email: "b@example.com", role: .user, context: f.here)
        try f.engine.importPeople(into: contract.contract.id, [("c@example.com", "", .user), ("d@example.com", "", .user)])
        try f.engine.importPeople(into: other.contract.id, [("e@example.com", "", .user)])
        let page = try f.engine.users(by: contractorID)
        XCTAssertEqual(page.total, 5)
        XCTAssertEqual(page.total, page.rows.count)
        XCTAssertFalse(page.totalIsAtLeast)
        XCTAssertEqual(try f.engine.users(by: other.contractor.id).total, 2)
        // A refused addition (the address is taken) adds no one.
        XCTAssertThrowsError(try add("A@example.com"))
        XCTAssertEqual(try f.engine.users(by: contractorID).total, 5)
    }

    // An import is all or nothing: an address taken, or twice in the batch whatever its case,
    // refuses the whole batch, and no one is added or counted.
    func testUS1_anImportWithATakenOrRepeatedAddressAddsNoOne() throws {
        _ = try add("taken@example.com")
        XCTAssertThrowsEngineError(
            try f.engine.importPeople(into: contract.contract.id, [("new1@example.com", "", .user), ("Taken@example.com", "", .user)]),
            .emailInUse)
        XCTAssertThrowsEngineError(
            try f.engine.importPeople(into: contract.contract.id, [("Twice@example.com", "", .user), ("new2@example.com", "", .user),
                                                                   ("twice@EXAMPLE.com", "", .user)]),
            .emailInUse)
        // A letter beyond ASCII in two cases: one address (PostgreSQL's unique index would
        // otherwise fail the batch with a store error instead).
        XCTAssertThrowsEngineError(
            try f.engine.importPeople(into: contract.contract.id, [("Ärzte@example.com", "", .user), ("ärzte@example.com", "", .user)]),
            .emailInUse)
        let page = try f.engine.users(by: contractorID)
        XCTAssertEqual(page.rows.map(\.email), ["keiyaku@example.com", "taken@example.com"])
        XCTAssertEqual(page.total, 2)
        XCTAssertEqual(try f.engine.importPeople(into: contract.contract.id, [("new1@example.com", "", .user)]), 1)
        XCTAssertEqual(try f.engine.users(by: contractorID).total, 3)
        // Two spellings of é (one scalar; e and a combining accent) are two addresses to both stores.
        XCTAssertEqual(try f.engine.importPeople(into: contract.contract.id,
                                                 [("caf\u{E9}@example.com", "", .user), ("cafe\u{301}@example.com", "", .user)]), 2)
        XCTAssertEqual(try f.engine.users(by: contractorID).total, 5)
    }

    // US-1 with issue 21 item 7, on both stores: one or two characters beyond the Basic
    // Multilingual Plane (𠮷, an emoji) or of several scalars (a letter with a combining mark
    // NFKC cannot compose) are found exactly, as any others are.
    func testUS1_rareCharactersAreFoundByOneOrTwo() throws {
        _ = try add("yoshino@example.com", "𠮷野 太郎")
        _ = try add("kichi@example.com", "吉野 花子")
        _ = try add("emoji@example.com", "😀 笑")
        _ = try add("mark@example.com", "q\u{0307}x")
        func emails(_ q: String) throws -> [String] { try f.engine.users(by: contractorID, matching: q).rows.map(\.email) }
        XCTAssertEqual(try emails("𠮷"), ["yoshino@example.com"])
        XCTAssertEqual(try emails("𠮷野"), ["yoshino@example.com"])
        XCTAssertEqual(try emails("吉"), ["kichi@example.com"])
        XCTAssertEqual(try emails("野"), ["yoshino@example.com", "kichi@example.com"])
        XCTAssertEqual(try emails("😀"), ["emoji@example.com"])
        XCTAssertEqual(try emails("😀笑"), ["emoji@example.com"])
        XCTAssertEqual(try emails("q\u{0307}"), ["mark@example.com"])
        XCTAssertEqual(try emails("q\u{0307}x"), ["mark@example.com"])
        XCTAssertEqual(try f.engine.users(by: contractorID, matching: "𠮷").total, 1)
    }

    func testUS1_onlyTheContractorAndAdministratorsSeeTheList() throws {
        let user = try add("riyou@example.com")
        XCTAssertThrowsEngineError(try f.engine.users(by: user.id), .notPermitted)
        XCTAssertThrowsEngineError(try f.engine.userDetail(by: user.id, personID: contractorID), .notPermitted)
        let other = try f.contract("other@example.com")
        XCTAssertThrowsEngineError(try f.engine.userDetail(by: contractorID, personID: other.contractor.id), .notPermitted)
        XCTAssertEqual(try f.engine.users(by: contractorID, matching: "other").rows, [], "another contract's people")
    }

    /// Seeds `n` people straight into the store (with their search words).
    func seed(_ n: Int, _ email: (Int) -> String, _ name: (Int) -> String) throws {
        try f.engine.store.write { tx in
            for i in 0..<n {
                try tx.insertPerson(NewPerson(
                    contractID: contract.contract.id, email: email(i), name: name(i), role: "user",
                    loginMethod: "email_password", passwordHash: nil, registered: true,
                    createdAt: Date(timeIntervalSince1970: 0)))
            }
        }
    }

    func testUS1_pagesForwardAndBackInRegistrationOrder() throws {
        try seed(45, { String(format: "u%03d@example.com", $0) }, { "利用者\($0)" })
        var page = try f.engine.users(by: contractorID, limit: 20)
        XCTAssertEqual(page.rows.first?.email, "keiyaku@example.com")
        XCTAssertFalse(page.hasPrevious)
        XCTAssertTrue(page.hasNext)
        XCTAssertEqual(page.total, 46)
        var seen = page.rows.map(\.id)
        while page.hasNext, let last = page.rows.last {
            page = try f.engine.users(by: contractorID, page: .after(id: last.id), limit: 20)
            seen += page.rows.map(\.id)
        }
        XCTAssertEqual(seen.count, 46)
        XCTAssertEqual(seen, seen.sorted())
        let back = try f.engine.users(by: contractorID, page: .before(id: try XCTUnwrap(page.rows.first).id), limit: 20)
        XCTAssertEqual(back.rows.map(\.id), Array(seen[20..<40]))
        XCTAssertTrue(back.hasPrevious)
        // The same pages through the search.
        let found = try f.engine.users(by: contractorID, matching: "u0", limit: 20)
        XCTAssertEqual(found.rows.count, 20)
        XCTAssertEqual(found.total, 45)
        let next = try f.engine.users(by: contractorID, matching: "u0", page: .after(id: try XCTUnwrap(found.rows.last).id),
                                      limit: 20)
        XCTAssertEqual(next.rows.first?.email, "u020@example.com")
        let previous = try f.engine.users(by: contractorID, matching: "u0",
                                          page: .before(id: try XCTUnwrap(next.rows.first).id), limit: 20)
        XCTAssertEqual(previous.rows, found.rows)
    }

    func testUS1_aCommonQueryCountsUpToALimit() throws {
        try seed(Engine.userCountLimit + 50, { String(format: "p%05d@corp.example", $0) }, { _ in "社員" })
        let page = try f.engine.users(by: contractorID, matching: "corp", limit: 10)
        XCTAssertEqual(page.rows.map(\.email), (0..<10).map { String(format: "p%05d@corp.example", $0) })
        XCTAssertTrue(page.hasNext)
        XCTAssertEqual(page.total, Engine.userCountLimit)
        XCTAssertTrue(page.totalIsAtLeast)
        let rare = try f.engine.users(by: contractorID, matching: "p01049", limit: 10)
        XCTAssertEqual(rare.rows.map(\.email), ["p01049@corp.example"])
        XCTAssertEqual(rare.total, 1)
        XCTAssertFalse(rare.totalIsAtLeast)
    }

    func testUS1_theIndexFollowsAnAddressChange() throws {
        try f.engine.requestEmailChange(by: contractorID, newEmail: "shinki@example.com", confirmation: "shinki@example.com",
                                        context: f.here)
        let link = try f.lastLink(to: "shinki@example.com", path: "/lo/email")
        try f.engine.confirmEmailChange(link, password: "Atarashii-2026!", confirmation: "Atarashii-2026!", context: f.here)
        XCTAssertEqual(try f.engine.users(by: contractorID, matching: "shinki").rows.map(\.email), ["shinki@example.com"])
        XCTAssertEqual(try f.engine.users(by: contractorID, matching: "keiyaku").rows, [])
    }

    // MARK: US-1 the user's detail and its actions

    func testUS1_detailUnlockAndTwoStepReset() throws {
        let c = try f.contract("two@example.com", twoStep: true)
        let user = try f.engine.addPerson(to: c.contract.id, email: "u@example.com", name: "利用", role: .user,
                                          password: Fixture.password)
        XCTAssertEqual(try f.engine.userDetail(by: c.contractor.id, personID: user.id).twoStep, .notEnrolled)
        for i in 1...10 { _ = try? f.engine.signIn(email: "u@example.com", password: "Wrong-\(i)!", context: f.here) }
        XCTAssertTrue(try f.engine.userDetail(by: c.contractor.id, personID: user.id).person.isLocked)
        let unlocked = try f.engine.unlockUser(by: c.contractor.id, personID: user.id, authenticatedAt: f.clock.now(), context: f.here)
        XCTAssertFalse(unlocked.person.isLocked)
        XCTAssertNil(try f.engine.signIn(email: "u@example.com", password: Fixture.password, context: f.here).signedIn,
                     "unlocked: the right password works (two-step verification follows)")
        let before = unlocked.person.twoFactorGeneration
        let reset = try f.engine.resetTwoStep(by: c.contractor.id, personID: user.id, authenticatedAt: f.clock.now(), context: f.here)
        XCTAssertEqual(reset.person.twoFactorGeneration, before + 1)
        // An administrator cannot act on the contractor.
        let admin = try f.engine.addPerson(to: c.contract.id, email: "a@example.com", role: .administrator,
                                           password: Fixture.password)
        XCTAssertThrowsEngineError(try f.engine.resetTwoStep(by: admin.id, personID: c.contractor.id, authenticatedAt: f.clock.now(), context: f.here),
                                   .notPermitted)
    }

    // MARK: EM-2

    func testEM2_unchangedAddressMailsTheLoginMethodChangeNewAddressTheEmailChange() throws {
        let user = try add("riyou@example.com", "利用 次郎")
        XCTAssertEqual(try f.engine.sendEmailChange(by: contractorID, personID: user.id, address: "riyou@example.com",
                                                    authenticatedAt: f.clock.now(), context: f.here), .loginMethodChange(to: "riyou@example.com"))
        var mails = try f.outbox("riyou@example.com")
        XCTAssertEqual(mails.last?.subject, "【おまかせクラウドストレージ】ログイン方法の設定変更")
        XCTAssertEqual(try f.lastLink(to: "riyou@example.com", path: "/lo/method").purpose, .loginMethodChange)

        XCTAssertEqual(try f.engine.sendEmailChange(by: contractorID, personID: user.id, address: "new@example.com",
                                                    authenticatedAt: f.clock.now(), context: f.here), .emailChange(to: "new@example.com"))
        mails = try f.outbox("new@example.com")
        XCTAssertEqual(mails.map(\.subject), ["【おまかせクラウドストレージ】メールアドレス変更登録"], "one mail, never both")
        // The current address is told of the contractor's change, with no link (issue 19 finding 7).
        XCTAssertEqual(try f.outbox("riyou@example.com").map(\.subject).last,
                       "【おまかせクラウドストレージ】メールアドレス変更受付のお知らせ")
        XCTAssertEqual(try f.outbox("riyou@example.com").flatMap(\.links).count, 1)
        XCTAssertThrowsEngineError(
            try f.engine.sendEmailChange(by: contractorID, personID: user.id, address: "keiyaku@example.com", authenticatedAt: f.clock.now(), context: f.here),
            .emailInUse)
        XCTAssertThrowsEngineError(
            try f.engine.sendEmailChange(by: user.id, personID: user.id, address: "x@example.com", authenticatedAt: f.clock.now(), context: f.here),
            .notPermitted)
        XCTAssertThrowsEngineError(
            try f.engine.sendEmailChange(by: contractorID, personID: contractorID, address: "x@example.com", authenticatedAt: f.clock.now(), context: f.here),
            .notPermitted)  // the contractor uses the menu
        // The new address becomes the login ID through the link (EM-4).
        let link = try f.lastLink(to: "new@example.com", path: "/lo/email")
        try f.engine.confirmEmailChange(link, password: "Atarashii-2026!", confirmation: "Atarashii-2026!", context: f.here)
        XCTAssertNotNil(try f.engine.signIn(email: "new@example.com", password: "Atarashii-2026!", context: f.here).signedIn)
    }

    func testEM2_anInvitedPersonGetsTheInvitationAgain() throws {
        let invited = try f.engine.invitePerson(by: contractorID, email: "invited@example.com", role: .user, context: f.here)
        let first = try f.lastLink(to: "invited@example.com", path: "/lo/register")
        XCTAssertEqual(try f.engine.sendEmailChange(by: contractorID, personID: invited.id, address: "invited@example.com",
                                                    authenticatedAt: f.clock.now(), context: f.here), .registration(to: "invited@example.com"))
        XCTAssertThrowsEngineError(try f.engine.inspect(first), .linkUsed)
        XCTAssertNoThrow(try f.engine.inspect(try f.lastLink(to: "invited@example.com", path: "/lo/register")))
    }
}

extension ConsoleTests {
    /// SECURITY.md G12 (ASVS 7.5.1): the console never acts on its user's own account,
    /// which changes through the menu after a sign-in.
    func testUS1_theConsoleNeverActsOnOnesOwnAccount() throws {
        let admin = try add("kanri@example.com", role: .administrator)
        XCTAssertThrowsEngineError(
            try f.engine.sendEmailChange(by: admin.id, personID: admin.id, address: "other@example.com", authenticatedAt: f.clock.now(), context: f.here),
            .notPermitted)
        XCTAssertThrowsEngineError(try f.engine.resetTwoStep(by: admin.id, personID: admin.id, authenticatedAt: f.clock.now(), context: f.here), .notPermitted)
        XCTAssertThrowsEngineError(try f.engine.unlockUser(by: admin.id, personID: admin.id, authenticatedAt: f.clock.now(), context: f.here), .notPermitted)
        XCTAssertThrowsEngineError(try f.engine.resetTwoStep(by: contractorID, personID: contractorID, authenticatedAt: f.clock.now(), context: f.here),
                                   .notPermitted)
        XCTAssertNoThrow(try f.engine.userDetail(by: admin.id, personID: admin.id), "reading one's own detail is fine")
        XCTAssertTrue(try f.outbox("other@example.com").isEmpty)
    }
}
