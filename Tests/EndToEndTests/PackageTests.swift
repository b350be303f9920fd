import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// PK-1 (issue 22): monban installs like a Debian console program. `make install` into a
/// DESTDIR and `make uninstall`; then the Debian package, built from the same release binary
/// (MONBAN_BIN: nothing is compiled again), checked with lintian, installed with dpkg -i, used
/// as its system account, its units checked with systemd-analyze, its bash completion typed in
/// tmux, and purged.
final class PackageTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("monban-package-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs a shell script, its standard output and error together in a file (a long output
    /// never blocks on a pipe), in the repository's folder.
    @discardableResult
    func sh(_ script: String, environment: [String: String] = [:]) throws -> Result {
        let log = dir.appendingPathComponent("sh-\(UUID().uuidString.prefix(8)).log").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec >\"$0\" 2>&1 </dev/null; " + script, log]
        process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        env["LC_ALL"] = "C.UTF-8"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        try process.run()
        process.waitUntilExit()
        // Lossy: a tool's output may hold raw bytes (the CRC after the name in .gnu_debuglink),
        // which must not blank the whole text.
        let output = FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) } ?? ""
        try? FileManager.default.removeItem(atPath: log)
        return Result(status: process.terminationStatus, output: output)
    }

    /// `monban` and every subcommand, as the binary's own parser lists them
    /// (`--experimental-dump-help`): the man pages are expected for exactly these.
    func commandPaths() throws -> [[String]] {
        let dump = try MonbanProcess.run(["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            guard let name = command["commandName"] as? String else { return }
            paths.append(path + [name])
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path + [name]) }
        }
        walk(try XCTUnwrap(json["command"] as? [String: Any]), [])
        return paths
    }

    /// Every file and folder under `top`, relative to it.
    func tree(_ top: String) -> Set<String> {
        var entries: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: top)
        while let path = enumerator?.nextObject() as? String { entries.insert(path) }
        return entries
    }

    func testPK1_makeInstallPutsEveryPieceAndUninstallRemovesExactlyThose() throws {
        let destdir = dir.appendingPathComponent("dest").path
        // Something of the machine's own, in folders install also uses: it must survive.
        try sh("mkdir -p '\(destdir)/usr/local/bin' && echo mine > '\(destdir)/usr/local/bin/other'")
        let bin = MonbanProcess.binary
        // -o release: the binary under test is MONBAN_BIN, already built; nothing is rebuilt.
        let install = try sh("make -s -o release install BIN_RELEASE='\(bin)' DESTDIR='\(destdir)'")
        XCTAssertEqual(install.status, 0, install.output)

        var expected: Set<String> = [
            "usr/local/bin/monban", "usr/local/bin/other", "usr/local/lib/debug/usr/local/bin/monban.debug",
            "usr/local/share/bash-completion/completions/monban", "usr/local/share/zsh/site-functions/_monban",
            "usr/local/share/fish/vendor_completions.d/monban.fish", "usr/local/share/doc/monban/examples/config.toml",
            "usr/local/lib/systemd/system/monban-kiosk@.service", "usr/local/lib/systemd/system/monban-deliver.service",
            "usr/local/share/monban/installed-files",
        ]
        let pages = try commandPaths().map { "usr/local/share/man/man1/\($0.joined(separator: "-")).1" }
        XCTAssertTrue(pages.contains("usr/local/share/man/man1/monban-contract.1"), "\(pages)")
        expected.formUnion(pages)
        let files = tree(destdir).filter { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: destdir + "/" + path, isDirectory: &isDir) && !isDir.boolValue
        }
        XCTAssertEqual(files.subtracting(expected).sorted(), [], "installed, not expected")
        XCTAssertEqual(expected.subtracting(files).sorted(), [], "expected, not installed")

        // The installed binary is stripped, links to its debug symbols, and runs.
        let installed = destdir + "/usr/local/bin/monban"
        let sections = try sh("readelf -S --wide '\(installed)'").output
        XCTAssertFalse(sections.contains(".symtab"), "not stripped")
        XCTAssertFalse(sections.contains(".debug_info"), "not stripped")
        XCTAssertTrue(sections.contains(".gnu_debuglink"), sections)
        let debugSections = try sh("readelf -S --wide '\(destdir)/usr/local/lib/debug/usr/local/bin/monban.debug'").output
        XCTAssertTrue(debugSections.contains(".symtab"), debugSections)
        let link = try sh("readelf --string-dump=.gnu_debuglink '\(installed)'").output
        XCTAssertTrue(link.contains("monban.debug"), link)
        let help = try MonbanProcess.run(["--help"], executable: installed)
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("contract"), help.stdout)
        // The original build is untouched: still its symbols.
        XCTAssertTrue(try sh("readelf -S --wide '\(bin)'").output.contains(".symtab"))

        // The units start the installed binary; the man pages render without a warning;
        // the completions load in their shells (fish completes a subcommand; zsh: its syntax).
        let deliver = try String(contentsOfFile: destdir + "/usr/local/lib/systemd/system/monban-deliver.service", encoding: .utf8)
        XCTAssertTrue(deliver.contains("ExecStart=/usr/local/bin/monban deliver --watch"), deliver)
        for page in pages {
            let render = try sh("man --warnings -E UTF-8 -l '\(destdir)/\(page)' 2>&1 >/dev/null", environment: ["MANWIDTH": "80"])
            XCTAssertEqual(render.output, "", page)
        }
        let bash = try sh("bash -c \". '\(destdir)/usr/local/share/bash-completion/completions/monban' && complete -p monban\"")
        XCTAssertEqual(bash.status, 0, bash.output)
        XCTAssertTrue(bash.output.hasPrefix("complete ") && bash.output.contains(" -F ") && bash.output.hasSuffix(" monban\n"), bash.output)
        let zsh = try sh("zsh -n '\(destdir)/usr/local/share/zsh/site-functions/_monban'")
        XCTAssertEqual(zsh.status, 0, "zsh (make test installs it): \(zsh.output)")
        let fish = try sh("fish -c \"source '\(destdir)/usr/local/share/fish/vendor_completions.d/monban.fish'; complete -C'monban cont'\"")
        XCTAssertTrue(fish.output.hasPrefix("contract\t"), "fish (make test installs it): \(fish.output)")

        // Uninstall: everything install put, and only that, is gone.
        let uninstall = try sh("make -s uninstall DESTDIR='\(destdir)'")
        XCTAssertEqual(uninstall.status, 0, uninstall.output)
        XCTAssertEqual(tree(destdir).sorted(), ["usr", "usr/local", "usr/local/bin", "usr/local/bin/other"])
        try sh("rm -r '\(destdir)/usr'")
        // Into an empty DESTDIR, then out again: the tree is left empty.
        XCTAssertEqual(try sh("make -s -o release install BIN_RELEASE='\(bin)' DESTDIR='\(destdir)' >/dev/null && make -s uninstall DESTDIR='\(destdir)'").status, 0)
        XCTAssertEqual(tree(destdir).sorted(), [], "left after uninstall")
    }

    /// The .deb: built from MONBAN_BIN, lintian without errors, installed with dpkg -i; the
    /// system account and its 0700 folder made; demo and audit --verify run as that account;
    /// man pages found by man; `monban <TAB><TAB>` completes in bash; systemd-analyze verify
    /// passes both units; dpkg --purge leaves only the account (kept, as Debian keeps them).
    func testPK1_debianPackageInstallsRunsAsItsAccountAndPurges() throws {
        guard getuid() == 0 else {
            throw XCTSkip("installing a Debian package needs root (dpkg -i, adduser); CI runs make test as root")
        }
        guard try sh("dpkg-query -W -f='${Status}' monban 2>/dev/null | grep -q 'install ok installed'").status != 0 else {
            throw XCTSkip("a monban package is installed on this machine: this test would replace and purge it")
        }
        for tool in ["dpkg-deb", "lintian", "systemd-analyze", "man", "tmux", "adduser"] {
            XCTAssertEqual(try sh("command -v \(tool)").status, 0, "\(tool) is missing: make test installs it (DEBS_PACKAGE)")
        }
        let accountExisted = try sh("getent passwd monban").status == 0
        defer {
            _ = try? sh("dpkg --purge monban")
            if !accountExisted { _ = try? sh("deluser --system --quiet monban; delgroup --system --quiet --only-if-empty monban") }
            // man-db's trigger updates its index without purging; drop the purged pages from it now.
            _ = try? sh("mandb --quiet")
        }

        // Built from the binary make test built: no second build.
        let out = dir.appendingPathComponent("deb").path
        let build = try sh("packaging/build-deb.sh '\(MonbanProcess.binary)' '\(out)'", environment: ["DBGSYM": "no", "COMPRESS": "gzip"])
        XCTAssertEqual(build.status, 0, build.output)
        let deb = try XCTUnwrap(build.output.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(deb.hasSuffix(".deb"), build.output)

        // Depends: read from the binary (NEEDED, and the libraries loaded on first use).
        let depends = try sh("dpkg-deb -f '\(deb)' Depends").output
        for library in ["libc6", "libsqlite3-0", "libncursesw6", "libcurl4", "libqrencode4", "libldap", "libpq5", "adduser"] {
            XCTAssertTrue(depends.contains(library), "Depends lacks \(library): \(depends)")
        }
        let contents = try sh("dpkg-deb -c '\(deb)'").output
        for path in ["./usr/bin/monban", "./usr/share/man/man1/monban.1.gz", "./usr/share/man/man1/monban-contract.1.gz",
                     "./usr/share/bash-completion/completions/monban", "./usr/share/zsh/vendor-completions/_monban",
                     "./usr/share/fish/vendor_completions.d/monban.fish", "./usr/share/doc/monban/copyright",
                     "./usr/share/doc/monban/changelog.Debian.gz", "./usr/share/doc/monban/examples/config.toml",
                     "./lib/systemd/system/monban-kiosk@.service", "./lib/systemd/system/monban-deliver.service"] {
            XCTAssertTrue(contents.contains(" \(path)\n"), "\(path) not in the package:\n\(contents)")
        }

        let lintian = try sh("lintian --fail-on error '\(deb)'")
        XCTAssertEqual(lintian.status, 0, lintian.output)
        XCTAssertFalse(lintian.output.split(separator: "\n").contains { $0.hasPrefix("E:") }, lintian.output)
        print("lintian:\n\(lintian.output)")

        let install = try sh("dpkg -i '\(deb)'")
        XCTAssertEqual(install.status, 0, install.output)
        let folder = try sh("stat -c '%a %U %G' /var/lib/monban").output
        XCTAssertEqual(folder, "700 monban monban\n")
        XCTAssertEqual(try sh("getent passwd monban | cut -d: -f6,7").output, "/var/lib/monban:/usr/sbin/nologin\n")

        // As the system account, as an operator would: sudo -u monban, or runuser.
        let asMonban = "runuser -u monban -- env HOME=/var/lib/monban SWIFT_BACKTRACE=enable=no monban"
        let demo = try sh("\(asMonban) demo --db /var/lib/monban/demo.sqlite3")
        XCTAssertEqual(demo.status, 0, demo.output)
        XCTAssertTrue(demo.output.contains("Monban-Demo-2026"), demo.output)
        let verify = try sh("\(asMonban) audit --verify --db /var/lib/monban/demo.sqlite3")
        XCTAssertEqual(verify.status, 0, verify.output)
        XCTAssertEqual(try sh("stat -c '%a %U' /var/lib/monban/demo.sqlite3").output, "600 monban\n")
        // The operator's first command on the installed package prints its checks (issue 22 item 3):
        // the database and the audit chain pass; nothing fails on a fresh install.
        let doctor = try sh("\(asMonban) doctor --db /var/lib/monban/demo.sqlite3")
        XCTAssertTrue([0, 1].contains(doctor.status), doctor.output)
        for check in ["database.owner-only", "audit.chain"] {
            XCTAssertTrue(doctor.output.split(separator: "\n").contains { $0.hasPrefix("OK") && $0.contains(check) },
                          "\(check): \(doctor.output)")
        }

        // The kiosk unit resets the demo database only when configured to: its ExecStartPre,
        // run as systemd would (as monban, "$$" unescaped to "$") with each setting.
        let unit = try String(contentsOfFile: "/lib/systemd/system/monban-kiosk@.service", encoding: .utf8)
        let pre = try XCTUnwrap(unit.split(separator: "\n").first { $0.hasPrefix("ExecStartPre=/bin/sh -c '") })
        let script = String(pre.dropFirst("ExecStartPre=/bin/sh -c '".count).dropLast()).replacingOccurrences(of: "$$", with: "$")
        try script.write(to: dir.appendingPathComponent("pre.sh"), atomically: true, encoding: .utf8)
        try sh("chmod 644 '\(dir.path)/pre.sh' && chmod 755 '\(dir.path)'")
        func kioskPre(_ db: String, reset: String) throws -> Result {
            try sh("runuser -u monban -- env HOME=/var/lib/monban MONBAN_DB=\(db) MONBAN_KIOSK_RESET_DEMO=\(reset) /bin/sh '\(dir.path)/pre.sh'")
        }
        XCTAssertEqual(try kioskPre("/var/lib/monban/kiosk.sqlite3", reset: "no").status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/var/lib/monban/kiosk.sqlite3"), "reset without being asked")
        XCTAssertEqual(try kioskPre("/var/lib/monban/kiosk.sqlite3", reset: "yes").status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "/var/lib/monban/kiosk.sqlite3"), "no demo database made")
        let real = try sh("printf 'Keiyaku-2026!\\n' | \(asMonban) contract create --db /var/lib/monban/real.sqlite3 --email a@example.jp --plan basic --password-stdin")
        XCTAssertEqual(real.status, 0, real.output)
        let refused = try kioskPre("/var/lib/monban/real.sqlite3", reset: "yes")
        XCTAssertNotEqual(refused.status, 0, "a database monban demo did not make was reset: \(refused.output)")
        let still = try sh("printf 'Keiyaku-2026!\\n' | \(asMonban) signin --db /var/lib/monban/real.sqlite3 --email a@example.jp")
        XCTAssertEqual(still.status, 0, "the refused database is intact: \(still.output)")

        // man finds the pages by name.
        for page in ["monban", "monban-contract", "monban-deliver"] {
            // Not 80 columns: man-db then keeps no formatted copy in /var/cache/man behind the package.
            let man = try sh("man \(page) | head -5", environment: ["MANPAGER": "cat", "MANWIDTH": "100"])
            XCTAssertEqual(man.status, 0, man.output)
            XCTAssertTrue(man.output.uppercased().contains(page.uppercased().replacingOccurrences(of: "-", with: ".")) ||
                          man.output.uppercased().contains(page.uppercased()), "man \(page):\n\(man.output)")
        }

        // systemd-analyze verify: syntax, the binary's path, the man pages of Documentation=.
        // (It formats the Documentation= pages with man: at 100 columns man-db caches no copy.)
        let analyze = try sh("cd /lib/systemd/system && systemd-analyze verify monban-deliver.service monban-kiosk@tty1.service",
                             environment: ["MANWIDTH": "100"])
        XCTAssertEqual(analyze.status, 0, analyze.output)
        XCTAssertEqual(analyze.output.split(separator: "\n").filter { $0.contains("monban") }, [], "systemd-analyze verify")
        // And their hardening: systemd's exposure score at most 2.5 of 10 (deliver 1.6, kiosk 2.1 today).
        let exposure = try sh("cd /lib/systemd/system && systemd-analyze security --offline=yes --threshold=25 --no-pager "
                              + "./monban-deliver.service ./monban-kiosk@tty1.service | grep 'Overall exposure'")
        XCTAssertEqual(exposure.status, 0, exposure.output)

        // monban <TAB><TAB> in bash, with the completion the package installed, loaded on demand.
        let terminal = try TmuxTerminal("bash --norc --noprofile", width: 120, height: 30,
                                        environment: ["PS1": "$ ", "HOME": dir.path])
        try terminal.type(". /usr/share/bash-completion/bash_completion\n")
        try terminal.type("monban ")
        try terminal.press("Tab")
        try terminal.press("Tab")
        for subcommand in try commandPaths().filter({ $0.count == 2 }).map({ $0[1] }) where subcommand != "help" {
            terminal.waitFor(subcommand)
        }
        try terminal.press("C-u")
        try terminal.type("monban cont")
        try terminal.press("Tab")
        terminal.waitFor("$ monban contract")

        // Purge: the package's files, the data folder; the account stays (Debian keeps accounts).
        let purge = try sh("dpkg --purge monban")
        XCTAssertEqual(purge.status, 0, purge.output)
        for line in contents.split(separator: "\n") where line.hasPrefix("-") {
            guard let path = line.split(separator: " ").last.map({ String($0.dropFirst()) }) else { continue }
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "\(path) left after purge")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/var/lib/monban"), "/var/lib/monban left after purge")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/usr/share/doc/monban"))
        XCTAssertEqual(try sh("ls /var/cache/man/cat1 2>/dev/null | grep '^monban'").output, "", "formatted pages left in man-db's cache")
        XCTAssertNotEqual(try sh("dpkg-query -W -f='${Status}' monban 2>/dev/null | grep -q 'install ok'").status, 0)
        XCTAssertEqual(try sh("getent passwd monban").status, 0, "the system account is kept")
    }
}
