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
    ],
    targets: [
        // The ncurses C API, wrapped for Swift 6 (globals and macros become functions).
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        // The simulated control plane: objects, store, controllers, virtual clock. Foundation only.
        .target(name: "Cluster"),
        // kubectl's grammar and output over the cluster; manifests and scenarios (YAML).
        .target(
            name: "Commands",
            dependencies: ["Cluster", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Scenarios/Library")]
        ),
        // The dashboard as a pure function of state: frames, panes, keys, themes. No ncurses here.
        .target(name: "Dashboard", dependencies: ["Cluster", "Commands", .product(name: "Yams", package: "Yams")]),
        // The only code that talks to the terminal (ncurses): draws frame differences, reads keys.
        .target(name: "Terminal", dependencies: ["CNcurses", "Dashboard"]),
        .executableTarget(
            name: "kubesim",
            dependencies: [
                "Cluster", "Commands", "Dashboard", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (text snapshots).
        .target(name: "KubesimTestSupport"),
        .testTarget(name: "ClusterTests", dependencies: ["Cluster"]),
        .testTarget(name: "CommandsTests", dependencies: ["Cluster", "Commands", "KubesimTestSupport"],
                    exclude: ["__Snapshots__", "Fixtures"]),
        // Drives the built binary; depending on it makes `swift test` build it first.
        .testTarget(name: "DashboardTests", dependencies: ["Cluster", "Commands", "Dashboard", "KubesimTestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "EndToEndTests", dependencies: ["kubesim"]),
    ]
)
