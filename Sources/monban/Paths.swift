#if canImport(Glibc)
import Glibc
#endif

/// Where monban keeps its files by default (XDG base directories). Read with
/// getenv, not Foundation: this runs before the first paint.
enum Paths {
    static func env(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static var dataDirectory: String {
        if let xdg = env("XDG_DATA_HOME"), xdg.hasPrefix("/") { return xdg + "/monban" }
        if let home = env("HOME"), home.hasPrefix("/") { return home + "/.local/share/monban" }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) + "/.local/share/monban" }
        return "/tmp/monban-\(getuid())"
    }

    static var defaultDatabase: String { dataDirectory + "/monban.sqlite3" }
    static var demoDatabase: String { dataDirectory + "/demo.sqlite3" }
}
