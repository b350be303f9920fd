// swift-tools-version:6.0
import PackageDescription

// Layers, dependencies pointing one way:
//   CLibCrypto (system library) → MonbanCrypto
//   GRDB → MonbanStore
//   MonbanCrypto + MonbanStore → MonbanCore (the engine: no UI, no terminal)
//   MonbanCore → monban (the executable)
// The modules whose code runs before the client's first paint, when CoreFoundation is not set
// up yet in the release binary (bench/README.md, "Before the first paint"): a file there sees
// only the modules it imports itself, so Foundation's CoreFoundation-backed API (NSString,
// DateFormatter, Unicode normalisation, ...) is usable only in files that say `import Foundation`.
let beforeFirstPaint: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "monban",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "monban", targets: ["monban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libcrypto through dlopen on first use (see Sources/CLibCrypto/include/lazy_crypto.h).
        .target(name: "CLibCrypto", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "MonbanCrypto", dependencies: ["CLibCrypto"]),
        .target(name: "MonbanStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "MonbanCore",
            dependencies: ["MonbanCrypto", "MonbanStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: beforeFirstPaint
        ),
        // libcurl and libldap through dlopen on first use, like libcrypto: start-up does not load them.
        .target(name: "CLibCurl", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "MonbanHTTP", dependencies: ["CLibCurl"]),
        .target(name: "CLdap", linkerSettings: [.linkedLibrary("dl")]),
        // Active Directory sign-in: an LDAP simple bind of the UPN (LG-5).
        .target(name: "MonbanDirectory", dependencies: ["CLdap"]),
        // Federated sign-in: OAuth 2.0 device flow (RFC 8628) and ID-token validation with jwt-kit (LG-4).
        .target(name: "MonbanFederation", dependencies: ["MonbanHTTP", .product(name: "JWTKit", package: "jwt-kit")]),
        // libqrencode through dlopen on first use → MonbanQR: the two-step verification QR code (SPEC TF-3).
        .target(name: "CQrencode", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "MonbanQR", dependencies: ["CQrencode"]),
        // Delivery of the outbox (issue 8): SMTP and the SMS gateway through libcurl; the engine decides.
        .target(name: "MonbanDelivery", dependencies: ["MonbanCore", "MonbanHTTP"]),
        // The terminal-UI kit: canvas, styles, keys, display width, forms, fields, the QR view. No monban domain.
        .target(name: "MonbanTUI"),
        .target(name: "MonbanUI", dependencies: ["MonbanTUI", "MonbanCore", "MonbanQR", "MonbanFederation", "MonbanHTTP"],
                swiftSettings: beforeFirstPaint),
        // config.toml: the service, the federated providers (LG-4).
        .target(
            name: "MonbanConfig",
            dependencies: ["MonbanCore", "MonbanFederation", "MonbanDelivery", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // CoreFoundation's constructor, run after the first paint (bench/defer_constructor.py).
        .target(name: "CDeferredInit"),
        .target(name: "MonbanTerminal", dependencies: ["MonbanTUI", "CNcursesw"], swiftSettings: beforeFirstPaint),
        .executableTarget(
            name: "monban",
            dependencies: [
                "MonbanCore", "MonbanUI", "MonbanTerminal", "MonbanConfig", "MonbanDirectory", "MonbanDelivery", "CDeferredInit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: beforeFirstPaint
        ),
        .executableTarget(name: "monban-bench", dependencies: ["MonbanCore", "MonbanCrypto", "MonbanStore", "MonbanUI", "MonbanTUI", .product(name: "GRDB", package: "GRDB.swift")], path: "bench/Sources"),
        // Crash safety (issue 9 part 1): the workload, its invariants, and the worker the
        // end-to-end test kills with SIGKILL. Test tooling, like monban-bench: not a product.
        .target(name: "MonbanTorture", dependencies: ["MonbanCore", "MonbanStore", .product(name: "GRDB", package: "GRDB.swift")],
                path: "torture/Sources/MonbanTorture"),
        .executableTarget(name: "monban-torture", dependencies: ["MonbanTorture", "MonbanCore"], path: "torture/Sources/monban-torture"),
        .testTarget(name: "MonbanCryptoTests", dependencies: ["MonbanCrypto"]),
        .testTarget(name: "MonbanUITests", dependencies: ["MonbanUI", "MonbanTUI", "MonbanCore", "MonbanStore", "TestSupport"]),
        .testTarget(name: "MonbanTerminalTests", dependencies: ["MonbanTerminal", "MonbanTUI"]),
        .testTarget(name: "MonbanStoreTests", dependencies: ["MonbanStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MonbanCoreTests", dependencies: ["MonbanCore", "MonbanStore", "MonbanCrypto"]),
        // Test support shared by test targets: captured QR text → image → zbarimg; a silent TCP listener.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MonbanQRTests", dependencies: ["MonbanQR", "MonbanTUI", "MonbanUI", "TestSupport"]),
        .testTarget(name: "MonbanTwoStepTests", dependencies: ["MonbanCore", "MonbanCrypto"]),
        .testTarget(name: "MonbanHTTPTests", dependencies: ["MonbanHTTP", "TestSupport"]),
        .testTarget(name: "MonbanConfigTests", dependencies: ["MonbanConfig", "MonbanFederation", "MonbanDelivery"]),
        .testTarget(name: "MonbanDeliveryTests", dependencies: ["MonbanDelivery", "MonbanCore", "MonbanStore", "MonbanHTTP", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MonbanDirectoryTests", dependencies: ["MonbanDirectory", "TestSupport"]),
        .testTarget(name: "MonbanFederationTests", dependencies: ["MonbanFederation", "MonbanHTTP", .product(name: "JWTKit", package: "jwt-kit")]),
        .testTarget(name: "EndToEndTests", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "TestSupport", "MonbanTorture", "MonbanCore"]),
    ],
    swiftLanguageModes: [.v6]
)
