import MonbanTUI
import XCTest

/// The keys of UI-2 on check boxes and radio buttons (issue 20 item 7): Space alone ticks or
/// selects; Enter goes on with what is shown, as in a field.
final class FormKeysTests: XCTestCase {
    indirect enum ID: ControlIdentifier {
        case code, remember, choice, go
        case option(Int, ID)
        static func option(_ index: Int, of group: ID) -> ID { .option(index, group) }
    }

    let items: [FormItem<ID>] = [
        .field(id: .code, label: "code"), .checkbox(id: .remember, label: "remember"),
        .radio(id: .choice, options: ["A", "B"]), .button(id: .go, label: "go"),
    ]

    /// Tick with Space, then Enter to go on: the screen's button is pressed with the tick kept
    /// (it used to untick silently and stay).
    func testEnterOnACheckBoxGoesOnWithTheTickShown() {
        var form = Form<ID>()
        form.focus = .remember
        XCTAssertEqual(form.handle(.space, items: items, primary: .go), .handled)
        XCTAssertEqual(form.checks[.remember], true)
        XCTAssertEqual(form.handle(.enter, items: items, primary: .go), .activated(.go))
        XCTAssertEqual(form.checks[.remember], true, "Enter does not change the tick")
        XCTAssertEqual(form.handle(.space, items: items, primary: .go), .handled)
        XCTAssertEqual(form.checks[.remember], false)
    }

    /// Enter on a radio button submits the choice that is marked; only Space moves the mark.
    func testEnterOnARadioButtonSubmitsTheMarkedChoice() {
        var form = Form<ID>()
        form.radios[.choice] = 0
        form.focus = .option(1, .choice)
        XCTAssertEqual(form.handle(.enter, items: items, primary: .go), .activated(.go))
        XCTAssertEqual(form.radios[.choice], 0)
        XCTAssertEqual(form.handle(.space, items: items, primary: .go), .handled)
        XCTAssertEqual(form.radios[.choice], 1)
    }
}
