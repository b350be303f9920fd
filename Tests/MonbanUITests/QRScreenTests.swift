import Foundation
import MonbanCore
import TestSupport
import XCTest
@testable import MonbanTUI
@testable import MonbanUI

/// TF-3: the authenticator's QR code as the client draws it, read back with
/// zbarimg at every layout: full screen (80×24), beside the form (100×40),
/// and two spaces per module in reverse video (--wide-qr).
final class QRScreenTests: XCTestCase {
    func authenticatorScreen(width: Int, height: Int, wide: Bool = false,
                             email: String = UIFixture.email) throws -> (UIFixture, AuthenticatorSetup) {
        let f = try UIFixture(twoStep: true, email: email)
        f.app.wideQR = wide
        f.press(.resize(width: width, height: height))
        f.signIn()
        f.press(.tab, .tab, .enter)  // → QRコードでの認証はこちら
        guard case .twoStep(.authenticatorEnroll(_, let setup)) = f.app.screen.route else {
            XCTFail("not on the authenticator screen:\n\(f.render(width: width, height: height).text)")
            throw SetupFailed()
        }
        return (f, setup)
    }

    struct SetupFailed: Error {}

    func decodeHalfBlocks(_ canvas: Canvas) throws -> String {
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.map { "█▀▄".contains($0) ? $0 : " " })
        }
        return try ZbarDecode.decode(ZbarDecode.modules(halfBlockLines: lines))
    }

    func testTF3_fullScreenAt80x24IsLightToTheEdgesAndDecodes() throws {
        let (f, setup) = try authenticatorScreen(width: 80, height: 24)
        XCTAssertTrue(f.app.screen.qrFullScreen, "80×24 cannot hold the code beside the form")
        let canvas = f.render(width: 80, height: 24)
        XCTAssertEqual(try decodeHalfBlocks(canvas), setup.uri)
        // Dark on light whatever the terminal's colours: every cell is in the QR style.
        for y in 0..<24 {
            for x in 0..<80 { XCTAssertEqual(canvas[x, y].style.role, .qr, "cell \(x),\(y)") }
        }
        XCTAssertNil(canvas.cursor)
        // Any key closes it and puts the cursor in the code field.
        f.press(.character("1"))
        XCTAssertFalse(f.app.screen.qrFullScreen)
        XCTAssertEqual(f.app.screen.form.focus, .code)
        XCTAssertEqual(f.app.screen.form[field: .code], "", "the key that closed the code is not typed")
    }

    func testTF3_besideTheFormAt100x40IsLevelMWithAFullQuietZone() throws {
        let (f, setup) = try authenticatorScreen(width: 100, height: 40)
        XCTAssertFalse(f.app.screen.qrFullScreen)
        let canvas = f.render(width: 100, height: 40)
        XCTAssertEqual(try decodeHalfBlocks(canvas), setup.uri)
        let plan = try XCTUnwrap(QRPanel.sideBySide(setup.uri, width: 100, height: 40))
        XCTAssertEqual(plan.quietZone, 4)
        // The secret is printed under the code, grouped by four.
        let under = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)[1 + plan.extent.height]
        XCTAssertTrue(under.contains(QRCodeView.groupedSecret(setup.secret)), String(under))
        XCTAssertEqual(f.app.screen.form.focus, .code, "the code can be typed at once")
    }

    func testTF3_wideRenderingDecodesFromReverseVideo() throws {
        let (f, setup) = try authenticatorScreen(width: 160, height: 64, wide: true)
        let canvas = f.render(width: 160, height: 64)
        let plan = try XCTUnwrap(QRPanel.sideBySide(setup.uri, width: 160, height: 64, wide: true))
        XCTAssertTrue(plan.wide)
        let modules = ZbarDecode.modules(width: plan.extent.width, height: plan.extent.height) { x, y in
            canvas[1 + x, 1 + y].style.reverse
        }
        XCTAssertEqual(try ZbarDecode.decode(modules), setup.uri)
        XCTAssertFalse(canvas.text.contains("█"), "no block characters in the wide rendering")
    }

    func testTF3_terminalTooSmallForAnyCodeShowsTheKey() throws {
        let (f, setup) = try authenticatorScreen(width: 40, height: 12)
        let text = f.render(width: 40, height: 12).text
        XCTAssertTrue(text.contains("QRコードを表示するには端末"), text)
        XCTAssertTrue(text.contains(String(QRCodeView.groupedSecret(setup.secret).prefix(9))), text)
    }

    /// Issue 22 item 4 (PK-1): the terminal measured ▀ two cells wide, without --wide-qr: the QR code
    /// is drawn wide (no half blocks); measured one cell wide, --wide-qr given stays.
    func testAMeasuredWideTerminalGetsTheWideCodeAndTheOptionStaysAnOverride() throws {
        let f = try UIFixture(twoStep: true)
        XCTAssertFalse(f.app.wideQR)
        XCTAssertEqual(f.app.measuredBlockWidth(2), .continue)
        XCTAssertTrue(f.app.wideQR)
        f.press(.resize(width: 160, height: 64))
        f.signIn()
        f.press(.tab, .tab, .enter)
        guard case .twoStep(.authenticatorEnroll(_, let setup)) = f.app.screen.route else {
            return XCTFail("not on the authenticator screen")
        }
        let canvas = f.render(width: 160, height: 64)
        XCTAssertFalse(canvas.text.contains { "▀▄█".contains($0) }, canvas.text)
        let plan = try XCTUnwrap(QRPanel.sideBySide(setup.uri, width: 160, height: 64, wide: true))
        let modules = ZbarDecode.modules(width: plan.extent.width, height: plan.extent.height) { x, y in
            canvas[1 + x, 1 + y].style.reverse
        }
        XCTAssertEqual(try ZbarDecode.decode(modules), setup.uri, "the wide code scans")

        let given = try UIFixture(twoStep: true)
        given.app.wideQR = true
        _ = given.app.measuredBlockWidth(1)
        XCTAssertTrue(given.app.wideQR, "--wide-qr is an override")
    }

    // MARK: issue 20 item 1: every demo account, and a 40-character address, at 80×24

    /// The demo's accounts with two-step verification on (DemoCommand.accounts), and an
    /// address of 40 characters.
    static let longAddresses = [
        "keiyakusha@demo.monban.example", "kanrisha@demo.monban.example", "riyousha@demo.monban.example",
        "trial@demo.monban.example", "yamada.tarou.keiyaku@demo.monban.example",
    ]

    func testTF3_fortyCharacterAddressScansAt80x24() throws {
        XCTAssertEqual(Self.longAddresses.last?.count, 40)
        for email in Self.longAddresses {
            let (f, setup) = try authenticatorScreen(width: 80, height: 24, email: email)
            XCTAssertTrue(setup.uri.contains(email), setup.uri)
            let canvas = f.render(width: 80, height: 24)
            XCTAssertFalse(canvas.text.contains("QRコードを表示するには端末"), "\(email):\n\(canvas.text)")
            XCTAssertEqual(try decodeHalfBlocks(canvas), setup.uri, email)
            // The whole screen is the code's light ground.
            for y in 0..<24 {
                for x in 0..<80 { XCTAssertEqual(canvas[x, y].style.role, .qr, "\(email): cell \(x),\(y)") }
            }
            // The key beside the code, whole: nothing cut at the screen's edge.
            for group in QRCodeView.groupedSecret(setup.secret).split(separator: " ") {
                XCTAssertTrue(canvas.text.contains(group), "\(email): \(group) missing:\n\(canvas.text)")
            }
        }
    }

    /// The storyboard's capture of the demo contractor's enrolment, read back from the file
    /// as a person would scan the screen.
    func testTF3_demoCaptureInScreensDecodes() throws {
        let url = StoryboardTests.screensDir.appendingPathComponent("1-1-2fa-authenticator-qr-demo-80x24.txt")
        let uri = try ZbarDecode.decode(ZbarDecode.modules(screen: try String(contentsOf: url, encoding: .utf8)))
        XCTAssertTrue(uri.hasPrefix("otpauth://totp/monban:keiyakusha@demo.monban.example?secret="), uri)
        XCTAssertTrue(uri.hasSuffix("&issuer=monban"), uri)
    }
}
