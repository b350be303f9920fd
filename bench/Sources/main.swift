import Foundation

// monban-bench: run by `make bench` (swift run -c release monban-bench), never by
// the tests. See bench/README.md.
//   monban-bench                 the sign-in figures (issue 2)
//   monban-bench userlist PATH   the 管理コンソール's user list with 100,000 people (issue 7);
//                                the seeded database stays at PATH for the memory run
//   monban-bench stores          the SQLite file and PostgreSQL side by side (issue 21)
//   monban-bench userlist-stores BINARY   the user list with 1,000,000 people on both stores (issue 21)
//   monban-bench scrypt N        N timed scrypt derivations at the shipped cost (after one
//                                untimed), one line of milliseconds each (bench/scrypt_compare.py)
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "scrypt" {
    exit(ScryptBench.run(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 5))
}
if arguments.first == "userlist-stores" {
    exit(StoreListBench.run(binary: arguments.dropFirst().first ?? "monban"))
}
if arguments.first == "stores" {
    exit(StoreBench.run())
}
if arguments.first == "userlist" {
    exit(UserListBench.run(path: arguments.dropFirst().first ?? "/tmp/monban-bench-users.sqlite3"))
}
exit(Bench.run())
