import MonbanCore
import MonbanFederation
import MonbanTUI

/// Drawing the client: a header bar, the screen's form in a centred column,
/// and the footer with the keys (UI-1, UI-2, UI-3).
extension App {
    public func render(into canvas: inout Canvas) {
        canvas.consoleGlyphs = consoleGlyphs && language == .en
        let w = canvas.width, h = canvas.height
        guard w >= App.minimumWidth, h >= App.minimumHeight else {
            renderTooSmall(into: &canvas)
            return
        }
        if let qr = qrContent, screen.qrFullScreen {
            renderQRFullScreen(qr, into: &canvas)
            return
        }
        let frame = formFrame(width: w, height: h)
        // Header.
        canvas.fill(x: 0, y: 0, width: w, height: 1, style: Style(.inverse, reverse: true))
        canvas.put(" " + Texts.appName(language), x: 0, y: 0, style: Style(.inverse, bold: true, reverse: true))
        let service = Texts.service(language) + " "
        canvas.put(service, x: max(0, w - DisplayWidth.of(service)), y: 0, style: Style(.inverse, reverse: true))
        if let banner {
            canvas.put(banner, x: 1, y: 1, style: .muted, limit: w - 2)
        }
        // Footer.
        let keys = FooterKeys.line(FooterKeys.keys(inbox: inboxAvailable, kiosk: kiosk), language: language, width: w - 2)
        canvas.put(keys, x: 1, y: h - 1, style: .muted, limit: w - 2)
        if let plan = frame.qrBeside, let qr = qrContent {
            QRCodeView.draw(plan.matrix, into: &canvas, x: 1, y: 1, fallback: plan.wide, quietZone: plan.quietZone)
            canvas.put(qr.under, x: 1 + plan.quietZone, y: 1 + plan.extent.height, style: .normal, limit: plan.extent.width)
        }
        if let panel = frame.demoPanel {
            // The demo's accounts to the right of the login form (issue 20 item 5).
            DemoPanel.draw(into: &canvas, x: panel.x, y: frame.y, width: panel.width, height: frame.height, language)
        }
        var form = screen.form
        let items = currentItems
        form.settle(items.flatMap(\.focusIDs))
        let cursor = FormLayout.draw(items, form: &form, into: &canvas, x: frame.x, y: frame.y, width: frame.width,
                                     height: frame.height, hints: Texts.secretHints(language))
        canvas.cursor = cursor
    }

    /// Where the screen's form goes in a window of `w`×`h` (the same for drawing and for the
    /// keys that scroll it, issue 20 item 2): a centred column at most 72 wide under the
    /// header, beside the QR code when it is drawn, left of the demo's accounts on its
    /// login screen.
    struct FormFrame {
        var x: Int, y: Int, width: Int, height: Int
        var qrBeside: QRPanel.Plan?
        var demoPanel: (x: Int, width: Int)?
    }

    func formFrame(width w: Int, height h: Int) -> FormFrame {
        let top = 2
        var frame = FormFrame(x: (w - min(72, w - 4)) / 2, y: top, width: min(72, w - 4), height: h - top - 2)
        if let qr = qrContent, !screen.qrFullScreen,
           let plan = QRPanel.sideBySide(qr.uri, width: w, height: h, wide: wideQR) {
            frame.qrBeside = plan
            frame.x = plan.extent.width + 3
            frame.width = min(72, w - frame.x - 1)
        } else if showsDemoAccounts, screen.route == .login(.entry), w >= DemoPanel.minimumWindowWidth {
            frame.width = min(72, w - DemoPanel.width - 4)
            frame.x = max(1, (w - frame.width - 2 - DemoPanel.width) / 2)
            let panelX = frame.x + frame.width + 2
            frame.demoPanel = (panelX, min(DemoPanel.width, w - panelX - 1))
        }
        return frame
    }

    /// What a screen shows as a QR code: the authenticator's otpauth URI (TF-3)
    /// with the key under it, or a device flow's verification URL (LG-4) with the code.
    struct QRContent {
        var uri: String
        /// The line under the code.
        var under: String
        /// Beside the full-screen code: a label and its text, split into groups.
        var label: Text
        var groups: [String]
        /// What a key does on the full-screen code.
        var hint: Text
    }

    var qrContent: QRContent? {
        switch screen.route {
        case .twoStep(.authenticatorEnroll(_, let setup)):
            let grouped = QRCodeView.groupedSecret(setup.secret)
            return QRContent(uri: setup.uri, under: grouped, label: Texts.secretKey,
                             groups: grouped.split(separator: " ").map(String.init), hint: Texts.qrOverlayHint)
        case .federation(.deviceFlow(let s)):
            return QRContent(uri: s.qrURL, under: s.authorization.userCode, label: Texts.deviceCode,
                             groups: [s.authorization.userCode], hint: Texts.qrBackHint)
        default:
            return nil
        }
    }

    /// The QR code alone on a light screen, the key or code and a hint beside it (TF-3, LG-4).
    func renderQRFullScreen(_ qr: QRContent, into canvas: inout Canvas) {
        let w = canvas.width, h = canvas.height
        canvas.cursor = nil
        guard let plan = QRPanel.fullScreen(qr.uri, width: w, height: h, wide: wideQR) else {
            var lines = TextWrap.lines(Texts.qrTooSmall(language), width: w - 2)
            lines += ["", qr.groups.joined(separator: " "), "", qr.hint(language)]
            for (i, l) in lines.prefix(h).enumerated() { canvas.put(l, x: 1, y: i, style: .normal, limit: w - 2) }
            return
        }
        canvas.fill(x: 0, y: 0, width: w, height: h, style: .qr)
        let top = (h - plan.extent.height) / 2
        QRCodeView.draw(plan.matrix, into: &canvas, x: 0, y: top, fallback: plan.wide, quietZone: plan.quietZone)
        let side = plan.extent.width + 1
        let sideWidth = w - side - 1
        guard sideWidth >= 12 else { return }
        var lines = TextWrap.lines(Texts.qrScanHint(language), width: sideWidth) + [""]
        lines += TextWrap.lines(qr.label(language), width: sideWidth)
        let groups = qr.groups
        let perLine = max(1, (sideWidth + 1) / 5)
        stride(from: 0, to: groups.count, by: perLine).forEach { i in
            lines.append(groups[i..<min(groups.count, i + perLine)].joined(separator: " "))
        }
        lines += [""] + TextWrap.lines(qr.hint(language), width: sideWidth)
        for (i, l) in lines.prefix(h - 2).enumerated() {
            canvas.put(l, x: side, y: 1 + i, style: Style(.qr, bold: i == 0), limit: sideWidth)
        }
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
