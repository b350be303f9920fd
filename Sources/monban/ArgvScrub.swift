import Glibc

/// `monban open URL` used to keep the link's ticket in its own command line for its whole
/// life, readable by every local user in /proc/PID/cmdline and `ps` (issue 19 finding 8).
/// At start, before the arguments are parsed or anything else runs, the ticket of every
/// argument that carries one is overwritten in place, in the memory the kernel shows as the
/// command line: `…/lo/reset?ticket=xxxx…`. The arguments were copied first
/// (`CommandLine.arguments`), so the command still sees the link.
///
/// What stays: the window between exec and this function (the dynamic loader and the Swift
/// runtime's start, a few milliseconds) in which another user polling /proc can read it, and
/// the shell's history. Reading the link from standard input (`monban open` with no link) has
/// neither; the documentation shows that form.
enum ArgvScrub {
    static let marker = Array("ticket=".utf8)

    /// Overwrites every ticket in `argv[1...]` with "x"; returns how many arguments changed.
    @discardableResult
    static func scrubTickets(argc: Int32 = CommandLine.argc,
                             argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = CommandLine.unsafeArgv) -> Int {
        var changed = 0
        var i = 1
        while i < Int(argc) {
            defer { i += 1 }
            guard let arg = argv[i] else { continue }
            let length = strlen(arg)
            var scrubbed = false
            var j = 0
            while j + marker.count <= length {
                if (0..<marker.count).allSatisfy({ UInt8(bitPattern: arg[j + $0]) == marker[$0] }) {
                    var k = j + marker.count
                    // The ticket runs to the next '&' or '#' (another query item or a fragment).
                    while k < length, arg[k] != 0x26, arg[k] != 0x23 {
                        arg[k] = 0x78  // "x"
                        k += 1
                        scrubbed = true
                    }
                    j = k
                } else {
                    j += 1
                }
            }
            if scrubbed { changed += 1 }
        }
        return changed
    }
}
