// No `import Foundation` here: the quick start paints before CoreFoundation is set up.
#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CDeferredInit

// A write past the file-size limit (RLIMIT_FSIZE, a quota) must fail with EFBIG, which
// the store reports as a full disk, instead of killing the process mid-transaction.
signal(SIGXFSZ, SIG_IGN)

// The entry point. Starting the client with only its own options (`monban`,
// `monban --db PATH --lang en`) skips the argument parser, whose dynamic casts
// cost milliseconds before the first paint; everything else goes through it.
//
// The release binary runs CoreFoundation's static constructor late (CDeferredInit,
// bench/defer_constructor.py): the quick start paints the login screen first and runs it
// right after (ClientRun); every other path runs it here, before anything else.
if let options = QuickStart.clientOptions(CommandLine.arguments.dropFirst()) {
    QuickStart.run(options)
} else {
    monban_run_deferred_initialisers()
    Monban.main()
}
