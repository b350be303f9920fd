/// Drawing the client: a header bar, the screen's form in a centred column,
/// and the footer with the keys (UI-1, UI-2, UI-3).
extension App {
    public func render(into canvas: inout Canvas) {
        let w = canvas.width, h = canvas.height
        guard w >= App.minimumWidth, h >= App.minimumHeight else {
            renderTooSmall(into: &canvas)
            return
        }
        // Header.
        canvas.fill(x: 0, y: 0, width: w, height: 1, style: Style(.inverse, reverse: true))
        canvas.put(" " + Texts.appName(language), x: 0, y: 0, style: Style(.inverse, bold: true, reverse: true))
        let service = Texts.service(language) + " "
        canvas.put(service, x: max(0, w - DisplayWidth.of(service)), y: 0, style: Style(.inverse, reverse: true))
        var top = 2
        if let banner {
            canvas.put(banner, x: 1, y: 1, style: .muted, limit: w - 2)
            top = 2
        }
        // Footer.
        let keys = (kiosk ? Texts.keysKiosk : Texts.keysForm)(language)
        canvas.put(keys, x: 1, y: h - 1, style: .muted, limit: w - 2)
        // Body: a centred column, at most 72 wide.
        let columnWidth = min(72, w - 4)
        let x = (w - columnWidth) / 2
        var form = screen.form
        let items = screen.items(language, now: now)
        form.settle(items.flatMap(\.focusIDs))
        let cursor = FormLayout.draw(items, form: &form, into: &canvas, x: x, y: top, width: columnWidth,
                                     height: h - top - 2, language: language)
        canvas.cursor = cursor
    }

    func renderTooSmall(into canvas: inout Canvas) {
        let lines = TextWrap.lines(
            Texts.tooSmall(language) + " (\(App.minimumWidth)×\(App.minimumHeight))", width: max(1, canvas.width))
        for (i, l) in lines.prefix(canvas.height).enumerated() {
            canvas.put(l, x: 0, y: i, style: .error)
        }
        canvas.cursor = nil
    }
}
