// The entry point. Starting the client with only its own options (`monban`,
// `monban --db PATH --lang en`) skips the argument parser, whose dynamic casts
// cost milliseconds before the first paint; everything else goes through it.
if let options = QuickStart.clientOptions(CommandLine.arguments.dropFirst()) {
    QuickStart.run(options)
} else {
    Monban.main()
}
