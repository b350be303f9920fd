import XCTest
@testable import MonbanCore

/// TK-2, LG-5: what an e-mailed link opens, decided from its text alone.
final class LinkRouterTests: XCTestCase {
    let settings = ServiceSettings()
    let ticket = Ticket(token: String(repeating: "A", count: 42) + "_")

    func link(_ purpose: TicketPurpose) throws -> Link {
        let link = try Link(parsing: settings.link(purpose, ticket))
        XCTAssertEqual(link.purpose, purpose)
        XCTAssertEqual(link.ticket, ticket)
        return link
    }

    func testTK2_everyTicketLinkOpensItsScreen() throws {
        XCTAssertEqual(LinkRouter.destination(of: settings.link(.unlock, ticket)), .unlock(try link(.unlock)))
        XCTAssertEqual(LinkRouter.destination(of: settings.link(.passwordReset, ticket)), .passwordReset(try link(.passwordReset)))
        XCTAssertEqual(LinkRouter.destination(of: settings.link(.registration, ticket)), .registration(try link(.registration)))
        XCTAssertEqual(LinkRouter.destination(of: settings.link(.loginMethodChange, ticket)),
                       .loginMethodChange(try link(.loginMethodChange)))
        XCTAssertEqual(LinkRouter.destination(of: settings.link(.emailChange, ticket)), .emailChange(try link(.emailChange)))
    }

    func testTK2_anyHostAndSurroundingWhiteSpace() throws {
        let text = "  http://other.example/lo/unblock?ticket=\(ticket.token)\n"
        XCTAssertEqual(LinkRouter.destination(of: text), .unlock(try link(.unlock)))
    }

    func testLG5_directoryLoginCarriesTheConnectionIDAsWritten() throws {
        let id = try XCTUnwrap(ConnectionID(exact: "adfs-abcdefghij0123"))
        let (internet, line) = settings.directoryLoginURLs(id)
        XCTAssertEqual(LinkRouter.destination(of: internet), .directoryLogin(connectionID: "adfs-abcdefghij0123"))
        XCTAssertEqual(LinkRouter.destination(of: line), .directoryLogin(connectionID: "adfs-abcdefghij0123"))
        // An unknown or malformed ID still opens the directory sign-in, which answers it on 接続ID入力.
        XCTAssertEqual(LinkRouter.destination(of: "https://login.monban.example/lo/ad?cid=nonsense"),
                       .directoryLogin(connectionID: "nonsense"))
    }

    func testTK2_garbageIsInvalid() {
        let garbage = [
            "", "   ", "hello", "https://login.monban.example/", "https://login.monban.example/lo/reset",
            "https://login.monban.example/lo/reset?ticket=", "https://login.monban.example/lo/reset?ticket=short",
            "https://login.monban.example/lo/reset?ticket=\(String(repeating: "+", count: 43))",
            "https://login.monban.example/lo/unknown?ticket=\(ticket.token)",
            "https://login.monban.example/lo/ad", "https://login.monban.example/lo/ad?id=adfs-abcdefghij0123",
            "https://login.monban.example/lo/reset?ticket=\(ticket.token)&pad=\(String(repeating: "x", count: 2100))",
            "\u{0}\u{1B}[2J", "://", "ｈｔｔｐｓ：／／",
        ]
        for text in garbage {
            XCTAssertEqual(LinkRouter.destination(of: text), .invalid, text)
        }
    }
}
