/// What names a form's controls: any hashable value the program chooses (an enum of
/// its screens' controls, say). A radio group's options are named from the group's name.
public protocol ControlIdentifier: Hashable, Sendable {
    /// The name of option `index` of the radio group `group`.
    static func option(_ index: Int, of group: Self) -> Self
    /// Whether the control cancels, goes back or destroys something: a screen never opens
    /// with the focus on one, unless it has nothing else (`Form.settle`).
    var isCancelOrDestructive: Bool { get }
}

extension ControlIdentifier {
    public var isCancelOrDestructive: Bool { false }
}

/// One element of a screen, top to bottom. Screens describe themselves as a list
/// of these; `FormLayout` turns the list into lines and `Form` handles focus.
public enum FormItem<ID: ControlIdentifier>: Sendable, Equatable {
    /// The screen's title, bold, with a rule under it.
    case title(String)
    /// A paragraph, wrapped at the content width.
    case text(String, Style = .normal)
    /// An empty line.
    case gap
    /// A labelled one-line text or password field (its state lives in the form).
    case field(id: ID, label: String)
    /// A one-line text field with its label before it on the same line.
    case inlineField(id: ID, label: String)
    /// A check box.
    case checkbox(id: ID, label: String)
    /// A radio group: one of `options`.
    case radio(id: ID, options: [String])
    /// A button: "[ label ]". The primary one is what Enter in a field submits.
    case button(id: ID, label: String)
    /// Several buttons on one line.
    case buttons([(id: ID, label: String)])
    /// A link inside a sentence: `before` + underlined `label` + `after`.
    case link(id: ID, before: String = "", label: String, after: String = "")
    /// The manual's "! ここに注意" box.
    case note(heading: String, lines: [String])
    /// An error or status line.
    case message(String, Style)
    /// One row of a scrolling list, focusable, activated with Enter.
    case row(id: ID, text: String)
    /// A multi-line editor (its state lives in the form), with a mark per bad line.
    case editor(id: ID, marks: [Int: String])

    public static func == (a: FormItem, b: FormItem) -> Bool {
        String(describing: a) == String(describing: b)
    }

    /// The ids of the item's focusable parts, in order.
    public var focusIDs: [ID] {
        switch self {
        case .field(let id, _), .checkbox(let id, _), .button(let id, _), .link(let id, _, _, _), .row(let id, _),
             .editor(let id, _), .inlineField(let id, _):
            [id]
        case .radio(let id, let options): options.indices.map { ID.option($0, of: id) }
        case .buttons(let list): list.map(\.id)
        default: []
        }
    }
}
