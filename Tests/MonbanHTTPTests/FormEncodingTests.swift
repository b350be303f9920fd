import XCTest
import MonbanHTTP

final class FormEncodingTests: XCTestCase {
    func testReservedCharactersSpacesAndUTF8() {
        XCTAssertEqual(FormEncoding.encode([("a b", "c&d=e+f"), ("名前", "値")]),
                       "a+b=c%26d%3De%2Bf&%E5%90%8D%E5%89%8D=%E5%80%A4")
    }

    func testUnreservedCharactersStayAsTheyAre() {
        XCTAssertEqual(FormEncoding.component("AZaz09-._~"), "AZaz09-._~")
        XCTAssertEqual(FormEncoding.component("*!'()%/?#:@"), "%2A%21%27%28%29%25%2F%3F%23%3A%40")
    }

    func testEmptyPairsAndOrder() {
        XCTAssertEqual(FormEncoding.encode([]), "")
        XCTAssertEqual(FormEncoding.encode([("k", ""), ("", "v"), ("k", "2")]), "k=&=v&k=2")
    }
}
