import FoundationEssentials
import MonbanCore
import MonbanTUI

/// The 管理コンソール (US-1, EM-2, LA-2): the user list searched as you type, the
/// user's detail and its actions, 利用者登録, and the line-number editor.
extension App {
    // MARK: Keys the console handles before the form

    /// The user list pages by keys (PageUp/PageDown, and Up/Down past its edge);
    /// the line-number editor asks before unsaved changes are left. Returns nil
    /// when the form should handle the key.
    mutating func consoleKey(_ event: KeyEvent) -> LoopControl? {
        switch screen.route {
        case .console(.users(let s, let view)):
            let rowIDs = view.page.rows.map { ControlID.user($0.id) }
            let focus = screen.form.focus
            switch event {
            case .pageDown where view.page.hasNext:
                loadUsers(s, query: view.query, page: .after(id: view.page.rows.last?.id ?? 0), focusFirst: true)
                return .continue
            case .pageUp where view.page.hasPrevious:
                loadUsers(s, query: view.query, page: .before(id: view.page.rows.first?.id ?? 0), focusFirst: false)
                return .continue
            case .down where focus != nil && focus == rowIDs.last && view.page.hasNext:
                loadUsers(s, query: view.query, page: .after(id: view.page.rows.last?.id ?? 0), focusFirst: true)
                return .continue
            case .up where focus != nil && focus == rowIDs.first && view.page.hasPrevious:
                loadUsers(s, query: view.query, page: .before(id: view.page.rows.first?.id ?? 0), focusFirst: false)
                return .continue
            case .character, .paste:
                // Typing anywhere on the list types into its one field, the search.
                screen.form.focus = .search
                return nil
            case .backspace where focus?.isUserRow == true:
                // And Backspace on a row deletes there (not on the Back button).
                screen.form.focus = .search
                return nil
            default:
                return nil
            }
        case .console(.auditLog(let s, let view)):
            let rowIDs = view.page.rows.map { ControlID.auditEntry($0.id) }
            let focus = screen.form.focus
            switch event {
            case .pageDown where view.page.hasOlder, .down where focus != nil && focus == rowIDs.last && view.page.hasOlder:
                loadAudit(s, request: .older(than: view.page.rows.last?.id ?? 0))
                return .continue
            case .pageUp where view.page.hasNewer, .up where focus != nil && focus == rowIDs.first && view.page.hasNewer:
                loadAudit(s, request: .newer(than: view.page.rows.first?.id ?? 0))
                return .continue
            case .character, .paste:
                // Typing on a row types into the first filter.
                if focus?.isAuditRow == true { screen.form.focus = .who }
                return nil
            default:
                return nil
            }
        case .console(.lines(let s, let saved)) where event == .escape:
            if hasUnsavedLines(saved) {
                var next = Screen(route: .console(.leaveLines(s)))
                next.form.focus = .keep
                return apply([.open(next)])
            }
            return nil
        default:
            return nil
        }
    }

    /// After the form took a key: the user list follows the search field (US-1).
    mutating func consoleAfterKey() {
        if case .console(.lines) = screen.route, screen.form.focus == Screen.linesEditor {
            // An edit makes a refusal or a "saved" stale: the summary above the editor says how it stands.
            screen.message = nil
        }
        if case .console(.auditLog(let s, let view)) = screen.route {
            let f = auditFilter()
            if f.filter != view.filter || f.badDate != view.badDate { loadAudit(s, request: .newest) }
            return
        }
        guard case .console(.users(let s, let view)) = screen.route else { return }
        let typed = screen.form[field: .search]
        if typed != view.query {
            loadUsers(s, query: typed, page: .first, focusFirst: false)
        }
    }

    /// Rows that fit the window below the search field.
    var userPageSize: Int { max(3, size.height - 12) }

    /// Reads a page of the user list now, quietly through the runner (a page is a few
    /// milliseconds even with 100,000 people: `Engine.users`), keeping what was typed.
    mutating func loadUsers(_ s: SignedIn, query: String, page: UserPageRequest, focusFirst: Bool) {
        performQuietly(.users(s, query: query, page: page, focusFirst: focusFirst))
    }

    /// Shows a page of the user list: what the flow does with `QuickRead.users`.
    mutating func showUsers(_ s: SignedIn, query: String, page: UserPageRequest, focusFirst: Bool,
                            engine: Engine) throws(EngineError) {
        let result = try engine.users(by: s.person.id, matching: query, page: page, limit: userPageSize)
        let wasOnRow = screen.form.focus?.isUserRow == true
        screen.route = .console(.users(s, UserListView(query: query, page: result, request: page)))
        screen.message = nil
        if wasOnRow, case .after = page, let first = result.rows.first {
            screen.form.focus = .user(first.id)
        } else if wasOnRow, case .before = page, let last = result.rows.last {
            screen.form.focus = .user(last.id)
        } else if wasOnRow, !result.rows.contains(where: { .user($0.id) == screen.form.focus }) {
            screen.form.focus = result.rows.first.map { .user($0.id) } ?? .search
        }
    }

    /// The list again, as it was asked (after an action in the detail).
    mutating func reloadUsers() {
        guard case .console(.users(let s, let view)) = screen.route else { return }
        let focus = screen.form.focus
        loadUsers(s, query: view.query, page: view.request, focusFirst: false)
        screen.form.focus = focus
    }

    /// The 操作ログ's filters from its fields; a date not complete yet is left out (and said so).
    func auditFilter() -> (filter: AuditLogFilter, badDate: Bool) {
        let f = screen.form
        var bad = false
        func day(_ id: ControlID, end: Bool) -> Date? {
            let text = f[field: id].trimmingWhitespace()
            guard !text.isEmpty else { return nil }
            guard let d = Screen.parseDay(text) else { bad = true; return nil }
            return end ? d + 86_400 : d
        }
        let filter = AuditLogFilter(person: f[field: .who], events: Texts.events(matching: f[field: .event]),
                                    from: day(.from, end: false), to: day(.to, end: true))
        return (filter, bad)
    }

    /// Reads a page of the 操作ログ now, quietly through the runner (index range scans: a few milliseconds).
    mutating func loadAudit(_ s: SignedIn, request: AuditLogPageRequest) {
        performQuietly(.auditLog(s, request))
    }

    /// Shows a page of the 操作ログ: what the flow does with `QuickRead.auditLog`.
    mutating func showAudit(_ s: SignedIn, request: AuditLogPageRequest, engine: Engine) throws(EngineError) {
        guard case .console(.auditLog(_, let view)) = screen.route else { return }
        let (filter, bad) = auditFilter()
        let limit = max(3, size.height - 13)
        let page = try engine.auditLog(by: s.person.id, filter: filter, page: request, limit: limit)
        let wasOnRow = screen.form.focus?.isAuditRow == true
        screen.route = .console(.auditLog(s, AuditLogView(filter: filter, page: page, request: request,
                                                           chain: view.chain, badDate: bad)))
        if wasOnRow {
            let target: AuditLogRow? = if case .newer = request { page.rows.last } else { page.rows.first }
            screen.form.focus = target.map { .auditEntry($0.id) } ?? .who
        }
    }

    /// The next slice of the 操作ログ's chain check (AU-1), between keys: what the flow
    /// does with `QuickRead.auditChainSlice`.
    mutating func checkAuditSlice(engine: Engine) throws(EngineError) {
        guard case .console(.auditLog(let s, var view)) = screen.route, view.chain.result == nil else { return }
        // 500 links a slice: each is an HMAC since the chain is keyed (issue 19 finding 9), and
        // a slice must stay well inside a frame (make bench: each key < 16 ms with 100,000 entries).
        try engine.checkAuditChain(&view.chain, entries: 500)
        screen.route = .console(.auditLog(s, view))
    }

    func hasUnsavedLines(_ saved: LineSettings) -> Bool {
        let lines = screen.form.editors[Screen.linesEditor]?.lineTexts ?? []
        let (problems, entries) = LineList.check(lines)
        let route: Contract.AccessRoute = (screen.form.radios[.route] ?? 0) == 0 ? .lineAndInternet : .lineOnly
        return !problems.isEmpty || entries != saved.entries || route != saved.route
    }

    // MARK: Buttons

    mutating func activateConsole(_ route: ConsoleRoute, _ id: ControlID) -> [Effect] {
        let form = screen.form
        // One case per screen, no default: a new console screen that forgets its controls does not compile.
        switch route {
        case .home(let s):
            switch id {
            case .users:
                var next = Screen(route: .console(.users(s, UserListView(query: "", page: UserPage(), request: .first))))
                next.form.focus = .search
                return [.open(next), .quietly(.users(s, query: "", page: .first, focusFirst: false))]
            case .invite:
                return [.push(.console(.invite(s)))]
            case .lines:
                return [.console(.openLines(s))]
            case .audit:
                var next = Screen(route: .console(.auditLog(s, AuditLogView(
                    filter: AuditLogFilter(), page: AuditLogPage(), request: .newest))))
                next.form.focus = .who
                return [.open(next), .quietly(.auditLog(s, .newest))]
            default:
                return consoleCommon(id)
            }
        case .invited(let s, _):
            switch id {
            case .again:
                return [.replace(Screen(route: .console(.invite(s))))]
            case .ok:
                return [.pop]
            default:
                return consoleCommon(id)
            }
        case .auditLog(let s, let view):
            guard case .auditEntry(let entryID) = id else { return consoleCommon(id) }
            guard let row = view.page.rows.first(where: { $0.id == entryID }) else { return [] }
            return [.push(.console(.auditEntry(s, row)))]
        case .auditEntry:
            return consoleCommon(id)
        case .users(let s, _):
            guard case .user(let personID) = id else { return consoleCommon(id) }
            return [.console(.openUser(s, personID: personID))]
        case .user(let s, let d):
            switch id {
            // Actions on another account ask first (issue 20 item 9).
            case .unlock:
                return [.push(.console(.confirmAction(s, d, .unlock(s, personID: d.person.id))))]
            case .resetTwoStep:
                return [.push(.console(.confirmAction(s, d, .resetTwoStep(s, personID: d.person.id))))]
            case .email:
                var next = Screen(route: .console(.emailChange(s, d)))
                next.form.focus = .email
                return [.open(next)]
            default:
                return consoleCommon(id)
            }
        case .emailChange(let s, let d):
            guard id == .send else { return consoleCommon(id) }
            return [.console(.sendEmailChange(s, personID: d.person.id, address: form[field: .email]))]
        case .emailChangeSent:
            guard id == .ok else { return consoleCommon(id) }
            return [.pop]  // back to the detail
        case .stepUp(let s, let then):
            guard id == .confirm else { return consoleCommon(id) }
            let password = form[field: .password]
            guard !password.isEmpty else { return emptyPassword() }
            return [.console(.confirmPassword(s, password: password, then: then))]
        case .invite(let s):
            guard id == .register else { return consoleCommon(id) }
            let email = form[field: .email]
            guard (try? EmailAddress(email)) != nil else {
                screen.message = (Texts.invalidEmail(language), .error)
                screen.form.focus = .email
                return []
            }
            let role: Role = (form.radios[.role] ?? 0) == 0 ? .user : .administrator
            return [.console(.invite(s, name: form[field: .name], email: email, role: role))]
        case .lines(let s, let saved):
            switch id {
            case .save:
                let lines = form.editors[Screen.linesEditor]?.lineTexts ?? []
                let bad = LineList.check(lines).problems.count
                guard bad == 0 else {
                    // LA-2: nothing invalid ever reaches the store; say how many lines to fix.
                    screen.message = (Texts.linesInvalid(language).replacingEvery("{n}", with: "\(bad)"), .error)
                    return []
                }
                let route: Contract.AccessRoute = (form.radios[.route] ?? 0) == 0 ? .lineAndInternet : .lineOnly
                return [.console(.saveLines(s, route, lines))]
            case .back:
                if hasUnsavedLines(saved) {
                    var next = Screen(route: .console(.leaveLines(s)))
                    next.form.focus = .keep
                    return [.open(next)]
                }
                return [.back]
            default:
                return consoleCommon(id)
            }
        case .confirmAction(_, _, let effect):
            // Back on the detail, which the action's reply brings up to date.
            guard id == .confirm else { return consoleCommon(id) }
            return [.pop, .console(effect)]
        case .leaveLines:
            switch id {
            case .keep:
                return [.back]
            case .discard:
                return [.pop, .back]
            default:
                return consoleCommon(id)
            }
        }
    }

    /// 戻る on a console screen; anything else is no control of it.
    func consoleCommon(_ id: ControlID) -> [Effect] {
        id == .back ? [.back] : []
    }

    // MARK: Engine work

    mutating func performConsole(_ effect: ConsoleEffect, engine: Engine) throws(EngineError) -> [Effect] {
        switch effect {
        case .openUser(let s, let id):
            return [.push(.console(.user(s, try engine.userDetail(by: s.person.id, personID: id))))]
        case .unlock(let s, let id):
            let d = try engine.unlockUser(by: s.person.id, personID: id, authenticatedAt: consoleAuthenticatedAt,
                                          context: context)
            screen.route = .console(.user(s, d))
            screen.message = (Texts.userUnlocked(language), .success)
            return []
        case .resetTwoStep(let s, let id):
            let d = try engine.resetTwoStep(by: s.person.id, personID: id, authenticatedAt: consoleAuthenticatedAt,
                                            context: context)
            screen.route = .console(.user(s, d))
            screen.message = (Texts.userTwoStepReset(language), .success)
            return []
        case .sendEmailChange(let s, let id, let address):
            let mail = try engine.sendEmailChange(by: s.person.id, personID: id, address: address,
                                                  authenticatedAt: consoleAuthenticatedAt, context: context)
            let d = try engine.userDetail(by: s.person.id, personID: id)
            var next = Screen(route: .console(.emailChangeSent(s, d, mail)))
            next.form.focus = .ok
            // The detail below shows the address as it now stands; what was mailed on top of it.
            return [.pop, .update(.console(.user(s, d))), .open(next)]
        case .invite(let s, let name, let email, let role):
            let person = try engine.invitePerson(by: s.person.id, email: email, name: name, role: role, context: context)
            return [.replace(Screen(route: .console(.invited(s, email: person.email))))]
        case .openLines(let s):
            return [.push(.console(.lines(s, try engine.lineSettings(by: s.person.id))))]
        case .confirmPassword(let s, let password, let then):
            authenticatedAt = try engine.confirmPassword(by: s.person.id, password: password, context: context)
            // Off the prompt, and on with what it was asked for.
            return [.pop, .console(then)]
        case .saveLines(let s, let route, let lines):
            let saved = try engine.saveLineSettings(by: s.person.id, route: route, lines: lines, context: context)
            screen.route = .console(.lines(s, saved))
            // The editor shows what was stored: normalised, in order.
            screen.form.editors[Screen.linesEditor]?.replace(with: saved.entries.map(\.text).joined(separator: "\n"))
            screen.message = (Texts.linesSaved(language).replacingEvery("{n}", with: "\(saved.entries.count)"),
                              .success)
            return []
        }
    }

    /// A console refusal, on its screen.
    mutating func showConsole(_ error: EngineError, for effect: ConsoleEffect) -> [Effect] {
        switch error {
        case .locked, .contractCancelled:
            // The actor's own account or contract changed meanwhile: the session ends.
            var login = Screen(route: .login(.entry))
            login.message = (ErrorText.describe(error, language), .error)
            return [.restart([login])]
        case .invalidLines(let n):
            screen.message = (Texts.linesInvalid(language).replacingEvery("{n}", with: "\(n)"), .error)
        case .invalidName:
            screen.message = (Texts.nameInvalid(language), .error)
            screen.form.focus = .name
        case .reauthenticationRequired:
            // ASVS 7.5.3: the password again, then the action; an account without a
            // password (federated, AD) signs in again.
            let s = effect.session
            guard s.person.loginMethod == .emailPassword else {
                var login = Screen(route: .login(.entry))
                login.message = (Texts.stepUp(Texts.stepUpSignInAgain)(language), .error)
                return [.restart([login])]
            }
            var prompt = Screen(route: .console(.stepUp(s, then: effect)))
            prompt.form.focus = .password
            return [.open(prompt)]
        case .wrongCurrentPassword:
            screen.message = (ErrorText.describe(error, language), .error)
            screen.form.fields[.password]?.set("")
            screen.form.focus = .password
        default:
            screen.message = (ErrorText.describe(error, language), .error)
        }
        return []
    }

    /// When the console's user last gave their password: at the sign-in, or at the
    /// console's prompt (ASVS 7.5.3). None known is as old as can be.
    var consoleAuthenticatedAt: Date { authenticatedAt ?? .distantPast }
}
