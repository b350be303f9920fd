import Foundation
import TestSupport
import XCTest

/// Issue 22 item 4 (PK-1): the client asks the terminal how wide it draws ▀ after its first
/// paint; a terminal that never answers (script(1)'s pseudo-terminal, whose other end is a
/// pipe) must neither delay the screen nor hang the client: it is drawn, and F10 quits.
final class SilentTerminalTests: EndToEndTestCase {
    func testATerminalThatNeverAnswersStillGetsTheScreenAndQuits() throws {
        guard let script = ZbarDecode.findOnPath("script") else { throw TestEnvironmentMissing("script (util-linux) is needed") }
        try createContract(email: "keiyaku@example.com", password: "Himitsu-2026!", twoStep: false)
        let started = Date()
        // F10 (xterm's kf10) waits in the terminal's input until the client reads keys.
        let r = try MonbanProcess.run(["-q", "-e", "-c", "'\(MonbanProcess.binary)' --db '\(db)'", "/dev/null"],
                                      stdin: "\u{1b}[21~",
                                      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8",
                                                    "XDG_STATE_HOME": dir.appendingPathComponent("state").path],
                                      executable: script)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stdout.contains("ログイン"), "the login screen was drawn")
        XCTAssertTrue(r.stdout.contains("\u{1b}[6n"), "the cursor-position question was asked")
    }
}
