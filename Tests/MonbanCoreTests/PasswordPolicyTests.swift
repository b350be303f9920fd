import Foundation
import GRDB
import MonbanCommonPasswords
import XCTest
@testable import MonbanCore

/// PP-1 and PP-2: the manual's rule, the limits, the e-mail's local part and the
/// list of common passwords, with a reason per failure.
final class PasswordPolicyTests: XCTestCase {
    func testPP1_manualTextIsExact() {
        XCTAssertEqual(PasswordPolicy.ruleTextJapanese, "パスワードは英大文字、英小文字、数字、記号から3種類以上を含め8文字以上で設定してください")
    }

    func testPP1_threeOfFourClassesAndEightCharacters() {
        // Made-up letters: "Abcdefg1" and the like are on PP-2's list of common passwords.
        XCTAssertEqual(PasswordPolicy.violations(of: "Tsuqvok1"), [])          // upper, lower, digit
        XCTAssertEqual(PasswordPolicy.violations(of: "tsuqvo1!"), [])          // lower, digit, symbol
        XCTAssertEqual(PasswordPolicy.violations(of: "TSUQVO1!"), [])          // upper, digit, symbol
        XCTAssertEqual(PasswordPolicy.violations(of: "Tsuqvok!"), [])          // upper, lower, symbol
        XCTAssertEqual(PasswordPolicy.violations(of: "Tsuqvokh"), [.tooFewClasses])
        XCTAssertEqual(PasswordPolicy.violations(of: "38271946"), [.tooFewClasses])
        XCTAssertEqual(PasswordPolicy.violations(of: "Tsuqvo1"), [.tooShort])  // 7 characters
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
        XCTAssertEqual(PasswordPolicy.violations(of: "Tsuqvok1\u{7}"), [.controlCharacter])
        XCTAssertEqual(PasswordPolicy.violations(of: "Abc\ndefg1"), [.controlCharacter])
    }

    func testPP2_refusesTheAddressLocalPart() {
        XCTAssertEqual(PasswordPolicy.violations(of: "Taro.Yamada1", email: "taro.yamada@example.com"),
                       [.containsEmailLocalPart])
        XCTAssertEqual(PasswordPolicy.violations(of: "Taro.Yamada1", email: "hanako@example.com"), [])
    }

    func testPP1_checkThrowsTheReasons() {
        XCTAssertThrowsEngineError(try PasswordPolicy.check("mijikai"), .passwordRejected([.tooShort, .tooFewClasses]))
        XCTAssertNoThrow(try PasswordPolicy.check("Himitsu-2026!"))
    }

    // MARK: PP-2, the list of common passwords

    func testPP2_theListShipsWithAtLeast3000Entries() {
        let list = CommonPasswords.all
        XCTAssertGreaterThanOrEqual(list.count, 3_000)
        XCTAssertEqual(list.count, CommonPasswords.count, "no entry lost, none twice")
        XCTAssertEqual(list.map(\.count).max(), CommonPasswords.longest)
        XCTAssertTrue(list.allSatisfy { w in !w.isEmpty && w == w.lowercased() && w.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } })
        for top in ["password", "123456", "qwerty", "letmein", "1qaz2wsx", "passw0rd", "pa55w0rd"] {
            XCTAssertTrue(list.contains(top), top)
        }
    }

    func testPP2_refusesCommonPasswordsThatMeetPP1() {
        // Each meets PP-1 (8 characters, 3 classes) and is refused for the list alone.
        for p in [
            "Password1!",   // "password" with a digit and a symbol after it
            "PASSWORD123!", // the comparison ignores case
            "Passw0rd!",    // "passw0rd" is on the list
            "Pa55w0rd",     // on the list as it is
            "1qaz2wsx!",    // "1qaz2wsx" (the keyboard's columns), a symbol after it
            "!1QAZ2wsx",    // … or before it
            "Qwerty123!",
            "Dragon-2026",
            "2026#Letmein",
            "Sakura2026!",
            "Iloveyou2!",
            "Love-2026!",   // "love": 4 letters are enough
        ] {
            XCTAssertEqual(PasswordPolicy.violations(of: p), [.common], p)
            XCTAssertThrowsEngineError(try PasswordPolicy.check(p), .passwordRejected([.common]))
        }
        // With the other rules' reasons when it breaks them too.
        XCTAssertEqual(PasswordPolicy.violations(of: "12345678"), [.tooFewClasses, .common])
        XCTAssertEqual(PasswordPolicy.violations(of: "dragon"), [.tooShort, .tooFewClasses, .common])
        // NFKC: full-width letters and digits are the ASCII ones.
        XCTAssertTrue(PasswordPolicy.isCommon("Ｐａｓｓｗｏｒｄ１！"))
        XCTAssertTrue(PasswordPolicy.isCommon("ＱＷＥＲＴＹ"))
    }

    func testPP2_onlyTheLettersWithWhatSurroundsThemAreLookedUp() {
        // "horse", "battery", "demo", "password" and "dragon" are on the list; a part of the letters is
        // never looked up alone.
        for p in ["Correct-Horse-7", "Horse-Battery-7", "Monban-Demo-2026", "Password-Kanri-2026", "Tsuqvok-Dragon-1"] {
            XCTAssertFalse(PasswordPolicy.isCommon(p), p)
        }
        // Digits in the middle are part of the word: "pass2word" is not "password".
        XCTAssertFalse(PasswordPolicy.isCommon("Pass2word!"))
    }

    func testPP2_goodPasswordsAreAccepted() {
        // The passwords of the tests, the demo and the benchmarks, and some more.
        for p in ["Himitsu-2026!", "Atarashii-2026!", "Touroku-2026!", "Monban-Demo-2026", "Kanri-2026!", "Riyou-2026!",
                  "Correct-Horse-7", "Bench-Keiyaku-2026", "Shinki-Xy-2026!", "Tsukau-Hito-2026!", "Kanrisha-Pass-2026!",
                  "門番-Gate-2026", "Kumo-no-Ue-88", String(repeating: "Aa1!", count: 32)] {
            XCTAssertEqual(PasswordPolicy.violations(of: p), [], p)
        }
    }

    func testPP2_theCheckIsFast() {
        _ = PasswordPolicy.isCommon("warm-up")  // builds the set, once
        let passwords = ["Himitsu-2026!", "Password1!", String(repeating: "Aa1!", count: 32),
                         String(repeating: "1", count: 60) + "Dragon" + String(repeating: "!", count: 62),
                         "!" + String(repeating: "x", count: 17) + "!", "Ｐａｓｓｗｏｒｄ１！"]
        let rounds = 200
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds { for p in passwords { _ = PasswordPolicy.violations(of: p) } }
        let perCheck = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(rounds * passwords.count) / 1e6
        // Well under 1 ms in a release build; a debug build on a busy machine is given the whole millisecond.
        XCTAssertLessThan(perCheck, 1.0, "\(perCheck) ms a check")
    }

    func testPP2_theEngineRefusesACommonPasswordAndStoresNothing() throws {
        let f = try Fixture()
        XCTAssertThrowsEngineError(
            try f.engine.createContract(email: "keiyaku@example.com", plan: .basic, password: "Password1!", context: f.here),
            .passwordRejected([.common]))
        XCTAssertNil(try f.engine.person(email: "keiyaku@example.com"), "nothing stored on refusal")
        let rows = try f.testStore.integer(
            "SELECT (SELECT COUNT(*) FROM contract) + (SELECT COUNT(*) FROM person) + (SELECT COUNT(*) FROM outbox) AS n")
        XCTAssertEqual(rows, 0)
        // The same address with a good password is then accepted.
        XCTAssertNoThrow(try f.contract("keiyaku@example.com"))
    }
}
