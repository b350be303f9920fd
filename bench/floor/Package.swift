// swift-tools-version:6.0
// The start-up floor (docs/decisions/0016): the smallest programs built as monban's release
// is, painting a line with the marker bench/startup.py waits for, then waiting for a key.
// Build: swift build -c release --static-swift-stdlib --disable-local-rpath -Xlinker --no-export-dynamic
//   -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now
// Measure: python3 bench/startup.py MONBAN DB 30 --compare floor-foundation=… --compare floor-argparser=…
import PackageDescription

let package = Package(
    name: "floor",
    dependencies: [.package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")],
    targets: [
        .executableTarget(name: "floor-foundation"),
        .executableTarget(name: "floor-argparser", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
