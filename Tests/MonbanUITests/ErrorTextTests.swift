import Foundation
import MonbanCore
import MonbanStore
import XCTest
@testable import MonbanUI

/// The one table of error texts (issue 18): every engine and store error has words on a
/// screen, in both languages, and a line for the operator; none of them shows a Swift
/// case name or a type name.
final class ErrorTextTests: XCTestCase {
    /// One of each store error.
    static let storeErrors: [StoreError] = [
        .missing(path: "/d/a.sqlite3"), .notMonban(path: "/d/a.sqlite3"), .newerVersion(path: "/d/a.sqlite3"),
        .corrupt(path: "/d/a.sqlite3"), .unavailable(path: "/d/a.sqlite3", reason: .readOnly),
        .unavailable(path: "/d/a.sqlite3", reason: .diskFull), .unavailable(path: "/d/a.sqlite3", reason: .cannotOpen),
        .unavailable(path: "/d/a.sqlite3", reason: .cannotRead), .unavailable(path: "/d/a.sqlite3", reason: .ioError),
        .unavailable(path: "/d/a.sqlite3", reason: .cannotCreateFolder),
        .unavailable(path: "/d/a.sqlite3", reason: .other("database or disk is full")),
        .busy(path: "/d/a.sqlite3"),
    ]

    /// One of each engine error (and of each value inside one that has its own words).
    static let engineErrors: [EngineError] = {
        var all: [EngineError] = [
            .wrongCredentials, .locked(.wrongPasswords), .locked(.wrongCodes), .contractCancelled, .invalidEmail, .invalidName, .emailInUse,
            .passwordRejected(PasswordPolicy.Violation.allCases), .passwordsDoNotMatch, .unknownPlan("gold"),
            .linkInvalid, .linkUsed, .linkNotForThis,
            .secondStepExpired, .wrongCode(triesLeft: 3), .wrongCode(triesLeft: 0), .smsCodeExpired,
            .resendTooSoon(seconds: 42), .invalidPhoneNumber, .internationalSMSOff,
            .rateLimited(.smsPerPerson), .rateLimited(.smsPerNumber), .rateLimited(.smsPerTerminal),
            .rateLimited(.mailPerAddress), .malformedRecoveryCode, .malformedCode,
            .secretKey(.keyFileMissing("/k")), .secretKey(.keyFileUnreadable("/k")), .secretKey(.keyFileDamaged("/k")),
            .secretKey(.keyFileNotCreated("/k")), .secretKey(.sealFailed), .secretKey(.cannotOpen),
            .identityInUse, .facebookToFacebook, .unknownConnectionID,
            .invalidDirectorySettings("ドメイン"), .wrongDirectoryDomain(expected: "corp.example"),
            .directoryRefused(.wrongPassword), .directoryRefused(.unknownUser), .directoryRefused(.wrongCredentials),
            .directoryRefused(.accountDisabled), .directoryRefused(.accountLocked), .directoryRefused(.passwordExpired),
            .directoryRefused(.unreachable("timeout")), .directoryRefused(.tlsFailure("certificate")),
            .directoryRefused(.failed("other")),
            .trialConversionWindowClosed, .notATrial, .notPermitted,
            .emailsDoNotMatch, .emailUnchanged, .wrongCurrentPassword, .passwordUnchanged, .passwordRequired, .lineOnlyRoute,
            .invalidLines(count: 2), .lineAuthenticationFailed, .cryptoUnavailable,
        ]
        all += TicketPurpose.allCases.map { .linkExpired($0) }
        all += LoginMethod.allCases.map { .identityNotRegistered($0) }
        all += storeErrors.map { .store($0) }
        return all
    }()

    /// The identifiers Swift prints for a value: case names, labels and type names in camel case
    /// ("secretKey", "keyFileMissing", "EngineError").
    func identifiers(_ error: Any) -> [String] {
        let printed = String(reflecting: error)
        let regex = try? NSRegularExpression(pattern: "[A-Za-z][a-z]*[A-Z][A-Za-z]*")
        let range = NSRange(printed.startIndex..., in: printed)
        return (regex?.matches(in: printed, range: range) ?? []).compactMap { Range($0.range, in: printed).map { String(printed[$0]) } }
    }

    func assertReadable(_ text: String, of error: Any, _ where_: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.isEmpty, "\(where_): no text for \(error)", file: file, line: line)
        for name in identifiers(error) + ["EngineError", "StoreError", "SecretBoxError", "DirectoryAnswer", "MonbanCore"] {
            XCTAssertFalse(text.contains(name), "\(where_) for \(error) shows \(name): \(text)", file: file, line: line)
        }
    }

    // Issue 19 finding 11: a wrong AD password and a name the directory does not know read
    // the same on the screen and on the command line, so neither tells which names exist.
    func testDirectoryWrongPasswordAndUnknownUserReadTheSame() {
        let same = ErrorText.of(.directoryRefused(.wrongCredentials))
        for answer in [DirectoryAnswer.wrongPassword, .unknownUser] {
            let text = ErrorText.of(.directoryRefused(answer))
            for l in Language.allCases { XCTAssertEqual(text.screen(l), same.screen(l), "\(answer)") }
            XCTAssertEqual(text.command, same.command, "\(answer)")
        }
    }

    func testEveryEngineErrorHasWordsInBothLanguagesAndForTheOperator() {
        XCTAssertFalse(identifiers(EngineError.secretKey(.keyFileMissing("/k"))).isEmpty, "the check sees case names")
        for error in Self.engineErrors {
            let text = ErrorText.of(error)
            for l in Language.allCases {
                assertReadable(text.screen(l), of: error, "screen (\(l))")
                XCTAssertEqual(ErrorText.describe(error, l), text.screen(l))
            }
            assertReadable(text.command, of: error, "command line")
        }
    }

    func testEveryStoreErrorHasWordsInBothLanguagesAndForTheOperator() {
        for error in Self.storeErrors {
            let text = ErrorText.of(error)
            for l in Language.allCases {
                assertReadable(text.screen(l), of: error, "screen (\(l))")
                XCTAssertTrue(text.screen(l).contains("/d/a.sqlite3"), text.screen(l))
            }
            assertReadable(text.command, of: error, "command line")
            XCTAssertTrue(text.command.contains("/d/a.sqlite3"), text.command)
        }
    }

    /// The cases that used to reach a screen as their Swift names.
    func testCasesWithoutAScreenOfTheirOwnAreWordedToo() {
        XCTAssertEqual(ErrorText.describe(.cryptoUnavailable, .ja), "この端末の暗号処理が利用できません。")
        XCTAssertEqual(ErrorText.describe(.notATrial, .en), "The contract is not a free trial.")
        XCTAssertEqual(ErrorText.describe(.unknownPlan("gold"), .en), "There is no plan 'gold' (basic or trial).")
        XCTAssertEqual(ErrorText.describe(.store(.unavailable(path: "/x", reason: .diskFull)), .ja),
                       "データベースを利用できません: /x: ディスクの空きがありません")
    }

    /// Issue 20 item 13 (PP-1): only the part before @ is looked for in a password, and the
    /// refusal says so, in both languages and for the operator.
    func testTheAddressRuleSaysWhichPartOfTheAddress() {
        XCTAssertEqual(ErrorText.reason(.containsEmailLocalPart)(.ja), "メールアドレスの@より前の部分が含まれています")
        XCTAssertTrue(ErrorText.reason(.containsEmailLocalPart)(.en).contains("before the @"))
        XCTAssertTrue(ErrorText.commandReason(.containsEmailLocalPart).contains("before the @"))
    }
}
