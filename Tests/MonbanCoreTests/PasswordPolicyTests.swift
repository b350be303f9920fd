import XCTest
@testable import MonbanCore

/// PP-1 (and the PP-2 limits): the manual's rule, with a reason per failure.
final class PasswordPolicyTests: XCTestCase {
    func testPP1_manualTextIsExact() {
        XCTAssertEqual(PasswordPolicy.ruleTextJapanese, "パスワードは英大文字、英小文字、数字、記号から3種類以上を含め8文字以上で設定してください")
    }

    func testPP1_threeOfFourClassesAndEightCharacters() {
        XCTAssertEqual(PasswordPolicy.violations(of: "Abcdefg1"), [])          // upper, lower, digit
        XCTAssertEqual(PasswordPolicy.violations(of: "abcdef1!"), [])          // lower, digit, symbol
        XCTAssertEqual(PasswordPolicy.violations(of: "ABCDEF1!"), [])          // upper, digit, symbol
        XCTAssertEqual(PasswordPolicy.violations(of: "Abcdefg!"), [])          // upper, lower, symbol
        XCTAssertEqual(PasswordPolicy.violations(of: "Abcdefgh"), [.tooFewClasses])
        XCTAssertEqual(PasswordPolicy.violations(of: "12345678"), [.tooFewClasses])
        XCTAssertEqual(PasswordPolicy.violations(of: "Abcdef1"), [.tooShort])  // 7 characters
        XCTAssertEqual(PasswordPolicy.violations(of: "Ab1"), [.tooShort])
        XCTAssertEqual(PasswordPolicy.violations(of: "ab"), [.tooShort, .tooFewClasses])
    }

    func testPP1_lengthCountsCharactersNotBytes() {
        // Eight characters, two of them kanji (three bytes each in UTF-8).
        XCTAssertEqual(PasswordPolicy.violations(of: "Ab1!門番xy"), [])
        XCTAssertEqual(PasswordPolicy.violations(of: "Ab1!門番x"), [.tooShort])
    }

    func testPP1_unicodeSymbolsCountAsSymbols() {
        XCTAssertTrue(PasswordPolicy.classes(of: "「」").contains(.symbol))
        XCTAssertFalse(PasswordPolicy.classes(of: "もんばん").contains(.symbol))
        XCTAssertTrue(PasswordPolicy.classes(of: " ").contains(.symbol))
    }

    func testPP2_maximumLengthAndControlCharacters() {
        let long = "Aa1!" + String(repeating: "x", count: 124)
        XCTAssertEqual(long.count, 128)
        XCTAssertEqual(PasswordPolicy.violations(of: long), [])
        XCTAssertEqual(PasswordPolicy.violations(of: long + "y"), [.tooLong])
        XCTAssertEqual(PasswordPolicy.violations(of: "Abcdefg1\u{7}"), [.controlCharacter])
        XCTAssertEqual(PasswordPolicy.violations(of: "Abc\ndefg1"), [.controlCharacter])
    }

    func testPP2_refusesTheAddressLocalPart() {
        XCTAssertEqual(PasswordPolicy.violations(of: "Taro.Yamada1", email: "taro.yamada@example.com"),
                       [.containsEmailLocalPart])
        XCTAssertEqual(PasswordPolicy.violations(of: "Taro.Yamada1", email: "hanako@example.com"), [])
    }

    func testPP1_checkThrowsTheReasons() {
        XCTAssertThrowsEngineError(try PasswordPolicy.check("short"), .passwordRejected([.tooShort, .tooFewClasses]))
        XCTAssertNoThrow(try PasswordPolicy.check("Himitsu-2026!"))
    }
}
