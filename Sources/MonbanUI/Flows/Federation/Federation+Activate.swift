import MonbanCore
import MonbanFederation
import MonbanTUI

/// The device flow, the demo provider and the Active Directory screens: what their
/// controls do (LG-4, LG-5).
extension App {
    /// One case per screen of the flow, no default.
    mutating func activateFederation(_ s: FederationScreen, _ id: ControlID) -> [Effect] {
        switch s {
        case .deviceFlow(let session): activateDeviceFlow(session, id)
        case .demoApproval(let session): activateDemoApproval(session, id)
        case .connectionIDEntry(let purpose): activateConnectionIDEntry(purpose, id)
        case .connectionIDConfirm(let cid, let purpose): activateConnectionIDConfirm(cid, purpose, id)
        case .directorySignIn(let cid, _, let purpose): activateDirectorySignIn(cid, purpose, id)
        }
    }

    mutating func activateDeviceFlow(_ s: DeviceSession, _ id: ControlID) -> [Effect] {
        switch id {
        case .demo:
            var next = Screen(route: .federation(.demoApproval(s)))
            next.form.focus = .allow
            return [.open(next)]
        case .showQR:
            screen.qrFullScreen = true
            return []
        default: return common(id)
        }
    }

    mutating func activateDemoApproval(_ s: DeviceSession, _ id: ControlID) -> [Effect] {
        guard id == .allow || id == .deny else { return common(id) }
        let who = DemoProvider.identities[min(screen.form.radios[.who] ?? 0, DemoProvider.identities.count - 1)]
        if id == .allow { s.demo?.approve(userCode: s.authorization.userCode, as: who) } else {
            s.demo?.deny(userCode: s.authorization.userCode)
        }
        s.nextPollAt = now
        return [.pop, .say(Texts.demoApproved(language), .success)]
    }

    mutating func activateConnectionIDEntry(_ purpose: FederationPurpose, _ id: ControlID) -> [Effect] {
        id == .next ? [.checkConnectionID(screen.form[field: .connectionID], purpose)] : common(id)
    }

    mutating func activateConnectionIDConfirm(_ cid: ConnectionID, _ purpose: FederationPurpose, _ id: ControlID) -> [Effect] {
        guard id == .confirm else { return common(id) }
        if case .signIn = purpose { rememberConnectionID(cid) }
        return [.checkConnectionID(cid.value, purpose)]
    }

    mutating func activateDirectorySignIn(_ cid: ConnectionID, _ purpose: FederationPurpose, _ id: ControlID) -> [Effect] {
        switch id {
        case .signIn:
            let user = screen.form[field: .userPrincipalName], password = screen.form[field: .password]
            if user.isEmpty || password.isEmpty {
                // This screen asks for an AD account, not an address (issue 20 item 17).
                screen.message = (Texts.directoryEmpty(language), .error)
                screen.form.focus = user.isEmpty ? .userPrincipalName : .password
                return []
            }
            return [.directorySignIn(cid, user: user, password: password, purpose)]
        case .changeConnectionID:
            federation.knownConnectionID = nil
            return [.open(Screen(route: .federation(.connectionIDEntry(purpose))))]
        default: return common(id)
        }
    }
}
