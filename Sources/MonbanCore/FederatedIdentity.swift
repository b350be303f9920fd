/// An identity a federated service or Active Directory vouched for (LG-4, LG-5):
/// the OpenID Connect issuer and subject (for AD: the connection and the UPN).
/// `(issuer, subject)` names one account for good; it is what gets bound to a
/// person, never the e-mail address, which the account's owner can change.
public struct FederatedIdentity: Sendable, Equatable {
    public var method: LoginMethod
    public var issuer: String
    public var subject: String
    /// The address the service reports, for the screens; not used to match.
    public var email: String?

    public init(method: LoginMethod, issuer: String, subject: String, email: String? = nil) {
        self.method = method
        self.issuer = issuer
        self.subject = subject
        self.email = email
    }

    /// An Active Directory account: the connection ID as issuer, the UPN in lower case as subject.
    public static func directory(connectionID: ConnectionID, userPrincipalName: String) -> FederatedIdentity {
        FederatedIdentity(method: .activeDirectory, issuer: "ad:" + connectionID.value,
                          subject: userPrincipalName.lowercased(), email: nil)
    }
}
