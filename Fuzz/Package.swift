// swift-tools-version:5.4
// libFuzzer targets for llm-persona. Build and run them with `Fuzz/run.sh`
// (it passes `-sanitize=fuzzer,address`); they are a package of their own so
// the main package stays free of sanitizer settings. Tools version 5.4 on
// purpose: from 5.5 on, SwiftPM renames an executable's `main`, which would
// hide libFuzzer's own `main`.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, so the main package's
/// identity is the name of whatever folder holds this checkout.
let main = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// Swift 6 language mode (this tools version has no setting for it).
let swift6: [SwiftSetting] = [.unsafeFlags(["-swift-version", "6"])]

let package = Package(
    name: "llm-persona-fuzz",
    platforms: [.macOS(.v11)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .executableTarget(name: "FuzzYAML", dependencies: [.product(name: "LLMPersona", package: main)], swiftSettings: swift6),
        .executableTarget(name: "FuzzJSON", dependencies: [.product(name: "LLMPersona", package: main)], swiftSettings: swift6),
        .executableTarget(name: "FuzzSchema", dependencies: [.product(name: "JSONSchema", package: main)], swiftSettings: swift6),
        .executableTarget(
            name: "FuzzTemplate",
            dependencies: [
                .product(name: "LLMPersona", package: main),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: swift6),
        .executableTarget(name: "FuzzPipeline", dependencies: [.product(name: "LLMPersona", package: main)], swiftSettings: swift6),
        .executableTarget(name: "FuzzOutput", dependencies: [.product(name: "LLMPersona", package: main)], swiftSettings: swift6),
        .executableTarget(name: "FuzzPath", dependencies: [.product(name: "LLMPersona", package: main)], swiftSettings: swift6),
    ]
)
