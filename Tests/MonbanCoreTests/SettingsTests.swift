import Foundation
import GRDB
import XCTest
@testable import MonbanCore

/// The 認証・契約情報変更メニュー's rules, called on the engine directly (CT-2, CT-3,
/// MC-1, MC-2, EM-1, EM-3, EM-4, PC-1, LA-1, TF-7, TF-8).
final class SettingsTests: XCTestCase {
    var f: Fixture!
    override func setUpWithError() throws { f = try Fixture(directory: FakeDirectory()) }

    let newPassword = "Atarashii-2026!"

    /// A contract of `plan` with an administrator and a user beside the contractor.
    func people(_ plan: Plan, prefix: String = "") throws -> [Role: Person] {
        let c = try f.contract("\(prefix)keiyaku@example.com", plan: plan)
        let admin = try f.engine.addPerson(to: c.contract.id, email: "\(prefix)kanri@example.com", role: .administrator,
                                           password: Fixture.password)
        let user = try f.engine.addPerson(to: c.contract.id, email: "\(prefix)riyou@example.com", role: .user,
                                          password: Fixture.password)
        return [.contractor: c.contractor, .administrator: admin, .user: user]
    }

    /// Calls the engine action behind `item` as `person`; true when it was allowed.
    func attempt(_ item: SettingsItem, as person: Person) throws -> Bool {
        do {
            switch item {
            case .loginMethod:
                try f.engine.changeLoginMethodToPassword(by: person.id, current: Fixture.password, password: newPassword,
                                                         confirmation: newPassword, context: f.here)
            case .emailChange:
                try f.engine.requestEmailChange(by: person.id, newEmail: "new-\(person.id)@example.com",
                                                confirmation: "new-\(person.id)@example.com", context: f.here)
            case .passwordChange:
                try f.engine.changePassword(by: person.id, current: Fixture.password, new: newPassword,
                                            confirmation: newPassword, context: f.here)
            case .accessRoute:
                try f.engine.setAccessRoute(.lineAndInternet, by: person.id, context: f.here)
            case .twoStepSetting:
                _ = try f.engine.setTwoStep(enabled: true, by: person.id, context: f.here)
            case .activeDirectory:
                _ = try f.engine.configureDirectory(by: person.id, url: "ldaps://dc.corp.example", domain: "corp.example",
                                                    context: f.here)
            }
            return true
        } catch {
            if error == .notPermitted { return false }
            throw error
        }
    }

    /// CT-3: every cell of the manual's table, on the engine (not only the menu).
    func testCT3_everyCellOfThePermissionTable() throws {
        let table: [SettingsItem: (basicContractor: Bool, basicOthers: Bool, trialContractor: Bool, trialOthers: Bool)] = [
            .loginMethod: (true, false, false, false),
            .emailChange: (true, false, false, false),
            .passwordChange: (true, true, true, true),
            .accessRoute: (true, false, true, false),
            .twoStepSetting: (true, false, true, false),
            .activeDirectory: (true, false, true, false),
        ]
        for item in SettingsItem.allCases {
            guard let row = table[item] else { return XCTFail("no row for \(item)") }
            for plan in Plan.allCases {
                // A fresh contract per cell: an action may change what the next one sees.
                for role in Role.allCases {
                    let prefix = "\(item.rawValue)-\(plan.rawValue)-\(role.rawValue)-"
                    let who = try XCTUnwrap(people(plan, prefix: prefix)[role])
                    let expected = plan == .basic
                        ? (role == .contractor ? row.basicContractor : row.basicOthers)
                        : (role == .contractor ? row.trialContractor : row.trialOthers)
                    XCTAssertEqual(try attempt(item, as: who), expected, "\(item) for \(role) of \(plan)")
                    let menu = try f.engine.settingsMenu(for: who.id)
                    XCTAssertEqual(menu.items.contains(item), expected, "menu: \(item) for \(role) of \(plan)")
                }
            }
        }
    }

    /// CT-3: パスワード変更 only where the login method is e-mail + password.
    func testCT3_passwordChangeOnlyForPasswordUsers() throws {
        let c = try f.contract()
        let google = try f.engine.addPerson(to: c.contract.id, email: "g@example.com", role: .user, method: .google,
                                            password: nil)
        XCTAssertEqual(try f.engine.settingsMenu(for: google.id).items, [])
        XCTAssertThrowsEngineError(
            try f.engine.changePassword(by: google.id, current: "x", new: newPassword, confirmation: newPassword,
                                        context: f.here), .notPermitted)
        XCTAssertEqual(try f.engine.settingsMenu(for: c.contractor.id).items, SettingsItem.allCases)
    }

    /// The menus the issue names: trial contractor, basic user.
    func testCT3_trialContractorAndBasicUserMenus() throws {
        let trial = try people(.trial, prefix: "t-")
        XCTAssertEqual(try f.engine.settingsMenu(for: XCTUnwrap(trial[.contractor]).id).items,
                       [.passwordChange, .accessRoute, .twoStepSetting, .activeDirectory])
        let basic = try people(.basic, prefix: "b-")
        XCTAssertEqual(try f.engine.settingsMenu(for: XCTUnwrap(basic[.user]).id).items, [.passwordChange])
        XCTAssertEqual(try f.engine.settingsMenu(for: XCTUnwrap(basic[.administrator]).id).items, [.passwordChange])
    }

    // MARK: CT-2 with the injected clock

    func testCT2_trialMenuShowsItsEndAndDay30CancelsDay45ConvertsDay46DoesNot() throws {
        let c = try f.contract(plan: .trial)
        let start = f.clock.now()
        var menu = try f.engine.settingsMenu(for: c.contractor.id)
        XCTAssertEqual(menu.trialEndsAt, start + 30 * 86_400)
        XCTAssertFalse(menu.cancelled)
        XCTAssertEqual(menu.convertibleUntil, start + 45 * 86_400)

        f.clock.advance(days: 30)
        XCTAssertThrowsEngineError(try f.signIn(), .contractCancelled)
        menu = try f.engine.settingsMenu(for: c.contractor.id)
        XCTAssertTrue(menu.cancelled)
        XCTAssertEqual(menu.items, [], "a cancelled contract offers only the move to the basic plan")
        XCTAssertNotNil(menu.convertibleUntil)
        // The settings entrance admits the contractor, so the trial can be moved (MC-1, CT-2)…
        XCTAssertNotNil(try f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password, purpose: .settings,
                                            context: f.here).signedIn)
        // …but no setting can be changed on a cancelled contract.
        XCTAssertThrowsEngineError(try f.engine.setAccessRoute(.lineOnly, by: c.contractor.id, context: f.here),
                                   .contractCancelled)

        f.clock.advance(days: 15)  // day 45
        XCTAssertNotNil(try f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password, purpose: .settings,
                                            context: f.here).signedIn)
        let converted = try f.engine.convertTrialToBasic(by: c.contractor.id, context: f.here)
        XCTAssertEqual(converted.plan, .basic)
        menu = try f.engine.settingsMenu(for: c.contractor.id)
        XCTAssertEqual(menu.items, SettingsItem.allCases, "the menu follows the plan at once")
        XCTAssertNil(menu.trialEndsAt)
        XCTAssertNoThrow(try f.signIn(), "the basic contract signs in to the service again")
    }

    func testCT2_day46RefusesBothEntrances() throws {
        let c = try f.contract(plan: .trial)
        f.clock.advance(days: 46)
        XCTAssertThrowsEngineError(try f.signIn(), .contractCancelled)
        XCTAssertThrowsEngineError(
            try f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password, purpose: .settings, context: f.here),
            .contractCancelled)
        XCTAssertNil(try f.engine.settingsMenu(for: c.contractor.id).convertibleUntil)
        XCTAssertThrowsEngineError(try f.engine.convertTrialToBasic(by: c.contractor.id, context: f.here),
                                   .trialConversionWindowClosed)
    }

    func testCT2_othersOfACancelledTrialCannotUseTheSettingsEntrance() throws {
        let p = try people(.trial)
        f.clock.advance(days: 31)
        XCTAssertThrowsEngineError(
            try f.engine.signIn(email: XCTUnwrap(p[.user]).email, password: Fixture.password, purpose: .settings,
                                context: f.here), .contractCancelled)
    }

    // MARK: PC-1

    func testPC1_changesThePasswordUnderThePolicy() throws {
        let c = try f.contract()
        let id = c.contractor.id
        XCTAssertThrowsEngineError(
            try f.engine.changePassword(by: id, current: Fixture.password, new: "weak", confirmation: "weak", context: f.here),
            .passwordRejected([.tooShort, .tooFewClasses]))
        XCTAssertThrowsEngineError(
            try f.engine.changePassword(by: id, current: Fixture.password, new: newPassword, confirmation: "Other-2026!x",
                                        context: f.here), .passwordsDoNotMatch)
        XCTAssertThrowsEngineError(
            try f.engine.changePassword(by: id, current: Fixture.password, new: Fixture.password,
                                        confirmation: Fixture.password, context: f.here), .passwordUnchanged)
        XCTAssertNoThrow(try f.signIn(), "refusals change nothing")
        try f.engine.changePassword(by: id, current: Fixture.password, new: newPassword, confirmation: newPassword,
                                    context: f.here)
        XCTAssertThrowsEngineError(try f.signIn(), .wrongCredentials)
        XCTAssertNoThrow(try f.signIn("keiyaku@example.com", newPassword))
        XCTAssertTrue(try f.auditEvents().contains(AuditEvent.passwordChanged.rawValue))
        XCTAssertFalse(try f.allStoredText().contains(newPassword), "no password stored in clear")
    }

    func testPC1_aWrongCurrentPasswordCountsTowardTheLock() throws {
        let c = try f.contract()
        for i in 1...9 {
            XCTAssertThrowsEngineError(
                try f.engine.changePassword(by: c.contractor.id, current: "Wrong-\(i)!", new: newPassword,
                                            confirmation: newPassword, context: f.here), .wrongCurrentPassword)
        }
        XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong-10!"), .locked(.wrongPasswords))  // the tenth, at sign-in, locks
        XCTAssertEqual(try f.outbox("keiyaku@example.com").filter { $0.subject.hasSuffix("アカウントロック") }.count, 1)
        XCTAssertThrowsEngineError(
            try f.engine.changePassword(by: c.contractor.id, current: Fixture.password, new: newPassword,
                                        confirmation: newPassword, context: f.here), .locked(.wrongPasswords))
    }

    func testPC1_theTenthWrongCurrentPasswordLocks() throws {
        let c = try f.contract()
        for i in 1...9 { XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", "Wrong-\(i)!"), .wrongCredentials) }
        XCTAssertThrowsEngineError(
            try f.engine.changePassword(by: c.contractor.id, current: "Wrong-10!", new: newPassword,
                                        confirmation: newPassword, context: f.here), .locked(.wrongPasswords))
        XCTAssertTrue(try XCTUnwrap(f.engine.person(id: c.contractor.id)).isLocked)
    }

    // MARK: EM-1, EM-3, EM-4

    func testEM1_theNewAddressTwiceMailsALinkToTheNewAddress() throws {
        let c = try f.contract()
        let id = c.contractor.id
        XCTAssertThrowsEngineError(
            try f.engine.requestEmailChange(by: id, newEmail: "new@example.com", confirmation: "neu@example.com",
                                            context: f.here), .emailsDoNotMatch)
        XCTAssertThrowsEngineError(
            try f.engine.requestEmailChange(by: id, newEmail: "not-an-address", confirmation: "not-an-address",
                                            context: f.here), .invalidEmail)
        XCTAssertThrowsEngineError(
            try f.engine.requestEmailChange(by: id, newEmail: "KEIYAKU@example.com", confirmation: "keiyaku@example.com",
                                            context: f.here), .emailUnchanged)
        let other = try f.contract("other@example.com")
        _ = other
        XCTAssertThrowsEngineError(
            try f.engine.requestEmailChange(by: id, newEmail: "other@example.com", confirmation: "other@example.com",
                                            context: f.here), .emailInUse)  // used by anyone in the service
        XCTAssertEqual(try f.outbox("new@example.com").count, 0, "refusals send nothing")

        try f.engine.requestEmailChange(by: id, newEmail: "new@example.com", confirmation: "new@example.com", context: f.here)
        let mail = try XCTUnwrap(f.outbox("new@example.com").last)
        XCTAssertEqual(mail.subject, "【おまかせクラウドストレージ】メールアドレス変更登録")
        XCTAssertTrue(mail.body.contains("14日間以内"), mail.body)
        let link = try f.lastLink(to: "new@example.com", path: "/lo/email")
        XCTAssertEqual(try f.engine.inspect(link).expiresAt, f.clock.now() + 14 * 86_400)
        XCTAssertEqual(try f.outbox("keiyaku@example.com").filter { $0.subject.contains("メールアドレス変更") }.count, 0,
                       "the link goes to the new address only")
        // Until the link is used, the old address keeps working.
        XCTAssertNoThrow(try f.signIn())
        XCTAssertThrowsEngineError(try f.signIn("new@example.com", Fixture.password), .wrongCredentials)
    }

    func testEM4_aPasswordUserSetsThePasswordTwiceAndTwoStepIsReset() throws {
        let c = try f.contract()
        let before = try XCTUnwrap(f.engine.person(id: c.contractor.id)).twoFactorGeneration
        try f.engine.requestEmailChange(by: c.contractor.id, newEmail: "shinki@example.com", confirmation: "shinki@example.com",
                                        context: f.here)
        let link = try f.lastLink(to: "shinki@example.com", path: "/lo/email")
        XCTAssertEqual(try f.engine.inspect(link).loginMethod, .emailPassword)
        XCTAssertThrowsEngineError(try f.engine.confirmEmailChange(link, context: f.here), .passwordRequired)
        XCTAssertThrowsEngineError(
            try f.engine.confirmEmailChange(link, password: newPassword, confirmation: "x", context: f.here),
            .passwordsDoNotMatch)
        // The policy is checked against the NEW address.
        XCTAssertThrowsEngineError(
            try f.engine.confirmEmailChange(link, password: "Shinki-Xy-2026!", confirmation: "Shinki-Xy-2026!", context: f.here),
            .passwordRejected([.containsEmailLocalPart]))
        let person = try f.engine.confirmEmailChange(link, password: newPassword, confirmation: newPassword, context: f.here)
        XCTAssertEqual(person.email, "shinki@example.com")
        XCTAssertEqual(person.twoFactorGeneration, before + 1, "TF-8")
        XCTAssertThrowsEngineError(try f.signIn(), .wrongCredentials)
        XCTAssertThrowsEngineError(try f.signIn("keiyaku@example.com", newPassword), .wrongCredentials)
        XCTAssertNoThrow(try f.signIn("shinki@example.com", newPassword))
        XCTAssertThrowsEngineError(
            try f.engine.confirmEmailChange(link, password: newPassword, confirmation: newPassword, context: f.here),
            .linkUsed)
        let events = try f.auditEvents()
        for e in [AuditEvent.emailChangeRequested, .emailChanged, .twoFactorReset, .passwordChanged] {
            XCTAssertTrue(events.contains(e.rawValue), "\(e)")
        }
    }

    func testEM3_aPersonWithoutAPasswordCompletesByOpeningTheLink() throws {
        let c = try f.contract()
        let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "42", email: nil)
        try f.engine.changeLoginMethod(by: c.contractor.id, to: google, context: f.here)
        try f.engine.requestEmailChange(by: c.contractor.id, newEmail: "new@example.com", confirmation: "new@example.com",
                                        context: f.here)
        let link = try f.lastLink(to: "new@example.com", path: "/lo/email")
        XCTAssertEqual(try f.engine.inspect(link).loginMethod, .google)
        let person = try f.engine.confirmEmailChange(link, context: f.here)
        XCTAssertEqual(person.email, "new@example.com")
        XCTAssertEqual(try f.engine.signIn(federated: google, context: f.here).person.email, "new@example.com")
    }

    func testEM1_aNewRequestVoidsTheEarlierLinkAndATakenAddressIsRefusedAtConfirmation() throws {
        let c = try f.contract()
        try f.engine.requestEmailChange(by: c.contractor.id, newEmail: "first@example.com", confirmation: "first@example.com",
                                        context: f.here)
        let first = try f.lastLink(to: "first@example.com", path: "/lo/email")
        try f.engine.requestEmailChange(by: c.contractor.id, newEmail: "second@example.com",
                                        confirmation: "second@example.com", context: f.here)
        XCTAssertThrowsEngineError(try f.engine.inspect(first), .linkUsed)
        let second = try f.lastLink(to: "second@example.com", path: "/lo/email")
        // Someone else takes the address meanwhile: refused, and the link stays usable.
        try f.contract("second@example.com")
        XCTAssertThrowsEngineError(
            try f.engine.confirmEmailChange(second, password: newPassword, confirmation: newPassword, context: f.here),
            .emailInUse)
        XCTAssertNoThrow(try f.engine.inspect(second))
        XCTAssertEqual(try XCTUnwrap(f.engine.person(id: c.contractor.id)).email, "keiyaku@example.com")
    }

    func testEM1_theLinkExpiresAfterFourteenDays() throws {
        let c = try f.contract()
        try f.engine.requestEmailChange(by: c.contractor.id, newEmail: "new@example.com", confirmation: "new@example.com",
                                        context: f.here)
        let link = try f.lastLink(to: "new@example.com", path: "/lo/email")
        f.clock.advance(days: 14)
        f.clock.advance(1)
        XCTAssertThrowsEngineError(
            try f.engine.confirmEmailChange(link, password: newPassword, confirmation: newPassword, context: f.here),
            .linkExpired(.emailChange))
        XCTAssertNoThrow(try f.signIn(), "the old address still works")
    }

    // MARK: MC-2

    func testMC2_contractorSwitchesToAFederatedAccountAndBackToAPassword() throws {
        let c = try f.contract(twoStep: true)
        let before = try XCTUnwrap(f.engine.person(id: c.contractor.id)).twoFactorGeneration
        let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "7", email: nil)
        let person = try f.engine.changeLoginMethod(by: c.contractor.id, to: google, context: f.here)
        XCTAssertEqual(person.loginMethod, .google)
        XCTAssertEqual(person.twoFactorGeneration, before + 1, "TF-8: the contractor's change of login method")
        XCTAssertThrowsEngineError(try f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password,
                                                       context: f.here), .wrongCredentials)
        XCTAssertEqual(try f.engine.signIn(federated: google, context: f.here).person.id, c.contractor.id)
        // パスワード変更 disappears with the password.
        XCTAssertFalse(try f.engine.settingsMenu(for: c.contractor.id).items.contains(.passwordChange))

        try f.engine.changeLoginMethodToPassword(by: c.contractor.id, password: newPassword, confirmation: newPassword,
                                                 context: f.here)
        XCTAssertThrowsEngineError(try f.engine.signIn(federated: google, context: f.here),
                                   .identityNotRegistered(.google))
        XCTAssertNotNil(try f.engine.signIn(email: "keiyaku@example.com", password: newPassword, context: f.here))
    }

    func testMC2_refusals() throws {
        let c = try f.contract()
        let id = c.contractor.id
        // Already signing in with a password: the current one is asked first (ASVS 6.2.3), and counts (LK-1).
        XCTAssertThrowsEngineError(
            try f.engine.changeLoginMethodToPassword(by: id, password: newPassword, confirmation: newPassword, context: f.here),
            .wrongCurrentPassword)
        XCTAssertThrowsEngineError(
            try f.engine.changeLoginMethodToPassword(by: id, current: "Wrong-2026!", password: newPassword,
                                                     confirmation: newPassword, context: f.here), .wrongCurrentPassword)
        XCTAssertEqual(try XCTUnwrap(f.engine.person(id: id)).failedAttempts, 2)
        XCTAssertThrowsEngineError(
            try f.engine.changeLoginMethodToPassword(by: id, current: Fixture.password, password: "weak", confirmation: "weak",
                                                     context: f.here),
            .passwordRejected([.tooShort, .tooFewClasses]))
        XCTAssertThrowsEngineError(
            try f.engine.changeLoginMethodToPassword(by: id, current: Fixture.password, password: newPassword,
                                                     confirmation: newPassword + "x", context: f.here), .passwordsDoNotMatch)
        let directory = try f.engine.configureDirectory(by: id, url: "ldaps://dc.corp.example", domain: "corp.example",
                                                        context: f.here)
        let ad = FederatedIdentity.directory(connectionID: directory.connectionID, userPrincipalName: "taro@corp.example")
        XCTAssertThrowsEngineError(try f.engine.changeLoginMethod(by: id, to: ad, context: f.here), .notPermitted)  // the contractor cannot choose AD
        let fb1 = FederatedIdentity(method: .facebook, issuer: "https://www.facebook.com", subject: "1", email: nil)
        let fb2 = FederatedIdentity(method: .facebook, issuer: "https://www.facebook.com", subject: "2", email: nil)
        try f.engine.changeLoginMethod(by: id, to: fb1, context: f.here)
        XCTAssertThrowsEngineError(try f.engine.changeLoginMethod(by: id, to: fb2, context: f.here), .facebookToFacebook)
        // Someone else's account is refused.
        let other = try f.contract("other@example.com")
        let google = FederatedIdentity(method: .google, issuer: "https://accounts.google.com", subject: "g", email: nil)
        try f.engine.changeLoginMethod(by: other.contractor.id, to: google, context: f.here)
        XCTAssertThrowsEngineError(try f.engine.changeLoginMethod(by: id, to: google, context: f.here), .identityInUse)
        XCTAssertEqual(try XCTUnwrap(f.engine.person(id: id)).loginMethod, .facebook, "refusals change nothing")
    }

    // MARK: LA-1, MC-1

    func testLA1_lineOnlyRefusesTheServiceButNotTheSettingsEntrance() throws {
        let c = try f.contract()
        let route = try f.engine.setAccessRoute(.lineOnly, by: c.contractor.id, context: f.here)
        XCTAssertEqual(route.accessRoute, .lineOnly)
        XCTAssertThrowsEngineError(try f.signIn(), .lineOnlyRoute)
        // The contractor recovers through the settings (§4-1's note).
        let s = try XCTUnwrap(f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password, purpose: .settings,
                                              context: f.here).signedIn)
        try f.engine.setAccessRoute(.lineAndInternet, by: s.person.id, context: f.here)
        XCTAssertNoThrow(try f.signIn())
        XCTAssertEqual(try f.auditEvents().filter { $0 == AuditEvent.accessRouteChanged.rawValue }.count, 2)
    }

    func testLA1_aLineAuthenticatedTerminalSignsInUnderLineOnly() throws {
        let c = try f.contract()
        try f.engine.setAccessRoute(.lineOnly, by: c.contractor.id, context: f.here)
        try f.engine.saveLineSettings(by: c.contractor.id, route: .lineOnly, lines: ["CAF0123456789"], context: f.here)
        let line = AccessContext(terminal: "t", line: "CAF0123456789", entrance: .lineAuthentication)
        XCTAssertNotNil(try f.engine.signIn(email: "keiyaku@example.com", password: Fixture.password, context: line).signedIn)
    }

    // TF-7 through the permission check: applies to every password user of the contract.
    func testTF7_disablingAppliesToEveryPasswordUser() throws {
        let c = try f.contract(twoStep: true)
        let user = try f.engine.addPerson(to: c.contract.id, email: "riyou@example.com", role: .user,
                                          password: Fixture.password)
        XCTAssertNil(try f.engine.signIn(email: user.email, password: Fixture.password, context: f.here).signedIn)
        _ = try f.engine.setTwoStep(enabled: false, by: c.contractor.id, context: f.here)
        XCTAssertNotNil(try f.engine.signIn(email: user.email, password: Fixture.password, context: f.here).signedIn)
        XCTAssertNotNil(try f.engine.signIn(email: c.contractor.email, password: Fixture.password, context: f.here).signedIn)
    }
}
