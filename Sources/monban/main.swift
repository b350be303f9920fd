import Glibc

// The arguments, copied before anything else, then the tickets in the process's own command
// line overwritten (issue 19 finding 8): /proc/PID/cmdline shows no e-mailed link's ticket.
let launchArguments = Array(CommandLine.arguments.dropFirst())
ArgvScrub.scrubTickets()

// A write past the file-size limit (RLIMIT_FSIZE, a quota) must fail with EFBIG, which
// the store reports as a full disk, instead of killing the process mid-transaction.
signal(SIGXFSZ, SIG_IGN)

// The full-screen client, monban's default command, is parsed by the argument parser as a
// command of its own when the command line names no subcommand: the same options, the same
// checks, without first building and searching the tree of every operator command (about a
// third of the client's start-up, issue 18). Anything else — a subcommand, help, a mistake —
// goes through the whole tree, which says it exactly as before.
if Monban.namesNoSubcommand(launchArguments[...]), let client = try? ClientCommand.parseAsRoot(launchArguments) {
    var command = client
    do {
        try command.run()
    } catch {
        Monban.exit(withError: error)
    }
} else {
    Monban.main(launchArguments)
}
