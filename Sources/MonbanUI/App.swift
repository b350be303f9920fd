import FoundationEssentials
import MonbanCore
import MonbanFederation
import MonbanStore
import MonbanTUI

/// The whole client as one value (Elm architecture): a history of screens, the
/// language, and the effects waiting for the engine. Screens never touch the
/// terminal; the terminal layer drives this through `TerminalProgram`.
public struct App: TerminalProgram {
    public var language: Language
    public let kiosk: Bool
    public internal(set) var history: [Screen]
    /// A line shown under the header on every screen (e.g. the Linux console hint).
    public var banner: String?
    /// Draw the QR code two spaces per module in reverse video, for terminals
    /// that draw ▀ ▄ █ two cells wide (East-Asian ambiguous width).
    public var wideQR = false
    /// The Linux console in English: draw only what its font has (UI-4, `ConsoleGlyphs`).
    public var consoleGlyphs = false
    /// The 受信箱 (F2): the outbox read in the client. Off unless the database is a demo
    /// (`inboxShowsEveryone`) or the operator turned it on (issue 19 finding 1, Setup).
    public var inboxEnabled = false
    /// The demo database's 受信箱: every person's messages, SMS codes and links included, on
    /// every screen. Otherwise the inbox opens only after a sign-in, on that person's own.
    public var inboxShowsEveryone = false
    /// The person now signed in (set with `signedInAt`): whose messages the inbox shows
    /// when it does not show everyone's.
    var signedInPersonID: Int64?
    /// Sign-ins that ended and wait to be audited, with why (issue 20 item 8).
    var endedSignIns: [(Int64, SignOutReason)] = []
    /// Why the sign-in is ending, when the caller knows better than the navigation (idle, lifetime).
    var signOutReason: SignOutReason?
    /// The federated services this terminal can use (LG-4); none by default.
    public var providers: [LoginMethod: IdentityProviderSetup] = [:]
    /// The demo provider and the connection ID this terminal knows (LG-4, LG-5).
    public var federation = FederationState()
    let engines: EngineProvider
    var context: AccessContext
    var pending: [Effect] = []
    /// Told whether `monban demo` made the database, once read after the first paint.
    var onDatabaseMark: ((Bool?) -> Void)?
    var busy = false
    /// When the person now signed in signed in (engine clock); nil when nobody is.
    var signedInAt: Date?
    /// When the signed-in person last gave their password: at the sign-in, or again at
    /// the 管理コンソール's prompt, which asks once it is older than
    /// `ConsolePolicy.stepUpWindow` (ASVS 7.5.3, issue 19 finding 7).
    var authenticatedAt: Date?
    /// Seconds a sign-in lasts at most, however busy (ASVS 7.3.2); nil: no limit.
    public var maxSession: Double? = 12 * 3600
    /// The message on the screen is a notice about refused input (`noteRefusedInput`).
    var inputNotice = false
    /// Where the sign-in in progress leads (MC-1): set by the screen it starts on.
    var signInPurpose: SignInPurpose = .service
    /// The terminal's size, from resize events (the runtime sends one before the first paint).
    var size: (width: Int, height: Int) = (80, 24)
    /// A kiosk on a demo database: the database as it was when the kiosk started, put back
    /// for every visitor (issue 20 item 4, UI-6).
    var demoFirstState: DatabaseSnapshot?
    /// The login screen shows the demo's accounts and password: only on a database `monban demo`
    /// made (issue 20 item 5).
    public var showsDemoAccounts = false

    /// The digits of an SMS or authenticator code (TF-2, TF-3).
    static let codeLength = 6
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public init(language: Language, kiosk: Bool = false, engines: EngineProvider, context: AccessContext,
                start: Route = .login(.entry), openLink: String? = nil) {
        self.language = language
        self.kiosk = kiosk
        self.engines = engines
        self.context = context
        history = [Screen(route: start)]
        if let openLink { pending = [.openLink(openLink)] }
        settleFocus()
    }

    /// Whether this terminal may be remembered (TF-4): false where it is not one person's own
    /// (a shared account, a forced command, SSH without the connection's key; issue 19 finding 3).
    /// Asked when a two-step screen is drawn, so the facts behind it are read after the first paint.
    public var offersRemember: () -> Bool = { true }
    /// Whether the "remember" tick may be honoured: never on a kiosk or where it is not offered.
    var canRemember: Bool { !kiosk && offersRemember() }

    /// Whether a configured federated service is the embedded demo provider: every screen
    /// offering the services then says so under 「---または---」 (issue 19 finding 6).
    public var hasDemoProvider: Bool {
        providers.values.contains { if case .demo = $0 { true } else { false } }
    }

    /// The screen's items as this client shows them: a kiosk, shared by every visitor,
    /// and a terminal that is not one person's own never offer to remember it (TF-4); the
    /// federated services are said to be the demo's where they are (issue 19 finding 6).
    var currentItems: [ScreenItem] {
        var items = screen.items(language, now: now)
        if hasDemoProvider, let at = items.firstIndex(where: { item in
            if case .text(let t, _) = item { t == Texts.orFederated(language) } else { false }
        }) {
            items.insert(.text(Texts.demoProvidersNotice(language), .note), at: at + 1)
        }
        guard !canRemember else { return items }
        return items.filter { if case .checkbox(id: .remember, _) = $0 { false } else { true } }
    }

    /// Says when typed or pasted text was not taken whole (too long, control
    /// characters), and takes the notice away at the next key that is taken.
    mutating func noteRefusedInput() {
        guard let id = screen.form.focus, let field = screen.form.fields[id] else { return }
        if let refusal = field.refused {
            let text = switch refusal {
            case .tooLong: Texts.inputTooLong(language).replacingEvery("{n}", with: "\(field.maxLength)")
            case .notPrintable: Texts.inputNotPrintable(language)
            case .notADigit: Texts.inputDigitsOnly(language)
            }
            screen.message = (text, .note)
            inputNotice = true
        } else if inputNotice {
            screen.message = nil
            inputNotice = false
        }
    }

    public var screen: Screen {
        get { history[history.count - 1] }
        set { history[history.count - 1] = newValue }
    }

    /// The first screen of the history: the login screen a sign-in began on.
    var firstScreen: Screen { history[0] }

    /// The screen under the one on top, if any: what a flow's screen was opened from.
    var screenBelow: Screen? { history.count >= 2 ? history[history.count - 2] : nil }

    public var startControl: LoopControl { pending.isEmpty ? .continue : .work }

    /// A device-flow screen polls its provider (RFC 8628) without keys.
    public var tickInterval: Double? {
        if case .federation(.deviceFlow) = screen.route { return 0.25 }
        // The 操作ログ checks its hash chain a slice at a time between keys (AU-1).
        if case .console(.auditLog(_, let view)) = screen.route, view.chain.result == nil { return 0.001 }
        return nil
    }

    public mutating func tick() -> LoopControl {
        if busy { return .continue }
        if case .console(.auditLog) = screen.route {
            return performQuietly(.auditChainSlice)
        }
        let control = performQuietly(.pollDeviceFlow)
        settleFocus()
        return control
    }

    /// Keeps focus on an item of the screen on top (UI-2, issue 9 fuzzing): a
    /// screen just opened had no focus until the next key (render showed its
    /// first item focused on a copy), and code that reads the focus before the
    /// form does (the user list's and the 操作ログ's paging keys) saw nothing.
    mutating func settleFocus() {
        screen.form.settle(screen.items(language, now: now).flatMap(\.focusIDs))
    }

    var now: Date { engines.ifOpen?.clock.now() ?? Date() }

    // MARK: TerminalProgram

    /// The terminal draws ▀ two cells wide (East Asian ambiguous width as wide): the QR code
    /// is drawn wide, as with `--wide-qr`, so that it scans (issue 22 item 4, PK-1). A narrow answer
    /// leaves `--wide-qr` as it was given: the option stays an override.
    public mutating func measuredBlockWidth(_ cells: Int) -> LoopControl {
        if cells >= 2 { wideQR = true }
        return .continue
    }

    public mutating func handle(_ event: KeyEvent) -> LoopControl {
        if case .resize(let w, let h) = event { size = (w, h) }
        if busy { return .continue }
        if let start = signedInAt, let limit = maxSession, now.timeIntervalSince(start) >= limit {
            // The sign-in's lifetime is over, busy or not: sign in again (ASVS 7.3.2).
            signOutReason = .lifetime
            resetForNextVisitor()
            screen.message = (Texts.signedOutLifetime(language), .note)
            return .continue
        }
        if size.width < App.minimumWidth || size.height < App.minimumHeight {
            // The form is hidden behind 「画面が小さすぎます」: no key reaches it (issue 20 item 10),
            // only F10 quits (outside a kiosk) and a resize brings it back.
            if event == .function(10), !kiosk { return quit() }
            return .continue
        }
        if screen.qrFullScreen, event != .resize(width: size.width, height: size.height) {
            // Any key closes the full-screen QR code and goes to the code field, where
            // there is one: a device flow's code (LG-4) has none, and focus stays put
            // there (it was set to a "code" that is no item of that screen).
            screen.qrFullScreen = false
            if screen.form.fields[.code] != nil { screen.form.focus = .code }
            return .continue
        }
        switch event {
        case .resize:
            return .continue
        case .function(10):
            return kiosk ? .continue : quit()
        case .function(2):
            guard inboxAvailable else { return .continue }
            if case .inbox = screen.route { return .continue }
            return apply([.openInbox])
        default:
            break
        }
        if let control = consoleKey(event) {
            settleFocus()
            return control
        }
        if scrollKey(event) { return .continue }
        // Any other key brings the focus back into view (issue 20 item 2).
        screen.form.scrollPinned = false
        let items = currentItems
        var form = screen.form
        let outcome = form.handle(event, items: items, primary: screen.primary)
        screen.form = form
        switch outcome {
        case .handled, .ignored:
            noteRefusedInput()
            consoleAfterKey()
            return .continue
        case .back:
            if case .twoStep(.recoveryCode) = screen.route {
                // The new recovery code must be confirmed (TF-5): Esc does not skip it.
                screen.message = (Texts.recoveryTickFirst(language), .error)
                return .continue
            }
            if case .twoStep(.done(let s)) = screen.route { return apply([.arrive(s)]) }
            // Esc on the メイン画面 asks before signing out (issue 20 item 8).
            if case .main(.top(let s)) = screen.route { return apply([.push(.main(.confirmSignOut(s)))]) }
            return apply([.back])
        case .activated(let id):
            return apply(activate(id))
        }
    }

    /// Quitting the client ends whoever's sign-in is on it: audited like any sign-out
    /// (issue 20 item 8).
    mutating func quit() -> LoopControl {
        if signedInPersonID != nil {
            endSignIn(.quit)
            recordEndedSignIns()
        }
        return .quit
    }

    public mutating func performWork() -> LoopControl {
        let work = pending
        pending = []
        busy = false
        var control = LoopControl.continue
        for effect in work {
            control = perform(effect)
            if control == .quit { return .quit }
        }
        recordEndedSignIns()
        settleFocus()
        return control
    }

    // MARK: Effects

    /// Navigation happens at once (`navigate`), and so do quick reads (`performQuietly`);
    /// other engine work is queued for after the next paint, the screen saying 確認しています….
    mutating func apply(_ effects: [Effect]) -> LoopControl {
        var needsWork = false
        for effect in effects {
            if case .quit = effect { return kiosk ? .continue : quit() }
            if case .quietly(let read) = effect {
                if performQuietly(read) == .quit { return .quit }
                continue
            }
            if !navigate(effect) {
                pending.append(effect)
                needsWork = true
            }
        }
        recordEndedSignIns()
        if needsWork {
            busy = true
            screen.message = (Texts.checking(language), .muted)
            return .work
        }
        settleFocus()
        return .continue
    }

    mutating func perform(_ effect: Effect) -> LoopControl {
        // Quick reads open the engine themselves, when they need it.
        if case .quietly(let read) = effect { return performQuietly(read) }
        screen.message = nil
        inputNotice = false
        // What the flow does with the reply: the navigation it returns, applied by `apply`.
        var next: [Effect] = []
        do {
            let engine = try engines.get()
            if context.device == nil { context.device = engines.device }
            if let name = engines.terminalName, context.terminal.isEmpty { context.terminal = name }
            // The one dispatch of engine work: each flow says, in its folder, what it does with the reply.
            switch effect {
            case .signIn(let email, let password): next = try performSignIn(email: email, password: password, engine: engine)
            case .sendSMS(let step, let phone): next = try performSendSMS(step, phone: phone, engine: engine)
            case .setUpAuthenticator(let step): next = try performSetUpAuthenticator(step, engine: engine)
            case .verifyCode(let step, let method, let code, let remember):
                next = try performVerifyCode(step, method, code: code, remember: remember, engine: engine)
            case .recover(let step, let code, let remember):
                next = try performRecover(step, code: code, remember: remember, engine: engine)
            case .requestReset(let email): next = try performRequestReset(email: email, engine: engine)
            case .resetPassword(let link, let password, let confirmation):
                next = try performResetPassword(link, password: password, confirmation: confirmation, engine: engine)
            case .startFederation(let method, let purpose): next = try startFederation(method, purpose, engine: engine)
            case .checkConnectionID(let typed, let purpose): next = try checkConnectionID(typed, purpose, engine: engine)
            case .directorySignIn(let id, let user, let password, let purpose):
                next = try directorySignIn(id, user: user, password: password, purpose, engine: engine)
            case .register(let link, let password, let confirmation):
                next = try performRegister(link, password: password, confirmation: confirmation, engine: engine)
            case .openLink(let url): next = try open(url, engine: engine)
            case .openInbox: next = try performOpenInbox(engine: engine)
            case .arrive(let s): next = try arrive(s, engine: engine)
            case .settings(let work):
                do {
                    next = try performSettings(work, engine: engine)
                } catch {
                    next = showSettings(error, for: work)
                }
            case .console(let work):
                do {
                    next = try performConsole(work, engine: engine)
                } catch {
                    next = showConsole(error, for: work)
                }
            case .setLineNotice(let s, let line, let notify):
                next = try performSetLineNotice(s, line, notify: notify, engine: engine)
            case .quietly:
                break  // done above, before the engine is opened
            case .push, .open, .replace, .pop, .signOut, .home, .restart, .back, .toMain, .showMenu, .menuAfterSignIn,
                 .leaveFederation, .update, .say, .quit:
                break  // navigation: `apply` does it at once, it never waits for the engine
            }
        } catch let error as EngineError {
            next = show(error, for: effect)
        } catch let error as StoreError {
            next = show(.store(error), for: effect)
        } catch let error as FederationError {
            next = federationFailed(error)
        } catch {
            screen.message = (ErrorText.describe(any: error, language), .error)
        }
        return apply(next)
    }

    /// The runner's quiet side (`Effect.quietly`): the same one dispatch of engine work, done
    /// at once with no 確認しています… message and no busy state, so a screen that reads
    /// as keys come (the user list, the 操作ログ) or as the clock ticks (a device flow)
    /// looks exactly as it did when it called the engine itself.
    @discardableResult
    mutating func performQuietly(_ read: QuickRead) -> LoopControl {
        switch read {
        case .users(let s, let query, let page, let focusFirst):
            do {
                try showUsers(s, query: query, page: page, focusFirst: focusFirst, engine: try engines.get())
            } catch let e as EngineError {
                screen.message = (ErrorText.describe(e, language), .error)
            } catch {
                screen.message = (ErrorText.describe(any: error, language), .error)
            }
        case .auditLog(let s, let request):
            do {
                try showAudit(s, request: request, engine: try engines.get())
            } catch let e as EngineError {
                screen.message = (ErrorText.describe(e, language), .error)
            } catch {
                screen.message = (ErrorText.describe(any: error, language), .error)
            }
        case .auditChainSlice:
            do {
                try checkAuditSlice(engine: try engines.get())
            } catch let e as EngineError {
                screen.message = (ErrorText.describe(e, language), .error)
            } catch {
                // The check waits for the next tick.
            }
        case .recordSignOut(let person, let reason):
            do {
                try engines.get().recordSignOut(personID: person, reason: reason, context: context)
            } catch let e as EngineError {
                screen.message = (ErrorText.describe(e, language), .error)
            } catch {
                screen.message = (ErrorText.describe(any: error, language), .error)
            }
        case .pollDeviceFlow:
            return apply(pollDeviceFlow())
        case .finishFederation(let identity, let purpose):
            do {
                return apply(try finishFederation(identity, purpose, engine: try engines.get()))
            } catch let e as EngineError {
                if case .locked = e { return apply(show(e, for: .startFederation(identity.method, purpose))) }
                // The provider vouched, the engine refused: leave the waiting screen, saying why.
                return apply(leaveFederation(message: ErrorText.describe(e, language)))
            } catch let e as FederationError {
                return apply(federationFailed(e))
            } catch {
                screen.message = (ErrorText.describe(any: error, language), .error)
            }
        case .recordFederatedFailure(let method, let reason):
            // Best effort: the screen says why the sign-in ended whether or not this is written.
            try? engines.get().recordFederatedFailure(method, reason: reason, context: context)
        case .databaseMark:
            // Right after the first paint, the database opening on its own thread (issue 19
            // finding 1): a database `monban demo` made has its 受信箱 on every screen. One
            // another process holds is not waited for beyond half a second.
            let demo = engines.demoMark(within: 0.5)
            if demo == true {
                inboxEnabled = true
                inboxShowsEveryone = true
                showsDemoAccounts = true
                // Before the first key: the state every visitor of a demo kiosk starts from.
                if kiosk { demoFirstState = try? engines.get().demoFirstState() }
            }
            onDatabaseMark?(demo)
        }
        return .continue
    }

    /// Reads, right after the first paint, whether `monban demo` made the database, and
    /// tells `then` (true, false, or nil when the database did not answer in time).
    public mutating func readDatabaseMarkAfterFirstPaint(then: @escaping (Bool?) -> Void) {
        onDatabaseMark = then
        pending.insert(.quietly(.databaseMark), at: 0)
    }

    /// Maps an engine refusal to the manual's words on the right screen (the UI edge).
    mutating func show(_ error: EngineError, for effect: Effect) -> [Effect] {
        let l = language
        switch error {
        case .locked(let reason):
            screen.form.clear([.password])
            return [.push(.login(.locked(reason)))]
        case .lineAuthenticationFailed:
            screen.form.clear([.password])
            return [.push(.main(.lineAuthError(line: context.line)))]
        case .linkExpired(let purpose):
            return [.push(.recovery(.linkProblem(
                title: Texts.expiredTitle, message: purpose == .unlock ? Texts.unlockExpired : Texts.linkExpired,
                offerReset: purpose == .unlock || purpose == .passwordReset)))]
        case .linkUsed:
            if case .resetPassword = effect {
                screen.message = (Texts.linkUsed(l), .error)
                return []
            }
            return [.push(.recovery(.linkProblem(title: Texts.linkTitle, message: Texts.linkUsed, offerReset: false)))]
        case .linkInvalid, .linkNotForThis:
            return [.push(.recovery(.linkProblem(title: Texts.linkTitle, message: Texts.linkInvalid, offerReset: false)))]
        case .secondStepExpired, .wrongCode(triesLeft: 0):
            var login = Screen(route: .login(.entry))
            login.form = firstScreen.form
            login.form.clear([.password])
            login.form.focus = .password
            login.message = (Texts.signInAgain(l), .error)
            return [.restart([login])]
        case .identityNotRegistered, .identityInUse, .facebookToFacebook:
            return leaveFederation(message: ErrorText.describe(error, l))
        case .wrongDirectoryDomain:
            // The message names the contract's domain; the account is what to fix (issue 20 item 17).
            screen.message = (ErrorText.describe(error, l), .error)
            screen.form.clear([.password])
            screen.form.focus = .userPrincipalName
        case .directoryRefused:
            screen.message = (ErrorText.describe(error, l), .error)
            screen.form.clear([.password])
        case .wrongCode, .smsCodeExpired, .malformedRecoveryCode:
            screen.message = (ErrorText.describe(error, l), .error)
            screen.form.clear([.code, .recovery])
        case .malformedCode:
            // Not a try (TF-2): the short code stays, selected, so that typing the code again
            // replaces it and a cursor key keeps it for the digits missing (issue 20 item 12).
            screen.message = (ErrorText.describe(error, l), .error)
            screen.form.fields[.code]?.selectAll()
            screen.form.focus = .code
        default:
            screen.message = (ErrorText.describe(error, l), .error)
            if case .signIn = effect { screen.form.clear([.password]) }
            if case .resetPassword = effect { screen.form.clear([.new, .again]); screen.form.focus = .new }
        }
        return []
    }
}
