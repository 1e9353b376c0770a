// swift-tools-version:6.2
import PackageDescription

// Every target: existential `any` spelled out, and members visible only through the modules a file
// imports itself, so each target's dependencies below are exactly the modules it uses.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// The core, the store and the adapters also import internally unless a file says `public import`:
// what they expose of another module is then written down, and the compiler keeps GRDB, bcrypt,
// Crypto and NIO's file system from leaking through their public API.
let sealedSettings = swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")

let package = Package(
    name: "livegate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "livegate", targets: ["livegate"]),
    ],
    dependencies: [
        // Without swift-configuration (the ConfigurationSupport trait): LiveGate reads its own settings.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The canonical domain: entities, services, CoreError and the storage protocol. No HTTP, no dialect.
        .target(
            name: "LiveCore",
            dependencies: [
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sealedSettings
        ),
        // Order-keeping JSON with each legacy server's output style; shared by dialects and fixtures.
        .target(name: "LiveJSON", swiftSettings: swiftSettings),
        // The embedded default store: SQLite through GRDB, in WAL mode.
        .target(
            name: "LiveStoreSQLite",
            dependencies: ["LiveCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: sealedSettings
        ),
        // Where the core and the dialects meet the outside world, each behind a protocol they own:
        // Qiniu signing, SMS senders, media files. Never blocks an event loop.
        .target(
            name: "Adapters",
            dependencies: [
                "LiveCore", "LiveJSON", logging, nioCore,
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ],
            swiftSettings: sealedSettings
        ),
        // The plug every dialect fits: routes, parameters from any encoding, envelopes, code tables,
        // the request context and the middleware that renders failures and counts requests.
        .target(
            name: "DialectKit",
            dependencies: [
                "LiveCore", "LiveJSON", hummingbird, httpTypes, logging, nioCore,
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // One folder per dialect; Registry.swift lists them.
        .target(
            name: "Dialects",
            dependencies: ["LiveCore", "LiveJSON", "DialectKit", "Adapters", httpTypes, logging],
            swiftSettings: swiftSettings
        ),
        // The Hummingbird application: listeners, middleware, health, metrics, media, settings.
        .target(
            name: "Gateway",
            dependencies: [
                "LiveCore", "LiveJSON", "LiveStoreSQLite", "Adapters", "DialectKit", "Dialects",
                hummingbird, httpTypes, logging, nioCore, serviceLifecycle, unixSignals,
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fixture format, replay runner and recording proxy.
        .target(
            name: "FixtureKit",
            dependencies: [
                "LiveJSON", hummingbird, httpTypes, logging, nioCore,
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "livegate",
            dependencies: [
                "Gateway", "DialectKit", "FixtureKit", "LiveCore", "LiveJSON", hummingbird, logging, serviceLifecycle, unixSignals,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiveCoreTests",
            dependencies: ["LiveCore", "LiveStoreSQLite", "LiveJSON", "Adapters"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AdaptersTests",
            dependencies: ["Adapters", "LiveCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "LiveCore", "LiveStoreSQLite", "Adapters", "FixtureKit", "DialectKit", "Dialects", "LiveJSON",
                hummingbird, httpTypes, logging, nioCore, serviceLifecycle,
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
