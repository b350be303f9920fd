import XCTest
@testable import MonbanCore
import MonbanTUI
@testable import MonbanUI

/// A line of the 管理コンソール's user list (US-1): no role is cut, in either language.
final class UserRowTests: XCTestCase {
    func row(_ role: Role, _ l: Language) -> String {
        Screen.userRow(UserSummary(id: 1, email: "kanri@example.com", name: "管理 花子", role: role,
                                   loginMethod: .emailPassword, locked: false, registered: true), l)
    }

    func testEveryRoleIsWrittenWholeAndTheAddressesLineUp() {
        for l in [Language.ja, .en] {
            let rows = [Role.contractor, .administrator, .user].map { row($0, l) }
            for (role, line) in zip([Role.contractor, .administrator, .user], rows) {
                XCTAssertTrue(line.contains(Screen.roleText(role)(l)), "\(l): \(line)")
            }
            let columns = Set(rows.map { DisplayWidth.of(String($0.prefix { $0 != "k" })) })
            XCTAssertEqual(columns.count, 1, "the addresses start in one column: \(rows)")
        }
        XCTAssertEqual(row(.administrator, .ja), "管理 花子      管理者            kanri@example.com", "Japanese as before")
    }
}
