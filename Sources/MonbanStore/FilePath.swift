/// Path arithmetic without Foundation's NSString: the engine uses it in code that may run
/// before CoreFoundation is set up (bench/README.md, "Before the first paint"), and
/// NSString's `deletingLastPathComponent` traps on a one-character name in
/// swift-corelibs-foundation 6.3 (`--db a`).
public enum FilePath {
    /// The directory part of `path`, as `NSString.deletingLastPathComponent` gives it:
    /// "" for a bare name, "/" for a file in the root; trailing slashes are ignored.
    public static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var directory = trimmed[..<slash]
        while directory.count > 1, directory.hasSuffix("/") { directory = directory.dropLast() }
        return String(directory)
    }
}
