import FoundationEssentials
import MonbanCore
import MonbanTUI

/// The 管理コンソール's screens (manual §1-5, §2-2, §4-2) and the line-authentication
/// screens of sign-in (§1-4).
extension Screen {
    static let linesEditor = ControlID.lineEditor

    mutating func addConsoleFields(_ route: ConsoleRoute) {
        switch route {
        case .users(_, let view):
            form.addField(.search, maxLength: 100, text: view.query)
        case .emailChange(_, let detail):
            form.addField(.email, maxLength: 254, text: detail.person.email)
        case .stepUp:
            form.addField(.password, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .invite:
            form.addField(.name, maxLength: 100)
            form.addField(.email, maxLength: 254)
        case .auditLog(_, let view):
            form.addField(.who, maxLength: 100, text: view.filter.person)
            form.addField(.event, maxLength: 40)
            form.addField(.from, maxLength: 10)
            form.addField(.to, maxLength: 10)
        case .lines(_, let settings):
            form.radios[.route] = settings.route == .lineAndInternet ? 0 : 1
            form.editors[Self.linesEditor] = LineEditor(
                text: settings.entries.map(\.text).joined(separator: "\n"), maxLineLength: 64, pageSize: 10, maxLines: 1000)
        default:
            break
        }
    }

    static func consolePrimary(_ route: ConsoleRoute) -> ControlID? {
        switch route {
        case .emailChange: .send
        case .invite: .register
        case .stepUp: .confirm
        default: nil
        }
    }

    /// The marks of the line-number editor's bad lines (LA-2), by line.
    static func lineMarks(_ lines: [String], _ l: Language) -> [Int: String] {
        LineList.check(lines).problems.mapValues { problem in
            switch problem {
            case .format: Texts.markFormat(l)
            case .duplicate(let n): Texts.markDuplicate(l).replacingEvery("{n}", with: "\(n)")
            case .overLimit: Texts.markOverLimit(l)
            }
        }
    }

    func consoleItems(_ route: ConsoleRoute, _ l: Language, now: Date) -> [ScreenItem] {
        switch route {
        case .home(let s):
            var items: [ScreenItem] = [
                .title(Texts.consoleTitle(l)),
                .text(Texts.consoleIntro(l)),
                .text("\(Texts.contract(l)): \(s.contract.id)   \(Texts.signedInAs(l)): \(s.person.email)", .muted),
                .gap,
                .buttons([(id: .users, label: Texts.consoleUsers(l)), (id: .invite, label: Texts.consoleInvite(l)),
                          (id: .lines, label: Texts.consoleLines(l))]),
            ]
            if s.person.role == .contractor {
                items += [.gap, .buttons([(id: .audit, label: Texts.consoleAudit(l))])]
            }
            items += [.gap, .button(id: .back, label: Texts.back(l))]
            return items
        case .auditLog(_, let view):
            var items: [ScreenItem] = [.title(Texts.auditTitle(l))]
            switch view.chain.result {
            case nil:
                items.append(.text(Texts.auditChecking(l).replacingEvery("{n}", with: "\(view.chain.checked)"), .muted))
            case .intact(let n): items.append(.text(Texts.auditIntact(l).replacingEvery("{n}", with: "\(n)"), .success))
            case .broken(let i, let r):
                items.append(.text(Texts.auditBroken(l).replacingEvery("{i}", with: "\(i)")
                    .replacingEvery("{r}", with: r), .error))
            }
            let labels: [(ControlID, String)] = [(.who, Texts.auditWho(l)), (.event, Texts.auditEvent(l)),
                                                 (.from, Texts.auditFrom(l)), (.to, Texts.auditTo(l))]
            let labelWidth = labels.map { DisplayWidth.of($0.1) }.max() ?? 0
            for (id, label) in labels {
                let pad = String(repeating: " ", count: labelWidth - DisplayWidth.of(label))
                items.append(.inlineField(id: id, label: label + pad))
            }
            var status = (view.page.hasNewer ? "▲ " : "") + (view.page.hasOlder ? "▼ " : "")
            if view.badDate { status += Texts.auditDateHint(l) } else if view.page.tooManyPeople {
                status += Texts.auditTooManyPeople(l)
            }
            items.append(.text(status.isEmpty ? " " : status, view.badDate || view.page.tooManyPeople ? .error : .muted))
            if view.page.rows.isEmpty { items.append(.text(Texts.auditNone(l), .muted)) }
            for row in view.page.rows { items.append(.row(id: .auditEntry(row.id), text: Self.auditRow(row, l))) }
            items += [.text(Texts.auditHint(l), .muted), .button(id: .back, label: Texts.back(l))]
            return items
        case .auditEntry(_, let row):
            return [
                .title(Texts.auditEntryTitle(l)),
                .text("\(Texts.auditNumber(l)): \(row.id)"),
                .text("\(Texts.auditAt(l)): \(Self.jst(row.at, "yyyy-MM-dd HH:mm:ss"))"),
                .text("\(Texts.auditEvent(l)): \(Texts.event(row.event)(l))（\(row.event)）"),
                .text("\(Texts.auditWho(l)): \(row.personEmail ?? row.personID.map { "#\($0)" } ?? "—")"),
                .text("\(Texts.auditTerminal(l)): \(row.terminal.isEmpty ? "—" : row.terminal)"),
                .text("\(Texts.auditLine(l)): \(row.line.isEmpty ? "—" : row.line)"),
                .text("\(Texts.auditDetail(l)): \(row.detail.isEmpty ? "—" : row.detail)"),
                .gap,
                .button(id: .back, label: Texts.back(l)),
            ]
        case .users(_, let view):
            var items: [ScreenItem] = [
                .title(Texts.usersTitle(l)),
                .field(id: .search, label: Texts.search(l)),
            ]
            var count = view.page.total.map { total in
                if total == 1 && !view.page.totalIsAtLeast { return Texts.usersOne(l) }
                return (view.page.totalIsAtLeast ? Texts.usersAtLeast : Texts.usersCount)(l).replacingEvery("{n}", with: "\(total)")
            } ?? ""
            if view.page.hasPrevious || view.page.hasNext {
                count += (count.isEmpty ? "" : "  ") + (view.page.hasPrevious ? "▲" : "") + (view.page.hasNext ? "▼ " + Texts.usersMore(l) : "")
            }
            items.append(.text(count.isEmpty ? " " : count, .muted))
            if view.page.rows.isEmpty {
                items.append(.text(Texts.usersNone(l), .muted))
            }
            for row in view.page.rows {
                items.append(.row(id: .user(row.id), text: Self.userRow(row, l)))
            }
            items += [.text(Texts.usersHint(l), .muted), .button(id: .back, label: Texts.back(l))]
            return items
        case .user(let s, let d):
            let p = d.person
            let isSelf = p.id == s.person.id
            let state: Text = p.isLocked ? Texts.stateLocked : (p.registered ? Texts.stateActive : Texts.stateInvited)
            let twoStep: String = switch d.twoStep {
            case .contractOff: Texts.twoStepContractOff(l)
            case .notForThisMethod: Texts.twoStepNotForMethod(l)
            case .notEnrolled: Texts.twoStepNotEnrolled(l)
            case .enrolled(let m): Texts.twoStepEnrolled(l) + "（" + (m == .sms ? "SMS" : "Authenticator") + "）"
            }
            let loginID = p.loginMethod == .emailPassword ? p.email : (d.identityEmail ?? "—")
            var items: [ScreenItem] = [
                .title(Texts.userTitle(l)),
                .text("\(Texts.name(l)): \(p.name.isEmpty ? "—" : p.name)"),
                .text("\(Texts.loginID(l)): \(loginID)"),
                .text("\(Texts.email(l)): \(p.email)"),
                .text("\(Texts.role(l)): \(Self.roleText(p.role)(l))"),
                .text("\(Texts.loginMethod(l)): \(Texts.methodName(p.loginMethod)(l))"),
                .text("\(Texts.state(l)): \(state(l))", p.isLocked ? .error : .normal),
                .text("\(Texts.twoStepState(l)): \(twoStep)"),
                .text("\(Texts.lastSignIn(l)): \(p.lastSignInAt.map(Self.shortDate) ?? Texts.never(l))"),
                .gap,
            ]
            var buttons: [(id: ControlID, label: String)] = []
            // One's own account changes through the menu, after a sign-in (ASVS 7.5.1).
            // Administrators act on users only, the contractor on anyone else (issue 19 finding 7).
            let mayAct = !isSelf && ConsolePolicy.mayAct(s.person.role, on: p.role)
            if p.isLocked && mayAct { buttons.append((id: .unlock, label: Texts.unlockButton(l))) }
            if case .enrolled = d.twoStep, mayAct { buttons.append((id: .resetTwoStep, label: Texts.resetTwoStepButton(l))) }
            if p.role != .contractor && mayAct { buttons.append((id: .email, label: Texts.consoleEmailTitle(l))) }
            if isSelf { items += [.text(Texts.ownAccountInMenu(l), .muted), .gap] }
            buttons.append((id: .back, label: Texts.back(l)))
            items.append(.buttons(buttons))
            return items
        case .emailChange(_, let d):
            return [
                .title(Texts.consoleEmailTitle(l)),
                .text("\(Texts.target(l)): \(d.person.name.isEmpty ? d.person.email : "\(d.person.name) <\(d.person.email)>")",
                      .muted),
                .text(Texts.consoleEmailIntro(l)),
                .gap,
                .field(id: .email, label: Texts.email(l)),
                .gap,
                .buttons([(id: .send, label: Texts.send(l)), (id: .back, label: Texts.back(l))]),
                .gap,
                .note(heading: Texts.smsNoteHeading(l), lines: [Texts.consoleEmailNote(l)]),
            ]
        case .emailChangeSent(_, _, let mail):
            let text: String = switch mail {
            case .loginMethodChange(let a): Texts.sentMethodChange(l).replacingEvery("{a}", with: a)
            case .emailChange(let a): Texts.sentEmailChange(l).replacingEvery("{a}", with: a)
            case .registration(let a): Texts.sentRegistration(l).replacingEvery("{a}", with: a)
            case .approvalRequested(let from, let to):
                Texts.sentApproval(l).replacingEvery("{a}", with: from).replacingEvery("{b}", with: to)
            }
            return [.title(Texts.sentTitle(l)), .text(text), .gap, .button(id: .ok, label: Texts.ok(l))]
        case .stepUp(let s, _):
            return [
                .title(Texts.stepUpTitle(l)),
                .text(Texts.stepUp(Texts.stepUpIntro)(l)),
                .text("\(Texts.signedInAs(l)): \(s.person.email)", .muted),
                .gap,
                .field(id: .password, label: Texts.password(l)),
                .gap,
                .buttons([(id: .confirm, label: Texts.confirm(l)), (id: .back, label: Texts.back(l))]),
            ]
        case .invite:
            return [
                .title(Texts.inviteTitle(l)),
                .text(Texts.inviteIntro(l)),
                .gap,
                .field(id: .name, label: Texts.name(l)),
                .field(id: .email, label: Texts.email(l)),
                .text(Texts.roleLabel(l)),
                .radio(id: .role, options: [Texts.roleUser(l), Texts.roleAdministrator(l)]),
                .gap,
                .buttons([(id: .register, label: Texts.register(l)), (id: .back, label: Texts.back(l))]),
            ]
        case .invited(_, let email):
            return [
                .title(Texts.inviteTitle(l)),
                .text(Texts.invited(l).replacingEvery("{a}", with: email)),
                .gap,
                .buttons([(id: .again, label: Texts.consoleInvite(l)), (id: .ok, label: Texts.ok(l))]),
            ]
        case .lines:
            let lines = form.editors[Self.linesEditor]?.lineTexts ?? []
            let marks = Self.lineMarks(lines, l)
            let count = lines.filter { !$0.trimmingWhitespace().isEmpty }.count
            let summary = marks.isEmpty
                ? Texts.linesSummaryOK(l).replacingEvery("{n}", with: "\(count)")
                : Texts.linesSummary(l).replacingEvery("{n}", with: "\(count)")
                    .replacingEvery("{e}", with: "\(marks.count)")
            return [
                .title(Texts.linesTitle(l)),
                .text(Texts.accessRouteLabel(l)),
                .radio(id: .route, options: [Texts.route(.lineAndInternet)(l), Texts.route(.lineOnly)(l)]),
                .text(Texts.routeAppliesToAll(l), .muted),
                // §4-2 (1)(2) in the manual's words (issue 20 item 25).
                .text(Texts.routeDescriptions(l), .muted),
                .gap,
                .text(Texts.lineNumbersLabel(l)),
                .text(Texts.lineNumbersDescription(l)),
                .text(Texts.lineNumbersCollaboration(l), .muted),
                .text(Texts.lineNumbersFormat(l), .muted),
                .text(summary, marks.isEmpty ? .muted : .error),
                .editor(id: Self.linesEditor, marks: marks),
                .text(Texts.editorKeys(l), .muted),
                .buttons([(id: .save, label: Texts.save(l)), (id: .back, label: Texts.back(l))]),
                .gap,
                .note(heading: Texts.smsNoteHeading(l), lines: [Texts.linesNote1(l), Texts.lineNotes[1](l)]),
            ]
        case .confirmAction(_, let d, let effect):
            let target = d.person.name.isEmpty ? d.person.email : "\(d.person.name) <\(d.person.email)>"
            let (title, question): (Text, Text) = switch effect {
            case .resetTwoStep: (Texts.resetTwoStepButton, Texts.confirmResetTwoStep)
            default: (Texts.unlockButton, Texts.confirmUnlock)
            }
            return [
                .title(title(l)),
                .text("\(Texts.target(l)): \(target)", .muted),
                .text(question(l)),
                .gap,
                .buttons([(id: .confirm, label: title(l)), (id: .back, label: Texts.cancel(l))]),
            ]
        case .leaveLines:
            return [
                .title(Texts.leaveTitle(l)),
                .text(Texts.leaveBody(l)),
                .gap,
                .buttons([(id: .keep, label: Texts.keepEditing(l)), (id: .discard, label: Texts.discard(l))]),
            ]
        }
    }

    static func roleText(_ r: Role) -> Text {
        switch r {
        case .contractor: Texts.contractor
        case .administrator: Texts.administrator
        case .user: Texts.user
        }
    }

    /// `s` cut or padded to `width` display columns.
    static func padded(_ s: String, _ width: Int) -> String {
        var t = s
        while DisplayWidth.of(t) > width { t.removeLast() }
        return t + String(repeating: " ", count: width - DisplayWidth.of(t))
    }

    /// One line of the user list: name, role, the lock (or 登録待ち), address. The role's column
    /// is as wide as the language's longest role (English "Administrator" was cut to "Administ").
    static func userRow(_ u: UserSummary, _ l: Language) -> String {
        let roleWidth = max(8, [Role.contractor, .administrator, .user].map { DisplayWidth.of(roleText($0)(l)) }.max() ?? 8)
        var flags = ""
        if u.locked { flags = Texts.locked(l) } else if !u.registered { flags = Texts.invitedMark(l) }
        // The address last: in a narrow window it is what gets cut, not the name.
        return padded(u.name.isEmpty ? "—" : u.name, 14) + " " + padded(roleText(u.role)(l), roleWidth) + " "
            + padded(flags, 8) + " " + u.email
    }

    /// One line of the 操作ログ: time, event, person, detail.
    static func auditRow(_ r: AuditLogRow, _ l: Language) -> String {
        return jst(r.at, "MM-dd HH:mm:ss") + " " + padded(Texts.event(r.event)(l), 18) + " "
            + padded(r.personEmail ?? "—", 22) + " " + r.detail
    }
}
