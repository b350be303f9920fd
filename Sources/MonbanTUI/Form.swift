/// The interactive state of a screen: its fields, check boxes, radio choices
/// and which item has focus (UI-2). Focus moves in visual order over every
/// focusable item, links included.
public struct Form<ID: ControlIdentifier>: Sendable, Equatable {
    public var fields: [ID: TextFieldState] = [:]
    public var checks: [ID: Bool] = [:]
    public var radios: [ID: Int] = [:]
    /// Multi-line editors (the line-number editor, LA-2).
    public var editors: [ID: LineEditor] = [:]
    /// The focused item's id.
    public var focus: ID?
    /// The first line shown, when the screen is taller than the window.
    public var scroll = 0
    /// The person scrolled the text (PageUp/PageDown, ↑ on the first control, ↓ on the
    /// last): `scroll` stays where they put it, even with the focus out of view, until a
    /// key moves the focus or types (issue 20 item 2).
    public var scrollPinned = false

    public init() {}

    public subscript(field id: ID) -> String { fields[id]?.text ?? "" }

    public mutating func addField(_ id: ID, maxLength: Int, secure: Bool = false, digitsOnly: Bool = false,
                                  text: String = "") {
        fields[id] = TextFieldState(maxLength: maxLength, secure: secure, digitsOnly: digitsOnly, text: text)
    }

    /// Clears every field, e.g. after a refused password.
    public mutating func clear(_ ids: [ID]) {
        for id in ids { fields[id]?.set("") }
    }

    /// Makes sure focus is on one of `ids`: when it is not, the first that neither cancels
    /// nor destroys, so that a second Enter never cancels or destroys by accident (issue 20
    /// item 9); the first of all when every one does.
    public mutating func settle(_ ids: [ID]) {
        if let f = focus, ids.contains(f) { return }
        focus = ids.first { !$0.isCancelOrDestructive } ?? ids.first
    }

    public mutating func move(_ delta: Int, in ids: [ID]) {
        guard !ids.isEmpty else { focus = nil; return }
        guard let f = focus, let i = ids.firstIndex(of: f) else { focus = ids.first; return }
        focus = ids[(i + delta + ids.count) % ids.count]
    }
}

/// What a key did to a form.
public enum FormOutcome<ID: ControlIdentifier>: Sendable, Equatable {
    /// Nothing for the screen to do.
    case handled
    /// A button, link or row was activated (Enter), or Enter in a field submitted the primary button.
    case activated(ID)
    /// Esc.
    case back
    /// A key the form does not use.
    case ignored
}

extension Form {
    /// The keys of UI-2, the same on every screen.
    public mutating func handle(_ key: KeyEvent, items: [FormItem<ID>], primary: ID?) -> FormOutcome<ID> {
        let ids = items.flatMap(\.focusIDs)
        settle(ids)
        guard let current = focus else {
            return key == .escape ? .back : .ignored
        }
        let kind = items.first { $0.focusIDs.contains(current) }
        if case .editor = kind, var editor = editors[current] {
            // The editor takes every key but Tab, Shift-Tab, Esc and the function keys;
            // Up on its first line and Down on its last move focus on.
            switch key {
            case .tab, .backTab, .escape, .function, .resize:
                break
            default:
                if editor.handle(key) {
                    editors[current] = editor
                    return .handled
                }
                if key == .down || key == .up { break }
                return .ignored
            }
        }
        switch key {
        case .tab, .down:
            move(1, in: ids)
            return .handled
        case .backTab, .up:
            move(-1, in: ids)
            return .handled
        case .escape:
            return .back
        default:
            break
        }
        switch kind {
        case .field, .inlineField:
            if key == .enter { return primary.map { .activated($0) } ?? .handled }
            if key == .function(3), var f = fields[current], f.secure {
                f.revealed.toggle()
                fields[current] = f
                return .handled
            }
            if var f = fields[current], f.handle(key) {
                fields[current] = f
                return .handled
            }
            return .ignored
        case .checkbox:
            // Space alone ticks; Enter goes on with what is shown, as in a field (issue 20 item 7).
            if key == .space {
                checks[current, default: false].toggle()
                return .handled
            }
            if key == .enter { return primary.map { .activated($0) } ?? .handled }
        case .radio(let group, let options):
            if key == .space, let i = options.indices.first(where: { ID.option($0, of: group) == current }) {
                radios[group] = i
                return .handled
            }
            // Enter submits the choice shown (the marked one), never the one under the cursor.
            if key == .enter { return primary.map { .activated($0) } ?? .handled }
        case .button, .buttons, .link, .row:
            if key == .enter || key == .space { return .activated(current) }
            if case .buttons(let list) = kind, let i = list.firstIndex(where: { $0.id == current }) {
                if key == .right, i + 1 < list.count { focus = list[i + 1].id; return .handled }
                if key == .left, i > 0 { focus = list[i - 1].id; return .handled }
            }
        default:
            break
        }
        return .ignored
    }
}
