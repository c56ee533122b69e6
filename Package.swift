// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Kontor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kontor", targets: ["kontor"]),
        .executable(name: "kontor-fuzz", targets: ["KontorFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // MARK: C libraries, found through pkg-config.
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"]), .brew(["librdkafka"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),

        // MARK: Kontor modules.
        .target(
            name: "KontorKafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "KontorModel"),
        // Order routing: pure, no store or Kafka (Sources/KontorAllocation/README.md).
        .target(name: "KontorAllocation", dependencies: ["KontorModel"], exclude: ["README.md"]),
        .target(
            name: "KontorHTTPClient",
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "KontorStore",
            dependencies: [
                "KontorModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "KontorMapping",
            dependencies: [
                "KontorModel", "KontorX12", "KontorEDIFACT", "CLibXML2", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "KontorX12", dependencies: ["KontorModel"]),
        // Carrier selection, label booking and pickups, packing slips and labels (Sources/KontorShipping/README.md).
        .target(
            name: "KontorShipping",
            dependencies: ["KontorModel", "KontorHTTPClient", .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"]
        ),
        .target(name: "KontorEDIFACT", dependencies: ["KontorModel"]),
        .target(name: "KontorB2BXML", dependencies: ["KontorModel"]),
        .target(
            name: "KontorConnectors",
            dependencies: [
                "KontorB2BXML",
                "KontorEDIFACT",
                "KontorHTTPClient",
                "KontorKafka",
                "KontorMapping",
                "KontorModel",
                "KontorStore",
                "KontorWorkers",
                "KontorX12",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "KontorWorkers",
            dependencies: [
                "KontorAllocation",
                "KontorKafka",
                "KontorModel",
                "KontorStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]
        ),
        // Customer notifications: templates, e-mail over SMTP, webhooks (Sources/KontorNotifications/README.md).
        .target(
            name: "KontorNotifications",
            dependencies: [
                "KontorAllocation",
                "KontorHTTPClient",
                "KontorKafka",
                "KontorModel",
                "KontorStore",
                "KontorWorkers",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "KontorServer",
            dependencies: [
                "KontorConnectors",
                "KontorKafka",
                "KontorModel",
                "KontorShipping",
                "KontorStore",
                "KontorWorkers",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "KontorApp",
            dependencies: [
                "KontorAllocation",
                "KontorConnectors",
                "KontorEDIFACT",
                "KontorX12",
                "KontorHTTPClient",
                "KontorMapping",
                "KontorKafka",
                "KontorModel",
                "KontorNotifications",
                "KontorShipping",
                "KontorStore",
                "KontorWorkers",
                "KontorServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Replays fuzz corpora; with -sanitize=fuzzer and -DKONTOR_LIBFUZZER a libFuzzer binary (README, Fuzzing).
        .executableTarget(name: "KontorFuzz", dependencies: ["KontorEDIFACT", "KontorMapping", "KontorX12"]),
        .target(
            name: "KontorTestSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "kontor",
            dependencies: [
                "KontorApp",
                "KontorMapping",
                "KontorModel",
                "KontorEDIFACT",
                "KontorX12",
                "KontorStore",
                "KontorWorkers",
                "KontorServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests.
        .testTarget(name: "KontorKafkaTests", dependencies: ["KontorKafka"]),
        .testTarget(
            name: "KontorModelTests",
            dependencies: ["KontorModel"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KontorStoreTests",
            dependencies: [
                "KontorAllocation",
                "KontorKafka",
                "KontorModel",
                "KontorStore",
                "KontorWorkers",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "KontorMappingTests",
            dependencies: ["KontorMapping", "KontorModel", "KontorX12", "KontorEDIFACT"]
        ),
        .testTarget(name: "KontorAllocationTests", dependencies: ["KontorAllocation", "KontorModel"]),
        .testTarget(
            name: "KontorEDIFACTTests",
            dependencies: ["KontorEDIFACT", "KontorModel", "KontorTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KontorX12Tests",
            dependencies: ["KontorX12", "KontorModel", "KontorTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KontorB2BXMLTests",
            dependencies: ["KontorB2BXML", "KontorMapping", "KontorModel", "CLibXML2"]
        ),
        .testTarget(
            name: "KontorConnectorsTests",
            dependencies: [
                "KontorConnectors",
                "KontorKafka",
                "KontorMapping",
                "KontorModel",
                "KontorStore",
                "KontorTestSupport",
                "KontorWorkers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "KontorHTTPClientTests",
            dependencies: [
                "KontorHTTPClient",
                "KontorTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "KontorWorkersTests",
            dependencies: [
                "KontorAllocation",
                "KontorWorkers",
                // Carrier selection and label booking as `kontor run` wires them, against a local carrier API.
                "KontorApp", "KontorShipping", "KontorTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "KontorServerTests",
            dependencies: [
                "KontorConnectors", "KontorKafka", "KontorMapping", "KontorModel", "KontorServer", "KontorStore",
                "KontorTestSupport", "KontorWorkers",
                "KontorShipping",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "KontorShippingTests",
            dependencies: [
                "KontorShipping", "KontorModel", "KontorHTTPClient", "KontorTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "KontorNotificationsTests",
            dependencies: [
                "KontorAllocation", "KontorHTTPClient", "KontorKafka", "KontorModel", "KontorNotifications",
                "KontorStore",
                "KontorTestSupport", "KontorWorkers",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CCurl", "CLibXML2"]),
        .testTarget(
            name: "KontorAppTests",
            dependencies: [
                "KontorAllocation", "KontorApp", "KontorEDIFACT", "KontorKafka", "KontorModel", "KontorStore",
                "KontorX12", "KontorServer",
                "KontorNotifications",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "KontorEndToEndTests",
            dependencies: [
                "KontorAllocation", "KontorApp", "KontorKafka", "KontorModel", "KontorStore", "KontorTestSupport",
                "kontor",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The headless-browser check of the dashboard, run by DashboardEndToEndTests.
            exclude: ["Browser"]
        ),
    ]
)

// Strict settings for every Kontor target.
for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
