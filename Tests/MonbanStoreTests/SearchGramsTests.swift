import XCTest
@testable import MonbanStore

/// The PostgreSQL store's codes of one and two characters (US-1, issue 21 item 7).
final class SearchGramsTests: XCTestCase {
    // A character of one scalar in the Basic Multilingual Plane is its scalar; a pair of two
    // such, the two side by side: exact, and a pair never equals a single character.
    func testCharactersOfThePlaneHaveExactCodes() {
        XCTAssertTrue(SearchGrams.shortCode("a", nil) == (0x61, true))
        XCTAssertTrue(SearchGrams.shortCode("a", "b") == (0x0061_0062, true))
        XCTAssertTrue(SearchGrams.shortCode("山", "田") == (Int32(bitPattern: 0x5C71_7530), true))
        XCTAssertTrue(SearchGrams.shortCode("\u{FFFD}", "\u{FFFD}") == (Int32(bitPattern: 0xFFFD_FFFD), true))
    }

    // Any other character gives a hash whose first half lies in the surrogates, which no exact
    // pair has: it may meet another odd character's, never an exact code.
    func testOtherCharactersAreHashedApartFromExactCodes() {
        for (a, b) in [("𠮷", nil), ("𠮷", "野"), ("野", "𠮷"), ("😀", nil), ("q\u{0307}", nil), ("👍🏽", "x")] as [(Character, Character?)] {
            let code = SearchGrams.shortCode(a, b)
            XCTAssertFalse(code.exact, "\(a)\(b.map(String.init) ?? "")")
            XCTAssertTrue((0xD800...0xDFFF).contains(UInt32(bitPattern: code.value) >> 16))
        }
        XCTAssertNotEqual(SearchGrams.shortCode("𠮷", nil).value, SearchGrams.shortCode("𠮷", "野").value)
    }

    // Every one- and two-character substring of the normalised address or name has its code
    // among the person's codes; the address and the name are apart.
    func testAPersonHasTheCodeOfEachShortSubstring() {
        let email = "Yamada.Taro@Example.co.jp", name = "山田 𠮷太郎😀"
        let grams = Set(SearchGrams.shortGrams(email: email, name: name))
        for field in [SearchGrams.normalized(email), SearchGrams.normalized(name)] {
            for i in field.indices {
                XCTAssertTrue(grams.contains(SearchGrams.shortCode(field[i], nil).value))
                if i + 1 < field.count { XCTAssertTrue(grams.contains(SearchGrams.shortCode(field[i], field[i + 1]).value)) }
            }
        }
        XCTAssertEqual(SearchGrams.shortGram("ＹＡ")?.value, SearchGrams.shortCode("y", "a").value, "as typed: full width, capitals")
        XCTAssertFalse(grams.contains(SearchGrams.shortCode("p", "山").value), "no pair across the address and the name")
        XCTAssertNil(SearchGrams.shortGram("abc"))
        XCTAssertNil(SearchGrams.shortGram(" "))
    }
}
