/// The SMS of two-step verification (TF-2), with the service name from the
/// settings, as the mails are in `MailTemplates`.
public struct SMSTemplates: Sendable {
    public let service: String

    public init(service: String) { self.service = service }

    /// The code message: the code, its ten minutes, and the warning.
    public func code(_ code: String) -> String {
        "\(service) 認証コード: \(code)\n10分間有効です。このコードを他人に教えないでください。"
    }
}
