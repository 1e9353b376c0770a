// swift-tools-version:6.2
// The floor `make bench` measures LiveGate against: a plain Hummingbird server answering one small
// JSON document, with Hummingbird's defaults and nothing of LiveGate's. A separate package so the
// gateway's own code and dependencies cannot make the floor slower or faster.
import PackageDescription

let package = Package(
    name: "floor",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
    ],
    targets: [
        .executableTarget(name: "floor", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)
