// swift-tools-version:6.0
import PackageDescription

/// libFuzzer harnesses for leadsmith's parsers (built apart from the main package, never by `swift build`/`swift test`
/// at the top level). Build and run one with `scripts/fuzz.sh TARGET SECONDS`; see `Fuzz/README.md`.
///
/// Each harness is an executable linked against libFuzzer (`-sanitize=fuzzer,address`, `-parse-as-library`):
/// it exports `LLVMFuzzerTestOneInput` and libFuzzer supplies `main`.
let package = Package(
    name: "leadsmith-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "leadsmith", path: ".."),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "LeadCore", package: "leadsmith"), .product(name: "LeadIntake", package: "leadsmith")]
        ),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport", .product(name: "LeadIntake", package: "leadsmith")]),
        .executableTarget(name: "fuzz-chatbot", dependencies: ["FuzzSupport", .product(name: "LeadIntake", package: "leadsmith")]),
        .executableTarget(name: "fuzz-forms", dependencies: ["FuzzSupport", .product(name: "LeadIntake", package: "leadsmith")]),
        .executableTarget(
            name: "fuzz-research",
            dependencies: [
                "FuzzSupport",
                .product(name: "LeadHTML", package: "leadsmith"),
                .product(name: "LeadResearch", package: "leadsmith"),
            ]
        ),
        .executableTarget(name: "fuzz-robots", dependencies: ["FuzzSupport", .product(name: "LeadFetch", package: "leadsmith")]),
        .executableTarget(name: "fuzz-icp", dependencies: ["FuzzSupport", .product(name: "LeadQualify", package: "leadsmith")]),
    ],
    swiftLanguageModes: [.v5]
)
