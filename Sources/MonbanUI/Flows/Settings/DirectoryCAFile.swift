import MonbanCore
import MonbanHTTP

/// The Active Directory settings' CA-file field (LG-5), read as the command line's
/// `--ca-file` is: only a regular PEM file of at most 64 KiB, and one answer for every
/// other path, so the field tells nothing about which paths exist on the host or what
/// they hold (issue 19 finding 12).
enum DirectoryCAFile: Equatable {
    /// The field is blank: the directory's certificate is checked against the system's.
    case none
    /// The file's certificate blocks, nothing else.
    case certificates(String)
    /// Missing, a folder, a device, a FIFO, unreadable, too large or not PEM.
    case unreadable

    init(field: String) {
        let path = field.trimmingWhitespace()
        if path.isEmpty {
            self = .none
        } else if let certificates = PEMFile.certificates(at: path) {
            self = .certificates(certificates)
        } else {
            self = .unreadable
        }
    }
}
