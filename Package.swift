// swift-tools-version:6.0
import PackageDescription

/// leadsmith: lead research and enrichment batch worker.
///
/// Layers, bottom up:
/// - `CLeadXML2`, `CLeadPSL`: system C libraries (libxml2; libpsl + libidn2).
/// - `LeadHTML`: a safe Swift HTML layer over libxml2 (no C pointers in its API).
/// - `LeadCore`: vocabularies, value types, rule files, normalisation (e-mail, names, phones, titles, domains).
/// - `LeadResearch`: page sources (offline snapshot) and fact extraction from company pages.
/// - `LeadIntake`: streaming readers for newsletter CSV, chatbot JSON and download-form NDJSON (uses
///   `LeadHTML`'s binary sniffer to tell a file that is not text).
/// - `LeadQualify`: ICP fit and BANT from rule files: scores with their reasons.
/// - `LeadFetch`: the live page source (async-http-client): robots.txt, politeness, SSRF guard, cache.
/// - `LeadPipeline`: clean, dedupe, research, write: the `run` job.
 /// - `LeadHandoff`: the hand-off to sales: CRM import CSV, the suppression list, the HTML run report.
/// - `LeadQueue`: durable batches on SQLite (GRDB) or PostgreSQL (postgres-nio, TLS through NIOSSL).
/// - `LeadMetrics`: Prometheus metrics (swift-metrics + swift-prometheus) served over HTTP (`work --metrics`).
/// - `LeadBench`: benchmark data generators for `leadsmith bench pipeline` (not a product library).
/// - `leadsmith`: the thin command-line executable.
let package = Package(
    name: "leadsmith",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadsmith", targets: ["leadsmith"]),
        .library(name: "LeadPipeline", targets: ["LeadPipeline"]),
        // The layers below, for the fuzz harnesses in Fuzz/ (a separate package with a path dependency on this one).
        .library(name: "LeadCore", targets: ["LeadCore"]),
        .library(name: "LeadHTML", targets: ["LeadHTML"]),
        .library(name: "LeadIntake", targets: ["LeadIntake"]),
        .library(name: "LeadResearch", targets: ["LeadResearch"]),
        .library(name: "LeadQualify", targets: ["LeadQualify"]),
        .library(name: "LeadFetch", targets: ["LeadFetch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLeadXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CLeadPSL",
            pkgConfig: "libpsl",
            providers: [.apt(["libpsl-dev", "libidn2-dev"]), .brew(["libpsl", "libidn2"])]
        ),
        .target(name: "LeadHTML", dependencies: ["CLeadXML2"]),
        .target(
            name: "LeadCore",
            dependencies: ["CLeadPSL", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "LeadResearch", dependencies: ["LeadHTML", "LeadCore"]),
        .target(name: "LeadIntake", dependencies: ["LeadCore", "LeadHTML"]),
        .target(
            name: "LeadFetch",
            dependencies: [
                "LeadCore", "LeadResearch",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "LeadQualify", dependencies: ["LeadCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "LeadHandoff", dependencies: ["LeadCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "LeadPipeline",
            dependencies: ["LeadCore", "LeadIntake", "LeadHandoff", "LeadResearch", "LeadQualify", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "LeadQueue",
            dependencies: [
                "LeadCore", "LeadIntake", "LeadResearch", "LeadPipeline", "LeadHandoff",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "LeadMetrics",
            dependencies: [
                "LeadCore", "LeadResearch",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Benchmark data generators (`leadsmith bench pipeline`); used only by the executable.
        .target(name: "LeadBench"),
        .executableTarget(
            name: "leadsmith",
            dependencies: [
                "LeadBench", "LeadPipeline", "LeadCore", "LeadResearch", "LeadFetch", "LeadQueue", "LeadQualify", "LeadMetrics", "LeadHandoff", "LeadIntake",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(name: "LeadTestSupport", dependencies: ["LeadCore", "LeadIntake", "LeadHandoff"]),
        .testTarget(name: "LeadHTMLTests", dependencies: ["LeadHTML", "LeadTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LeadCoreTests", dependencies: ["LeadCore", "LeadTestSupport"], exclude: ["TitleBank"]),
        .testTarget(name: "LeadResearchTests", dependencies: ["LeadResearch", "LeadTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LeadIntakeTests", dependencies: ["LeadIntake", "LeadTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LeadQualifyTests", dependencies: ["LeadQualify", "LeadTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LeadFetchTests",
            dependencies: [
                "LeadFetch", "LeadTestSupport", "LeadPipeline", "LeadHandoff",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "LeadQueueTests",
            dependencies: [
                "LeadQueue", "LeadMetrics", "LeadTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "LeadHandoffTests", dependencies: ["LeadHandoff", "LeadPipeline", "LeadIntake", "LeadTestSupport"]),
        .testTarget(name: "LeadPipelineTests", dependencies: ["LeadPipeline", "LeadHandoff", "LeadResearch", "LeadTestSupport"], resources: [.copy("Fixtures")]),
        // Third-party suites (../shared/conformance); skip when absent. Run: scripts/conformance.sh.
        .testTarget(name: "ConformanceTests", dependencies: ["LeadCore", "LeadFetch", "LeadTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
