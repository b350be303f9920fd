import Foundation

/// Where monban keeps its files by default (XDG base directories).
enum Paths {
    static var dataDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/monban" }
        return NSHomeDirectory() + "/.local/share/monban"
    }

    static var defaultDatabase: String { dataDirectory + "/monban.sqlite3" }
    static var demoDatabase: String { dataDirectory + "/demo.sqlite3" }
}
