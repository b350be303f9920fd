import FoundationEssentials
import MonbanCore
import MonbanTUI

/// One screen on the client's history: its route, its form, and a message line.
public struct Screen: Equatable, Sendable {
    public var route: Route
    public var form = ScreenForm()
    public var message: (text: String, style: Style)?
    /// The authenticator's QR code covers the whole screen (small terminals, TF-3).
    public var qrFullScreen = false

    public init(route: Route) {
        self.route = route
        switch route {
        case .login(.entry):
            form.addField(.email, maxLength: 254)
            form.addField(.password, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .recovery(.forgot):
            form.addField(.email, maxLength: 254)
        case .recovery(.reset):
            form.addField(.new, maxLength: PasswordPolicy.maximumLength, secure: true)
            form.addField(.again, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .twoStep(.smsPhone):
            form.addField(.phone, maxLength: 32)
        case .twoStep(.smsCode), .twoStep(.authenticatorEnroll), .twoStep(.authenticatorCode):
            // Six digits, digits only (TF-2, TF-3; issue 20 item 12).
            form.addField(.code, maxLength: App.codeLength, digitsOnly: true)
        case .twoStep(.recoveryEntry):
            form.addField(.recovery, maxLength: 64)
        case .federation(.connectionIDEntry):
            form.addField(.connectionID, maxLength: 64)
        case .federation(.directorySignIn):
            form.addField(.userPrincipalName, maxLength: 256)
            form.addField(.password, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .registration(.entry), .registration(.methodPassword):
            form.addField(.password, maxLength: PasswordPolicy.maximumLength, secure: true)
            form.addField(.again, maxLength: PasswordPolicy.maximumLength, secure: true)
        case .settings(let r):
            addSettingsFields(r)
        case .console(let r):
            addConsoleFields(r)
        case .main(.lineNotice):
            form.radios[.notify] = 0
        default:
            break
        }
    }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.route == b.route && a.form == b.form && a.message?.text == b.message?.text
    }

    /// The login screen with `email` typed and the focus on the password (issue 20 item 15).
    static func login(email: String) -> Screen {
        var login = Screen(route: .login(.entry))
        login.form.fields[.email]?.set(email)
        if !email.isEmpty { login.form.focus = .password }
        return login
    }

    /// The button Enter in a text field submits.
    var primary: ControlID? {
        switch route {
        case .login(.entry): .login
        case .recovery(.forgot): .send
        case .recovery(.reset): .send
        case .twoStep(.done): .proceed
        case .twoStep: .next
        case .federation(.connectionIDEntry): .next
        case .federation(.directorySignIn): .signIn
        case .registration(.entry), .registration(.methodPassword): .register
        case .settings(let r): Self.settingsPrimary(r)
        case .console(let r): Self.consolePrimary(r)
        case .main(.lineNotice): .decide
        default: nil
        }
    }

    func items(_ l: Language, now: Date) -> [ScreenItem] {
        var items: [ScreenItem]
        switch route {
        case .login(let s):
            items = loginItems(s, l)
        case .recovery(let s):
            items = recoveryItems(s, l)
        case .twoStep(let s):
            items = twoStepItems(s, l, now: now)
        case .federation, .registration:
            items = federationItems(l, now: now)
        case .settings(let r):
            items = settingsItems(r, l, now: now)
        case .console(let r):
            items = consoleItems(r, l, now: now)
        case .main(let s):
            items = mainItems(s, l, now: now)
        case .inbox(let s):
            items = inboxItems(s, l)
        }
        if let message {
            // Under the title; on the line-number editor, right above the editor so it shows with it.
            let at = items.firstIndex { if case .editor = $0 { true } else { false } } ?? min(1, items.count)
            items.insert(.message(message.text, message.style), at: at)
        }
        return items
    }

    static func summary(_ s: SignedIn, _ l: Language, now: Date) -> [ScreenItem] {
        let role: Text = switch s.person.role {
        case .contractor: Texts.contractor
        case .administrator: Texts.administrator
        case .user: Texts.user
        }
        var plan = s.contract.plan == .basic ? Texts.basicPlan(l) : Texts.trialPlan(l)
        if case .trial(let end) = s.contract.status(at: now) { plan += "（\(Texts.trialEnds(l)): \(shortDate(end))）" }
        let name = s.person.name.isEmpty ? s.person.email : "\(s.person.name) <\(s.person.email)>"
        return [
            .text("\(Texts.signedInAs(l)): \(name)"),
            .text("\(Texts.role(l)): \(role(l))"),
            .text("\(Texts.contract(l)): \(s.contract.id)   \(Texts.plan(l)): \(plan)"),
        ]
    }

    /// A link with its ticket cut to four characters ("…?ticket=cfXY...").
    static func masked(_ link: String) -> String {
        guard let r = link.firstRange(of: "ticket=") else { return link }
        let token = link[r.upperBound...]
        return String(link[..<r.upperBound]) + token.prefix(4) + (token.count > 4 ? "..." : "")
    }

    static func shortDate(_ date: Date) -> String { jst(date, "yyyy-MM-dd HH:mm") }

    /// `YYYY-MM-DD` as the start of that day in JST, nil when it is not a date.
    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600) ?? .current
        let c = DateComponents(year: y, month: m, day: d)
        guard c.isValidDate(in: calendar), let date = calendar.date(from: c) else { return nil }
        return date
    }

    /// A day, for the trial's dates (CT-2).
    static func longDate(_ date: Date) -> String { jst(date, "yyyy-MM-dd") }

    /// `date` in JST, the service's time, formatted with `format`.
    /// Only the fields yyyy, MM, dd, HH, mm and ss (Gregorian, JST has no daylight saving);
    /// no DateFormatter, which needs CoreFoundation (bench/README.md, "Before the first paint").
    static func jst(_ date: Date, _ format: String) -> String {
        let t = JSTTime(date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        var out = ""
        var rest = Substring(format)
        while !rest.isEmpty {
            if rest.hasPrefix("yyyy") {
                out += String(t.year); rest = rest.dropFirst(4); continue
            }
            let field: Int? = switch rest.prefix(2) {
            case "MM": t.month
            case "dd": t.day
            case "HH": t.hour
            case "mm": t.minute
            case "ss": t.second
            default: nil
            }
            if let field {
                out += two(field); rest = rest.dropFirst(2)
            } else {
                out.append(rest.removeFirst())
            }
        }
        return out
    }
}
