// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kubesim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubesim", targets: ["kubesim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The HTTP listener of `kubesim serve`: NIO's HTTP/1.1 alone streams chunked watches and
        // checks out 4 packages (Hummingbird would bring 24 and twice the build time).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Property-based tests (generators and shrinking over Swift Testing); tests only, no
        // dependencies of its own.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The ncurses C API, wrapped for Swift 6 (globals and macros become functions).
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        // The simulated control plane: objects, store, controllers, virtual clock. Foundation only.
        // Optimised in debug builds too: the tests build clusters of thousands of nodes and tens
        // of thousands of pods, which unoptimised code runs ten times slower.
        // Release builds skip the run-time exclusivity checks (about 3% of a build-up's time in
        // swift_beginAccess); debug builds, which the tests use, keep them.
        .target(name: "Cluster", swiftSettings: [
            .unsafeFlags(["-O"], .when(configuration: .debug)),
            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        ]),
        // kubectl's grammar and output over the cluster; manifests and scenarios (YAML).
        .target(
            name: "Commands",
            dependencies: ["Cluster", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Scenarios/Library")]
        ),
        // The dashboard as a pure function of state: frames, panes, keys, themes. No ncurses here.
        .target(name: "Dashboard", dependencies: ["Cluster", "Commands", .product(name: "Yams", package: "Yams")]),
        // The Kubernetes API as real clients speak it, as pure request -> reply functions over the
        // cluster: discovery, OpenAPI, REST verbs, watch, patches, protobuf bodies. No networking.
        .target(name: "KubeAPI", dependencies: ["Cluster", "Commands"]),
        // The HTTP/1.1 listener that feeds KubeAPI and the thread that owns the cluster while serving.
        .target(
            name: "APIServer",
            dependencies: [
                "Cluster", "KubeAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // `kubesim fuzz`: a seeded mutational fuzzer over every parser and loader, reached the way
        // users reach them (typed lines, -f files, themes, scenarios, history, HTTP requests).
        // NIOEmbedded (a few files of swift-nio, already checked out) lets the raw HTTP target
        // drive the listener's pipeline in process, without sockets or threads. Optimised in
        // debug builds too: the test suite's smoke feeds every target 1,500 inputs.
        .target(
            name: "Fuzzing",
            dependencies: [
                "Cluster", "Commands", "Dashboard", "KubeAPI", "APIServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // The only code that talks to the terminal (ncurses): draws frame differences, reads keys.
        .target(name: "Terminal", dependencies: ["CNcurses", "Dashboard"]),
        .executableTarget(
            name: "kubesim",
            dependencies: [
                "Cluster", "Commands", "Dashboard", "Terminal", "KubeAPI", "APIServer", "Fuzzing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Helpers shared by the test targets (text snapshots).
        .target(name: "KubesimTestSupport"),
        .testTarget(name: "ClusterTests", dependencies: ["Cluster", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "CommandsTests", dependencies: ["Cluster", "Commands", "KubesimTestSupport",
                                                          .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["__Snapshots__", "Fixtures"]),
        // Drives the built binary; depending on it makes `swift test` build it first.
        .testTarget(name: "DashboardTests", dependencies: ["Cluster", "Commands", "Dashboard", "KubesimTestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "KubeAPITests", dependencies: ["Cluster", "Commands", "KubeAPI"], exclude: ["Fixtures"]),
        .testTarget(name: "APIServerTests", dependencies: ["APIServer", "Cluster", "Commands", "KubeAPI", "KubesimTestSupport"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "Cluster", "Commands"]),
        .testTarget(name: "EndToEndTests", dependencies: ["kubesim", "APIServer", "KubesimTestSupport"], exclude: ["Python"]),
    ]
)
