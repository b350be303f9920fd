// swift-tools-version:6.0
import PackageDescription

// Layers, dependencies pointing one way:
//   swift-crypto (Crypto, CryptoExtras) → MonbanCrypto
//   GRDB → MonbanStore
//   MonbanCrypto + MonbanStore → MonbanCore (the engine: no UI, no terminal)
//   MonbanCore → monban (the executable)
// Every package is pinned with `exact:` (Package.resolved is not committed): a build resolves
// the same versions everywhere.

let package = Package(
    name: "monban",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "monban", targets: ["monban"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/vapor/jwt-kit", exact: "5.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // Already in the binary through jwt-kit; named here because MonbanCrypto uses it directly.
        // jwt-kit 5.8.0 accepts 4.1.0 ..< 6.0.0: the pin is the version it resolves to.
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        // SHA-256, HMAC, AES-256-GCM and scrypt from swift-crypto (BoringSSL, linked in):
        // no library to load, nothing that can be missing at run time
        // (docs/decisions/0001-startup-machinery-removed.md).
        .target(name: "MonbanCrypto", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "MonbanStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "MonbanCore",
            dependencies: ["MonbanCrypto", "MonbanStore"]
        ),
        // libcurl, libldap and libqrencode serve optional features: each is loaded on first use
        // by its versioned soname, through the one loader in CLazyLoader.
        .target(name: "CLazyLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CLibCurl", dependencies: ["CLazyLoader"]),
        .target(name: "MonbanHTTP", dependencies: ["CLibCurl"]),
        .target(name: "CLdap", dependencies: ["CLazyLoader"]),
        // Active Directory sign-in: an LDAP simple bind of the UPN (LG-5).
        .target(name: "MonbanDirectory", dependencies: ["CLdap"]),
        // Federated sign-in: OAuth 2.0 device flow (RFC 8628) and ID-token validation with jwt-kit (LG-4).
        .target(name: "MonbanFederation", dependencies: ["MonbanHTTP", .product(name: "JWTKit", package: "jwt-kit")]),
        // libqrencode on first use → MonbanQR: the two-step verification QR code (SPEC TF-3).
        .target(name: "CQrencode", dependencies: ["CLazyLoader"]),
        .target(name: "MonbanQR", dependencies: ["CQrencode"]),
        // Delivery of the outbox (issue 8): SMTP and the SMS gateway through libcurl; the engine decides.
        .target(name: "MonbanDelivery", dependencies: ["MonbanCore", "MonbanHTTP"]),
        .target(name: "MonbanUI", dependencies: ["MonbanCore", "MonbanQR", "MonbanFederation", "MonbanHTTP"]),
        // config.toml: the service, the federated providers (LG-4).
        .target(
            name: "MonbanConfig",
            dependencies: ["MonbanCore", "MonbanFederation", "MonbanDelivery", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "MonbanTerminal", dependencies: ["MonbanUI", "CNcursesw"]),
        .executableTarget(
            name: "monban",
            dependencies: [
                "MonbanCore", "MonbanUI", "MonbanTerminal", "MonbanConfig", "MonbanDirectory", "MonbanDelivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "monban-bench", dependencies: ["MonbanCore", "MonbanCrypto", "MonbanStore", "MonbanUI", .product(name: "GRDB", package: "GRDB.swift")], path: "bench/Sources"),
        // Crash safety (issue 9 part 1): the workload, its invariants, and the worker the
        // end-to-end test kills with SIGKILL. Test tooling, like monban-bench: not a product.
        .target(name: "MonbanTorture", dependencies: ["MonbanCore", "MonbanStore", .product(name: "GRDB", package: "GRDB.swift")],
                path: "torture/Sources/MonbanTorture"),
        .executableTarget(name: "monban-torture", dependencies: ["MonbanTorture", "MonbanCore"], path: "torture/Sources/monban-torture"),
        .testTarget(name: "MonbanCryptoTests", dependencies: ["MonbanCrypto"]),
        .testTarget(name: "MonbanUITests", dependencies: ["MonbanUI", "MonbanCore", "MonbanStore", "TestSupport"]),
        .testTarget(name: "MonbanTerminalTests", dependencies: ["MonbanTerminal", "MonbanUI"]),
        .testTarget(name: "MonbanStoreTests", dependencies: ["MonbanStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MonbanCoreTests", dependencies: ["MonbanCore", "MonbanStore", "MonbanCrypto"]),
        // Test support shared by test targets: captured QR text → image → zbarimg; a silent TCP listener.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MonbanQRTests", dependencies: ["MonbanQR", "MonbanUI", "TestSupport"]),
        .testTarget(name: "MonbanTwoStepTests", dependencies: ["MonbanCore", "MonbanCrypto"]),
        .testTarget(name: "MonbanHTTPTests", dependencies: ["MonbanHTTP", "CLazyLoader", "TestSupport"]),
        .testTarget(name: "MonbanConfigTests", dependencies: ["MonbanConfig", "MonbanFederation", "MonbanDelivery"]),
        .testTarget(name: "MonbanDeliveryTests", dependencies: ["MonbanDelivery", "MonbanCore", "MonbanStore", "MonbanHTTP", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MonbanDirectoryTests", dependencies: ["MonbanDirectory", "TestSupport"]),
        .testTarget(name: "MonbanFederationTests", dependencies: ["MonbanFederation", "MonbanHTTP", .product(name: "JWTKit", package: "jwt-kit")]),
        .testTarget(name: "EndToEndTests", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "TestSupport", "MonbanTorture", "MonbanCore"]),
    ],
    swiftLanguageModes: [.v6]
)
