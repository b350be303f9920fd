import Foundation
import MonbanCore
import MonbanHTTP

/// Sends one claimed message and says what happened. Never throws: every
/// failure is an outcome the outbox records.
public protocol MessageTransport: Sendable {
    func deliver(_ job: DeliveryJob) -> DeliveryOutcome
}

/// E-mail through SMTP (libcurl).
public struct SMTPTransport: MessageTransport {
    public let settings: SMTPSettings
    /// The clock for the Date header.
    public let now: @Sendable () -> Date

    public init(_ settings: SMTPSettings, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.now = now
    }

    public func message(for job: DeliveryJob) -> [UInt8] {
        MailComposer.compose(MailComposer.Mail(
            from: settings.from, fromName: settings.fromName, to: job.message.to, subject: job.message.subject,
            body: job.message.body, messageID: job.messageID, date: now()))
    }

    public func deliver(_ job: DeliveryJob) -> DeliveryOutcome {
        guard job.message.kind == .email else { return .permanent("not an e-mail") }
        do {
            try CurlSMTP.send(message(for: job), from: settings.from, to: [job.message.to], server: settings.server)
            return .sent
        } catch {
            return error.isPermanent ? .permanent("SMTP: \(error.reason)") : .retry("SMTP: \(error.reason)")
        }
    }
}

/// SMS through a Twilio-compatible HTTP gateway: POST To, From, Body as a form,
/// with basic authentication.
public struct SMSGatewayTransport: MessageTransport {
    public let settings: SMSSettings
    let http: any HTTPTransport

    public init(_ settings: SMSSettings, http: (any HTTPTransport)? = nil) {
        self.settings = settings
        self.http = http ?? CurlHTTP(timeout: settings.timeout, caFile: settings.caFile)
    }

    public func deliver(_ job: DeliveryJob) -> DeliveryOutcome {
        guard job.message.kind == .sms else { return .permanent("not an SMS") }
        var headers = ["Accept": "application/json"]
        if let account = settings.account {
            let credentials = Data("\(account):\(settings.token ?? "")".utf8).base64EncodedString()
            headers["Authorization"] = "Basic \(credentials)"
        }
        let form = [("To", job.message.to), ("From", settings.from), ("Body", job.message.body)]
        do {
            let response = try http.postForm(settings.url, form: form, headers: headers)
            // The reason names the status only: a gateway's error text may repeat the number or the body.
            switch response.status {
            case 200..<300: return .sent
            case 408, 425, 429, 500..<600: return .retry("the SMS gateway answered HTTP \(response.status)")
            case 401, 403: return .retry("the SMS gateway refused the credentials (HTTP \(response.status))")
            default: return .permanent("the SMS gateway refused the message (HTTP \(response.status))")
            }
        } catch {
            if error.kind == .badURL { return .permanent("SMS gateway: \(error.reason)") }
            return .retry("SMS gateway: \(error.reason)")
        }
    }
}
