import MonbanTUI

/// Reading a screen taller than the window (UI-3, issue 20 item 2): PageUp and PageDown
/// scroll its text a window at a time, ↑ on the first control and ↓ on the last a line at a
/// time, with the ^ and v marks FormLayout draws; the text stays where the person put it
/// until a key moves the focus or types, which brings the focus back into view.
extension App {
    /// Scrolls for `event` and says whether it did (or the key had nothing more to show).
    mutating func scrollKey(_ event: KeyEvent) -> Bool {
        guard [KeyEvent.pageUp, .pageDown, .up, .down].contains(event),
              size.width >= App.minimumWidth, size.height >= App.minimumHeight, !screen.qrFullScreen
        else { return false }
        let items = currentItems
        var form = screen.form
        let ids = items.flatMap(\.focusIDs)
        form.settle(ids)
        // The line-number editor moves its cursor with these keys.
        if let f = form.focus, form.editors[f] != nil { return false }
        // ↑ and ↓ elsewhere than on the first and last control only move the focus.
        if event == .up, !ids.isEmpty, form.focus != ids.first { return false }
        if event == .down, !ids.isEmpty, form.focus != ids.last { return false }
        let frame = formFrame(width: size.width, height: size.height)
        guard frame.width > 0, frame.height > 0 else { return false }
        let view = FormLayout.viewport(items, form: form, width: frame.width, height: frame.height,
                                       hints: Texts.secretHints(language))
        let below = view.lines - frame.height - view.scroll
        let page = max(1, frame.height - 1)
        let target: Int?
        switch event {
        case .pageDown: target = below > 0 ? view.scroll + page : nil
        case .pageUp: target = view.scroll > 0 ? view.scroll - page : nil
        case .down: target = below > 0 ? view.scroll + 1 : nil
        case .up: target = view.scroll > 0 ? view.scroll - 1 : nil
        default: return false
        }
        guard let target else {
            // PageUp at the top and PageDown at the bottom do nothing; ↑ and ↓ move the focus.
            return event == .pageUp || event == .pageDown
        }
        form.scroll = max(0, min(target, view.lines - frame.height))
        form.scrollPinned = true
        screen.form = form
        return true
    }
}
