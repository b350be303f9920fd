import Foundation

// monban-bench: run by `make bench` (swift run -c release monban-bench), never by
// the tests. See bench/README.md.
exit(Bench.run())
