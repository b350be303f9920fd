import Foundation
import MonbanStore
import XCTest

/// The directory of the database and key files, computed without NSString.
final class FilePathTests: XCTestCase {
    func testDirectoryOfAPathMatchesNSString() {
        for path in ["/a/b/c", "/a/b/c/", "a/b", "/", "/a", "/tmp/monban/device-token", "./x", "db/monban.sqlite3.key",
                     "monban.sqlite3.key", "ab", ""] {
            XCTAssertEqual(FilePath.directory(of: path), (path as NSString).deletingLastPathComponent, path)
        }
        // A one-character name (`--db a`) is in the current directory too. NSString's
        // deletingLastPathComponent traps on it in swift-corelibs-foundation 6.3, so it is not
        // the reference here.
        for path in ["a", "a//"] {
            XCTAssertEqual(FilePath.directory(of: path), "", path)
        }
    }
}
