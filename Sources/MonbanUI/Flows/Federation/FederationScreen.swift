import MonbanCore
import MonbanTUI

/// A federated or Active Directory sign-in's screens (manual §1-2, §1-3; LG-4, LG-5).
public enum FederationScreen: Equatable, Sendable {
    /// LG-4: a federated sign-in waiting for the person to approve on their phone.
    case deviceFlow(DeviceSession)
    /// LG-4: the embedded demo provider's verification page.
    case demoApproval(DeviceSession)
    /// LG-5 接続ID入力: the terminal does not know the contract's connection ID yet.
    case connectionIDEntry(FederationPurpose)
    /// LG-5 接続ID確認.
    case connectionIDConfirm(ConnectionID, FederationPurpose)
    /// LG-5: the Active Directory sign-in: `user@domain` and password.
    case directorySignIn(ConnectionID, domain: String, FederationPurpose)
}
