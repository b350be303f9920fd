import FoundationEssentials
import MonbanCore
import MonbanTUI

/// The two-step verification screens (manual §1-1 (1)(2), §5; TF-1..TF-6).
extension Screen {
    func twoStepItems(_ s: TwoStepScreen, _ l: Language, now: Date) -> [ScreenItem] {
        let note = ScreenItem.note(heading: Texts.smsNoteHeading(l), lines: Texts.smsNote.map { $0(l) })
        switch s {
        case .smsPhone(let step):
            return [
                .title(Texts.twoStepTitle(l)),
                .text((step.registrationReset ? Texts.twoStepAfterReset : Texts.twoStepFirstTime)(l), .muted),
                // §1-1 (2): SMS or Authenticator, before the person chooses (issue 20 item 24).
                .text(Texts.recommendSMS(l)),
                .text(Texts.recommendAuthenticator(l)),
                .gap,
                .text(Texts.smsIntro(l)),
                .gap,
                .field(id: .phone, label: Texts.phone(l)),
                .button(id: .next, label: Texts.next(l)),
                .gap,
                .link(id: .authenticatorRoute, label: Texts.qrRoute(l)),
                .gap,
                .text(Texts.twoStepResetPointer(l), .muted),
                .note(heading: Texts.smsNoteHeading(l), lines: Texts.twoStepDisabledNote.map { $0(l) }),
                note,
            ]
        case .smsCode(let step, let status):
            var items: [ScreenItem] = [
                .title(Texts.twoStepTitle(l)),
                .text(Texts.smsCodeIntro(l)),
                .text("\(Texts.smsSentTo(l)): \(status.maskedPhone)   \(Texts.smsValidUntil(l)): \(Self.clock(status.expiresAt))",
                      .muted),
            ]
            if now < status.resendAt {
                items.append(.text("\(Texts.smsResendFrom(l)): \(Self.clock(status.resendAt))", .muted))
            }
            items += [
                .gap,
                .field(id: .code, label: Texts.code(l)),
                .checkbox(id: .remember, label: Texts.remember(l)),
                .button(id: .next, label: Texts.next(l)),
                .gap,
                .link(id: .resend, label: Texts.resend(l)),
            ]
            if step.stage == .enroll {
                items.append(.link(id: .authenticatorRoute, label: Texts.qrRoute(l)))
            } else {
                items.append(.link(id: .lost, before: Texts.lostBefore(l), label: Texts.here(l)))
            }
            items += [.gap, note]
            return items
        case .authenticatorEnroll(_, let setup):
            return [
                .title(Texts.authenticatorTitle(l)),
                .text(Texts.authenticatorIntro(l)),
                .link(id: .showQR, label: Texts.showQR(l)),
                .text("\(Texts.secretKey(l)):", .muted),
                .text(QRCodeView.groupedSecret(setup.secret)),
                .gap,
                .field(id: .code, label: Texts.passcode(l)),
                .checkbox(id: .remember, label: Texts.remember(l)),
                .button(id: .next, label: Texts.next(l)),
                .gap,
                .link(id: .smsRoute, label: Texts.smsRouteLink(l)),
            ]
        case .authenticatorCode:
            return [
                .title(Texts.twoStepTitle(l)),
                .text(Texts.authenticatorCodeIntro(l)),
                .gap,
                .field(id: .code, label: Texts.passcode(l)),
                .checkbox(id: .remember, label: Texts.remember(l)),
                .button(id: .next, label: Texts.next(l)),
                .gap,
                .link(id: .lost, before: Texts.lostBefore(l), label: Texts.here(l)),
            ]
        case .recoveryEntry:
            return [
                .title(Texts.recoveryEntryTitle(l)),
                .text(Texts.recoveryEntryIntro(l)),
                .gap,
                .field(id: .recovery, label: Texts.recoveryCodeLabel(l)),
                .text(Texts.recoveryEntryNote(l), .muted),
                .button(id: .next, label: Texts.next(l)),
                .gap,
            ] + Texts.recoveryLost.map { ScreenItem.text($0(l), .muted) }
        case .recoveryCode(let code, _):
            return [
                .title(Texts.recoveryShowTitle(l)),
                .text(Texts.recoveryShowIntro(l)),
                .gap,
                .text(code.grouped, .title),
                .gap,
                .text(Texts.recoveryOnce(l), .muted),
                .checkbox(id: .saved, label: Texts.recoverySaved(l)),
                .button(id: .next, label: Texts.next(l)),
            ]
        case .done:
            return [
                .title(Texts.twoStepDoneTitle(l)),
                .text(Texts.twoStepDone(l)),
                .gap,
                .button(id: .proceed, label: Texts.twoStepLogin(l)),
            ]
        }
    }

    /// "10:33:05 JST": one format for every time on the code screens, with its zone, the
    /// service's time whatever the machine's (issue 20 item 12).
    static func clock(_ date: Date) -> String { jst(date, "HH:mm:ss") + " JST" }
}
