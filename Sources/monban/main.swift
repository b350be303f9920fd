#if canImport(Glibc)
import Glibc
#endif

// A write past the file-size limit (RLIMIT_FSIZE, a quota) must fail with EFBIG, which
// the store reports as a full disk, instead of killing the process mid-transaction.
signal(SIGXFSZ, SIG_IGN)

// The entry point. Starting the client with only its own options (`monban`,
// `monban --db PATH --lang en`) skips the argument parser, whose dynamic casts
// cost milliseconds before the first paint; everything else goes through it.
if let options = QuickStart.clientOptions(CommandLine.arguments.dropFirst()) {
    QuickStart.run(options)
} else {
    Monban.main()
}
