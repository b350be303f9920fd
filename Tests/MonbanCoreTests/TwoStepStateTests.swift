import XCTest
@testable import MonbanCore

/// TF-1..TF-6, LG-3: where a pending sign-in and its SMS code stand, decided from
/// their rows' values alone (no database).
final class TwoStepStateTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let hash: [UInt8] = Array(repeating: 7, count: 32)

    func sent(secondsAgo: TimeInterval, wrongTries: Int = 0) -> SMSChallenge {
        let at = now - secondsAgo
        return SMSChallenge(code: .sent(phone: "+819012345678", hash: hash, sentAt: at, expiresAt: at + SMSPolicy.lifetime),
                            wrongTries: wrongTries)
    }

    // MARK: The SMS code (TF-2)

    func testTF2_noCodeSentYet() {
        let sms = SMSChallenge(code: .notSent, wrongTries: 0)
        XCTAssertNil(sms.resendWait(now: now))
        XCTAssertNil(sms.liveCode(now: now))
        XCTAssertNil(sms.phone)
        XCTAssertEqual(sms.triesLeft, 5)
        XCTAssertFalse(sms.isSpent)
    }

    func testTF2_resendWaitsSixtySecondsRoundedUp() {
        XCTAssertEqual(sent(secondsAgo: 0).resendWait(now: now), 60)
        XCTAssertEqual(sent(secondsAgo: 10.5).resendWait(now: now), 50)
        XCTAssertEqual(sent(secondsAgo: 59.9).resendWait(now: now), 1)
        XCTAssertNil(sent(secondsAgo: 60).resendWait(now: now))
        XCTAssertNil(sent(secondsAgo: 300).resendWait(now: now))
    }

    func testTF2_theCodeLivesTenMinutes() {
        XCTAssertEqual(sent(secondsAgo: 599).liveCode(now: now)?.hash, hash)
        XCTAssertEqual(sent(secondsAgo: 599).liveCode(now: now)?.phone, "+819012345678")
        XCTAssertNil(sent(secondsAgo: 600).liveCode(now: now))
    }

    func testTF2_fiveWrongTriesAcrossResends() {
        XCTAssertEqual(sent(secondsAgo: 0, wrongTries: 3).triesLeft, 2)
        XCTAssertEqual(sent(secondsAgo: 0, wrongTries: 3).triesLeftAfterWrongCode, 1)
        XCTAssertEqual(sent(secondsAgo: 0, wrongTries: 4).triesLeftAfterWrongCode, 0)
        XCTAssertFalse(sent(secondsAgo: 0, wrongTries: 4).isSpent)
        XCTAssertTrue(sent(secondsAgo: 0, wrongTries: 5).isSpent)
        XCTAssertEqual(sent(secondsAgo: 0, wrongTries: 7).triesLeft, 0)
    }

    // MARK: The pending sign-in (LG-3)

    func state(
        done: Bool = false, expiresIn: TimeInterval? = 60, failures: Int = 0, generation: Int = 1,
        registration: TwoStepRegistration? = nil, pendingSecret: [UInt8]? = nil
    ) -> PendingSecondStep {
        PendingSecondStep(
            done: done, expiresAt: expiresIn.map { now + $0 }, failures: failures, generation: generation,
            currentGeneration: 1, sms: SMSChallenge(code: .notSent, wrongTries: 0), pendingSecret: pendingSecret,
            registration: registration, now: now)
    }

    func testLG3_endedWhenUsedExpiredFailedOrReset() {
        XCTAssertEqual(state(done: true), .ended)
        XCTAssertEqual(state(expiresIn: 0), .ended)
        XCTAssertEqual(state(expiresIn: nil), .ended)
        XCTAssertEqual(state(failures: SecondStep.maximumFailures), .ended)
        // TF-8: the registration was reset since the password was checked.
        XCTAssertEqual(state(generation: 0), .ended)
    }

    func testTF1_enrollingUntilRegistered() {
        let s = state(pendingSecret: [1, 2, 3])
        XCTAssertEqual(s, .enrolling(sms: SMSChallenge(code: .notSent, wrongTries: 0), authenticatorSecret: [1, 2, 3]))
        XCTAssertNil(s.registeredMethod)
        XCTAssertNil(s.recoveryHash)
        XCTAssertNotNil(s.sms)
    }

    func testTF2_TF3_awaitingTheRegisteredMethod() {
        let sms = state(registration: .sms(phone: "+819012345678", recoveryHash: hash))
        XCTAssertEqual(sms.registeredMethod, .sms)
        XCTAssertEqual(sms.recoveryHash, hash)
        XCTAssertNotNil(sms.sms)
        let app = state(registration: .authenticator(sealedSecret: [9], lastStep: 42, recoveryHash: hash))
        XCTAssertEqual(app, .awaitingAuthenticatorCode(sealedSecret: [9], lastStep: 42, recoveryHash: hash))
        XCTAssertEqual(app.registeredMethod, .authenticator)
        XCTAssertNil(app.sms)
    }

    func testTF1_registrationStageMasksThePhone() {
        XCTAssertEqual(TwoStepRegistration.sms(phone: "+819012345678", recoveryHash: hash).stage,
                       .sms(maskedPhone: PhoneNumber("+819012345678")?.masked ?? "****"))
        XCTAssertEqual(TwoStepRegistration.authenticator(sealedSecret: [], lastStep: nil, recoveryHash: hash).stage,
                       .authenticator)
    }
}

/// TF-2: the SMS text, as the engine sent it before it moved to the templates.
final class SMSTemplatesTests: XCTestCase {
    func testTF2_theCodeMessageWordForWord() {
        XCTAssertEqual(SMSTemplates(service: "おまかせクラウドストレージ").code("012345"),
                       "おまかせクラウドストレージ 認証コード: 012345\n10分間有効です。このコードを他人に教えないでください。")
    }
}
