import Glibc

// The arguments, copied before anything else, then the tickets in the process's own command
// line overwritten (issue 19 finding 8): /proc/PID/cmdline shows no e-mailed link's ticket.
let launchArguments = CommandLine.arguments
ArgvScrub.scrubTickets()

// A write past the file-size limit (RLIMIT_FSIZE, a quota) must fail with EFBIG, which
// the store reports as a full disk, instead of killing the process mid-transaction.
signal(SIGXFSZ, SIG_IGN)

Monban.main(Array(launchArguments.dropFirst()))
