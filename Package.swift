// swift-tools-version: 6.1
import PackageDescription

/// Each file sees only the members of the modules it imports itself, so a
/// Foundation API cannot slip into the library through another file's import.
let importsPerFile: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "llm-persona",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LLMPersona", targets: ["LLMPersona"]),
        .library(name: "JSONSchema", targets: ["JSONSchema"]),
        .executable(name: "persona", targets: ["PersonaCLI"]),
        .plugin(name: "PersonaPlugin", targets: ["PersonaPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // The C library libyaml, from the system (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // SHA-256 on Linux: the system's OpenSSL libcrypto (Debian: libssl-dev).
        // Apple platforms use CryptoKit instead; see Fingerprint.swift.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The few system calls Swift's Glibc module does not expose (syncfs).
        .target(name: "CSystem"),
        // A thin Swift layer over libyaml's event parser.
        .target(name: "LibYAML", dependencies: ["CYAML"], swiftSettings: importsPerFile),
        // The ordered value tree with source positions, and the strict JSON reader.
        .target(
            name: "DocumentTree",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: importsPerFile
        ),
        // YAML text to document tree, through LibYAML events.
        .target(name: "YAMLLoader", dependencies: ["LibYAML", "DocumentTree"], swiftSettings: importsPerFile),
        // A general JSON Schema (draft 2020-12) validator over the document tree.
        .target(name: "JSONSchema", dependencies: ["DocumentTree"], swiftSettings: importsPerFile),
        // Personas: model, file shapes, resolution, rendering, registry.
        .target(
            name: "LLMPersona",
            dependencies: [
                "DocumentTree", "YAMLLoader", "JSONSchema", "CSystem",
                .target(name: "CLibCrypto", condition: .when(platforms: [.linux])),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ],
            swiftSettings: importsPerFile
        ),
        // The `persona` command-line tool. Release builds on Linux are one static
        // executable: the Swift runtime, libyaml, libcrypto and glibc linked in, so
        // nothing is loaded or relocated at start-up and no Swift toolchain is needed
        // to run it (the linker's warnings about glibc's name-service functions
        // concern code paths persona never takes). Compiled against the static
        // runtime's modules, so that it links what they need. Only this executable
        // carries the flags, no library product.
        .executableTarget(
            name: "PersonaCLI",
            dependencies: [
                "LLMPersona", "DocumentTree",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Compiles a target's personas/ folder into Swift at build time (docs/generate.md).
        .plugin(name: "PersonaPlugin", capability: .buildTool(), dependencies: ["PersonaCLI"]),
        // Benchmarks (see README): run-time fill cost.
        .executableTarget(
            name: "persona-fill-bench",
            dependencies: ["LLMPersona"],
            path: "Benchmarks/FillBenchmark"
        ),
        // Helpers shared by the test targets (scratch folders, the package root); no product uses it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DocumentTreeTests", dependencies: ["DocumentTree"]),
        .testTarget(name: "YAMLLoaderTests", dependencies: ["YAMLLoader", "LibYAML", "DocumentTree"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "DocumentTree", "TestSupport"]),
        .testTarget(name: "LLMPersonaTests", dependencies: ["LLMPersona", "DocumentTree", "JSONSchema", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "PersonaCLITests", dependencies: ["PersonaCLI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
