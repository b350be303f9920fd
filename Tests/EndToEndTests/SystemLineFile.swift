import Foundation
import XCTest

/// The machine's line file, `/etc/monban/line` (LG-6, issue 19 finding 5), written by a test
/// as the operator would and put back as it was afterwards. Only root can write it, which is
/// the point; CI runs as root.
final class SystemLineFile {
    static let folder = "/etc/monban"
    static let path = "/etc/monban/line"
    private let saved: Data?
    private var savedFolderMode: Int?
    private let madeFolder: Bool

    init() throws {
        guard getuid() == 0 else { throw XCTSkip("\(Self.path) belongs to root: run the tests as root, as CI does") }
        saved = FileManager.default.contents(atPath: Self.path)
        var isFolder: ObjCBool = false
        madeFolder = !FileManager.default.fileExists(atPath: Self.folder, isDirectory: &isFolder)
        if madeFolder {
            try FileManager.default.createDirectory(atPath: Self.folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        } else {
            savedFolderMode = try FileManager.default.attributesOfItem(atPath: Self.folder)[.posixPermissions] as? Int
        }
    }

    /// Writes `text` into the file, root-owned with `mode`, its folder with `folderMode`.
    func write(_ text: String, mode: Int = 0o644, folderMode: Int = 0o755, owner: uid_t = 0) throws {
        try? FileManager.default.removeItem(atPath: Self.path)
        try Data(text.utf8).write(to: URL(fileURLWithPath: Self.path))
        XCTAssertEqual(chown(Self.path, owner, 0), 0)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: Self.path)
        try FileManager.default.setAttributes([.posixPermissions: folderMode], ofItemAtPath: Self.folder)
    }

    /// Puts back what was there before the test.
    func restore() {
        try? FileManager.default.removeItem(atPath: Self.path)
        if let saved {
            FileManager.default.createFile(atPath: Self.path, contents: saved, attributes: [.posixPermissions: 0o644])
        }
        if madeFolder {
            try? FileManager.default.removeItem(atPath: Self.folder)
        } else if let savedFolderMode {
            try? FileManager.default.setAttributes([.posixPermissions: savedFolderMode], ofItemAtPath: Self.folder)
        }
    }
}
