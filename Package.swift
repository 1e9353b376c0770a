// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "livegate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "livegate", targets: ["livegate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
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
                "LiveJSON",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Order-keeping JSON with each legacy server's output style; shared by dialects and fixtures.
        .target(name: "LiveJSON", swiftSettings: swiftSettings),
        // The embedded default store: SQLite through GRDB, in WAL mode.
        .target(
            name: "LiveStoreSQLite",
            dependencies: [
                "LiveCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The plug every dialect fits: routes, parameters from any encoding, envelopes, code tables.
        .target(
            name: "DialectKit",
            dependencies: [
                "LiveCore", "LiveJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // One folder per dialect; Registry.swift lists them.
        .target(
            name: "Dialects",
            dependencies: ["LiveCore", "LiveJSON", "DialectKit", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        // The Hummingbird application: listeners, middleware, health, metrics, media.
        .target(
            name: "Gateway",
            dependencies: [
                "LiveCore", "LiveStoreSQLite", "DialectKit", "Dialects",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fixture format, replay runner and recording proxy.
        .target(
            name: "FixtureKit",
            dependencies: [
                "LiveJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "livegate",
            dependencies: [
                "Gateway", "FixtureKit", "LiveCore", "LiveStoreSQLite", "LiveJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiveCoreTests",
            dependencies: ["LiveCore", "LiveStoreSQLite", "LiveJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "LiveCore", "LiveStoreSQLite", "FixtureKit", "DialectKit", "LiveJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
