/// One element of a screen, top to bottom. Screens describe themselves as a list
/// of these; `FormLayout` turns the list into lines and `Form` handles focus.
public enum FormItem: Sendable, Equatable {
    /// The screen's title, bold, with a rule under it.
    case title(String)
    /// A paragraph, wrapped at the content width.
    case text(String, Style = .normal)
    /// An empty line.
    case gap
    /// A labelled one-line text or password field (its state lives in the form).
    case field(id: String, label: String)
    /// A one-line text field with its label before it on the same line.
    case inlineField(id: String, label: String)
    /// A check box.
    case checkbox(id: String, label: String)
    /// A radio group: one of `options`.
    case radio(id: String, options: [String])
    /// A button: "[ label ]". The primary one is what Enter in a field submits.
    case button(id: String, label: String)
    /// Several buttons on one line.
    case buttons([(id: String, label: String)])
    /// A link inside a sentence: `before` + underlined `label` + `after`.
    case link(id: String, before: String = "", label: String, after: String = "")
    /// The manual's "! ここに注意" box.
    case note(heading: String, lines: [String])
    /// An error or status line.
    case message(String, Style)
    /// One row of a scrolling list, focusable, activated with Enter.
    case row(id: String, text: String)
    /// A multi-line editor (its state lives in the form), with a mark per bad line.
    case editor(id: String, marks: [Int: String])

    public static func == (a: FormItem, b: FormItem) -> Bool {
        String(describing: a) == String(describing: b)
    }

    /// The ids of the item's focusable parts, in order.
    public var focusIDs: [String] {
        switch self {
        case .field(let id, _), .checkbox(let id, _), .button(let id, _), .link(let id, _, _, _), .row(let id, _),
             .editor(let id, _), .inlineField(let id, _):
            [id]
        case .radio(let id, let options): options.indices.map { "\(id)#\($0)" }
        case .buttons(let list): list.map(\.id)
        default: []
        }
    }
}
